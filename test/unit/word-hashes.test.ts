// Files that fail the pre-filter are kept as word hashes; a wrapper round re-reads only those
// that could mention a new wrapper. The query must never say no where the regex would say yes.
import assert from 'node:assert/strict';
import { WordQuery, wordHashes } from '../../src/engine/word-hashes';
import { wrapperNamePattern } from '../../src/engine/scan';
import type { FileFacts } from '../../src/engine/types';

describe('word hashes', () => {
  it('hashes the words a regex \\b sees, once each, sorted', () => {
    const hashes = wordHashes('ask_model(q); $ask.ask_model + ask-model\nnaïve x1 x1');
    assert.deepEqual(
      [...hashes],
      [...hashes].sort((a, b) => a - b),
    );
    assert.equal(new Set(hashes).size, hashes.length);
    const has = (word: string) => new WordQuery([[word]]).mayMatch(hashes);
    for (const word of ['ask_model', 'q', 'ask', 'model', 'na', 've', 'x1']) assert.ok(has(word), word);
    for (const word of ['ask_mode', 'sk_model', 'nave', 'x']) assert.equal(has(word), false, word);
  });

  it('needs every word of an alternative, and takes any alternative', () => {
    const hashes = wordHashes('from .clients import client\nclient.run()');
    assert.ok(new WordQuery([['import', 'client']]).mayMatch(hashes));
    assert.equal(new WordQuery([['require', 'client']]).mayMatch(hashes), false);
    assert.ok(new WordQuery([['require', 'client'], ['run']]).mayMatch(hashes));
    assert.ok(new WordQuery([[]]).mayMatch(wordHashes('anything')), 'a name without word characters can match anywhere');
  });

  it('never rules out a text the wrapper pattern matches (random texts and names)', () => {
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const alphabet = 'ab_c1 .(\n$-';
    for (let round = 0; round < 200; round++) {
      const names = Array.from({ length: 1 + rand(5) }, () => Array.from({ length: 3 + rand(4) }, () => 'abc_'[rand(4)]).join(''));
      const site = { file: 'llm.py', enclosingFunction: names[0], range: { startLine: 1, startColumn: 0, endLine: 1, endColumn: 1 } };
      const functions = names.map((name) => ({
        name,
        qualifiedName: name,
        range: { startLine: 0, startColumn: 0, endLine: 2, endColumn: 0 },
        calls: [],
      }));
      const facts = {
        file: 'llm.py',
        callSites: [site],
        localCalls: [],
        functions,
        exportedClients: [{ name: names[names.length - 1] }],
      } as unknown as FileFacts;
      const wrappers = wrapperNamePattern(new Map([['llm.py', facts]]));
      if (!wrappers) continue;
      const query = new WordQuery(wrappers.words);
      for (let probe = 0; probe < 30; probe++) {
        const text =
          Array.from({ length: rand(60) }, () => (rand(5) === 0 ? names[rand(names.length)] : alphabet[rand(alphabet.length)])).join('') +
          (rand(3) === 0 ? ' import ' + names[0] : '');
        if (wrappers.pattern.test(text)) assert.ok(query.mayMatch(wordHashes(text)), `${JSON.stringify(text)} ${wrappers.pattern}`);
      }
    }
  });
});
