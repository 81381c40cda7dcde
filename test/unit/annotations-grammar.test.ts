// The TextMate injection grammar: contributed for every supported language, and its patterns
// (JavaScript-compatible Oniguruma) pick out heads, keys and suppression parts in comment text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from './support/scan';

interface Capture {
  name: string;
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  repository: Record<string, { match: string; captures: Record<string, Capture> }>;
}

const grammar = JSON.parse(readFileSync(repoPath('syntaxes', 'llm-usage.injection.tmLanguage.json'), 'utf8')) as Grammar;
const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8'));

function scopes(rule: string, text: string): Record<string, string> {
  const { match, captures } = grammar.repository[rule];
  const m = new RegExp(match).exec(text);
  if (!m) return {};
  const out: Record<string, string> = {};
  for (const [i, c] of Object.entries(captures))
    if (m[Number(i)] !== undefined && m[Number(i)] !== '') out[c.name.split('.').slice(0, 2).join('.')] = m[Number(i)].trim();
  return out;
}

describe('annotations: injection grammar', () => {
  it('is contributed into Python, TS, JS, TSX and JSX, injected into comments', () => {
    const entry = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
    assert.ok(entry, 'package.json contributes the grammar');
    assert.deepEqual([...entry.injectTo].sort(), ['source.js', 'source.js.jsx', 'source.python', 'source.ts', 'source.tsx']);
    assert.match(grammar.injectionSelector, /^L:comment/);
  });

  it('highlights the head and its file scope', () => {
    assert.deepEqual(scopes('annotation-head', '# @llm-usage file'), { 'storage.type': '@llm-usage', 'storage.modifier': 'file' });
    assert.deepEqual(scopes('annotation-head', '# @llm-usages'), {});
  });

  it('highlights the known keys after a comment marker, not other words', () => {
    for (const line of ['#   purpose: eval', '//   owner: a@b.c', ' * clearance: ticket 1', '#expires: 2027-01-01']) {
      assert.ok(scopes('annotation-key', line)['variable.other'], line);
    }
    assert.deepEqual(scopes('annotation-key', '# the purpose: of this'), {});
    assert.deepEqual(scopes('annotation-key', '#   team: ml'), {});
  });

  it('splits a suppression into rule ids, until date and reason', () => {
    assert.deepEqual(scopes('suppression', '# llm-usage-ignore bulk-generation-loop until=2027-01-01 -- one-off migration'), {
      'keyword.control': 'llm-usage-ignore',
      'entity.name': 'bulk-generation-loop',
      'keyword.operator': 'until=',
      'constant.numeric': '2027-01-01',
      'punctuation.separator': '--',
      'string.unquoted': 'one-off migration',
    });
    assert.deepEqual(scopes('suppression', '/* llm-usage-ignore-file a-rule, b-rule -- fixtures */'), {
      'keyword.control': 'llm-usage-ignore-file',
      'entity.name': 'a-rule, b-rule',
      'punctuation.separator': '--',
      'string.unquoted': 'fixtures',
    });
  });
});
