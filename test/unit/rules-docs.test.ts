// The rule catalog and its generated documentation: every id of DESIGN.md's catalog is registered
// once with complete docs, and docs/rules/ is exactly what `npm run docs` would write.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { RULES, RULE_DOCS_URLS } from '../../src/engine/rules';
import { renderRuleDocs } from '../../src/engine/rules/docs-page';
import { repoPath } from './support/scan';

const CATALOG = [
  'bulk-generation-loop',
  'output-harvesting',
  'training-on-outputs',
  'templated-prompt-sweep',
  'capability-coverage-sweep',
  'reasoning-trace-harvest',
  'logprob-extraction',
  'sampling-sweep',
  'multi-model-harvest',
  'credential-rotation',
  'rate-limit-evasion',
  'endpoint-rotation',
  'unbounded-fanout',
  'polling-loop',
  'system-prompt-extraction',
  'live-api-test-sweep',
  'agent-trace-capture',
  'batch-without-clearance',
  'evaluation-call',
  'missing-end-user-attribution',
  'stale-usage-annotation',
];

describe('rule catalog', () => {
  it('registers the 21 rules of the catalog, in its order', () => {
    assert.deepEqual(
      RULES.map((r) => r.meta.id),
      CATALOG,
    );
  });

  it('gives every rule a docs URL ending in its own page', () => {
    for (const rule of RULES) assert.ok(RULE_DOCS_URLS.get(rule.meta.id)?.endsWith(`/docs/rules/${rule.meta.id}.md`), rule.meta.id);
  });

  it('lets only credential rotation and annotation hygiene ignore every annotation', () => {
    assert.deepEqual(
      RULES.filter((r) => r.meta.lowering === 'never')
        .map((r) => r.meta.id)
        .sort(),
      ['credential-rotation', 'stale-usage-annotation'],
    );
  });

  it('lets a purpose alone lower only bulk, eval, batch, polling and fan-out findings; the core risks wait for a clearance', () => {
    const lowering = new Map(RULES.map((r) => [r.meta.id, r.meta.lowering]));
    for (const id of ['bulk-generation-loop', 'live-api-test-sweep', 'batch-without-clearance', 'polling-loop', 'unbounded-fanout'])
      assert.equal(lowering.get(id), 'purpose', id);
    for (const id of ['training-on-outputs', 'reasoning-trace-harvest', 'capability-coverage-sweep'])
      assert.equal(lowering.get(id), 'clearance', id);
    assert.equal(lowering.get('output-harvesting'), 'clearance-when-training-shaped');
  });
});

describe('generated rule docs', () => {
  const dir = repoPath('docs', 'rules');
  const expected = renderRuleDocs(RULES);

  it('has one page per rule plus the index, and nothing else', () => {
    const present = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.md'))
          .sort()
      : [];
    assert.deepEqual(present, [...expected.keys()].sort(), 'run "npm run docs" to regenerate docs/rules/');
  });

  it('matches what the rules generate (run "npm run docs" after editing a rule)', () => {
    const stale = [...expected]
      .filter(([name, text]) => !existsSync(path.join(dir, name)) || readFileSync(path.join(dir, name), 'utf8') !== text)
      .map(([name]) => name);
    assert.deepEqual(stale, [], 'these pages differ from the rules; run "npm run docs"');
  });

  it('has every section on every page', () => {
    for (const rule of RULES) {
      const page = expected.get(`${rule.meta.id}.md`)!;
      for (const heading of [
        '## What it flags',
        '## Why providers care',
        '## Legitimate cases',
        '## How to document or pre-clear',
        '## Example',
        '## Instead',
      ]) {
        assert.ok(page.includes(heading), `${rule.meta.id} lacks "${heading}"`);
      }
    }
  });
});
