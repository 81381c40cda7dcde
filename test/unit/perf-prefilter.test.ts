// The cheap pre-filter decides which files get parsed at all: it must let through every file that
// can talk to a model or train on what one said, and keep ordinary code (which mentions "email",
// "detail" or "maintain", all containing the Vercel AI SDK's module name `ai`) away from the parser.
import assert from 'node:assert/strict';
import { mayTalkToModel, wrapperNamePattern } from '../../src/engine/scan';
import type { FileFacts } from '../../src/engine/types';
import { wordTrieSource } from '../../src/engine/word-trie';

describe('pre-filter', () => {
  it('lets SDK imports, endpoint hosts and training code through', () => {
    for (const text of [
      "import { generateText } from 'ai';",
      'import { streamUI } from "ai/rsc";',
      'import anthropic',
      "import OpenAI from 'openai';",
      "fetch('https://api.openai.com/v1/chat/completions')",
      'from trl import SFTTrainer',
      'trainer = Trainer(model=model)',
      '# @llm-usage file',
      // A key manager that names no SDK: the secret keys cycled per request.
      '_level_to_sk[level] = cycle(sks)',
      'self.pool = cycle(self.upstream_sks)',
    ])
      assert.ok(mayTalkToModel(text), text);
  });

  it('keeps ordinary code that merely contains the letters of a module name away', () => {
    for (const text of [
      'export function sendEmail(detail: string) { maintain(detail); }',
      'def validate_order(rows):\n    return [r for r in rows if r["paid"]]\n',
      'stages = cycle(tasks)',
    ])
      assert.equal(mayTalkToModel(text), false, text);
  });

  it('names only the functions that reach a provider as wrappers', () => {
    const site = { file: 'llm.py', enclosingFunction: 'ask_model', range: { startLine: 3, startColumn: 4, endLine: 3, endColumn: 40 } };
    const fn = (name: string, startLine: number, endLine: number) => ({
      name,
      qualifiedName: name,
      range: { startLine, startColumn: 0, endLine, endColumn: 0 },
      calls: [],
    });
    const facts = {
      file: 'llm.py',
      callSites: [site],
      localCalls: [],
      functions: [fn('ask_model', 2, 4), fn('format_rows', 6, 9)],
    } as unknown as FileFacts;
    const pattern = wrapperNamePattern(new Map([['llm.py', facts]]));
    assert.ok(pattern?.pattern.test('answer = ask_model(q)'));
    assert.equal(pattern?.pattern.test('rows = format_rows(data)'), false);
  });

  it("names a default-exporting module by its workspace path, not by a package's last segment", () => {
    const facts = {
      file: 'lib/provider.ts',
      callSites: [
        { file: 'lib/provider.ts', enclosingFunction: 'default', range: { startLine: 3, startColumn: 2, endLine: 3, endColumn: 30 } },
      ],
      localCalls: [],
      functions: [
        {
          name: 'default',
          qualifiedName: 'default',
          defaultExport: true,
          range: { startLine: 1, startColumn: 0, endLine: 5, endColumn: 0 },
          calls: [],
        },
      ],
    } as unknown as FileFacts;
    const pattern = wrapperNamePattern(new Map([['lib/provider.ts', facts]]))!.pattern;
    assert.ok(pattern.test("import ask from './provider';"));
    assert.ok(pattern.test("import ask from '../lib/provider.js';"));
    assert.ok(pattern.test('import ask from "@/lib/provider";'));
    assert.equal(pattern.test("import type { LanguageModel } from '@ai-sdk/provider';"), false);
  });
});

describe('word trie regex', () => {
  it('matches exactly the words given, including words that prefix others and regex characters', () => {
    const words = ['ask', 'ask_model', 'ask_model_2', 'askUser', 'generate', 'gen$', 'a.b', 'x'];
    const re = new RegExp(`^${wordTrieSource(words)}$`);
    for (const w of words) assert.ok(re.test(w), w);
    for (const w of ['as', 'ask_', 'ask_model_', 'ask_model_23', 'askuser', 'gen', 'gen$$', 'axb', 'generates', ''])
      assert.equal(re.test(w), false, w);
  });

  it('agrees with a flat alternation on random word lists', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let round = 0; round < 50; round++) {
      const words = Array.from({ length: 1 + rand(40) }, () => Array.from({ length: 1 + rand(6) }, () => 'ab_c'[rand(4)]).join(''));
      const trie = new RegExp(`^${wordTrieSource(words)}$`);
      const flat = new Set(words);
      for (let probe = 0; probe < 40; probe++) {
        const text = Array.from({ length: rand(7) }, () => 'ab_c'[rand(4)]).join('');
        assert.equal(trie.test(text), flat.has(text), `${JSON.stringify(words)} ${text}`);
      }
    }
  });
});
