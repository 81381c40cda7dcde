// Shapes met on a fresh labelled batch of public repositories, each in its real form: thunks made
// per item and run later by a limiter in another module, a Map of clients filled by `.set` and read
// at a rotating position with the call in a callback handed to the retrying helper, a cycle over
// LangChain completion models, and record builders judged by what they return rather than by the
// prompt variables of their bodies.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 } as const;
const fixture = (...parts: string[]) => repoPath('test', 'fixtures', 'rules', ...parts);
const listing = (findings: { range: { startLine: number }; ruleId: string; severity: string; file: string }[]) =>
  findings.map((f) => `${f.file}:${f.range.startLine + 1} ${f.ruleId} ${f.severity}`).join('\n');

describe('shapes of the second holdout batch', () => {
  it('counts a thunk made per item as part of the loop, while a single deferred probe stays out', async () => {
    const result = await scanFolder(fixture('bulk-generation-loop', 'deferred_tasks'));
    const loops = result.findings.filter((f) => f.ruleId === 'bulk-generation-loop');
    const sweep = loops.find((f) => f.range.startLine + 1 === 43);
    assert.ok(sweep, listing(result.findings));
    assert.ok(RANK[sweep.severity] >= RANK.high, sweep.message);
    assert.match(sweep.message, /prompt\/response records/);
    assert.ok(!loops.some((f) => f.range.startLine + 1 === 41), listing(result.findings));
  });

  it('follows a Map of clients filled by .set, and the client a helper hands to its callback', async () => {
    const result = await scanFolder(fixture('credential-rotation', 'client_map'));
    const pick = result.findings.find((f) => f.ruleId === 'credential-rotation' && f.range.startLine + 1 === 21);
    assert.ok(pick, listing(result.findings));
    assert.equal(pick.severity, 'critical');
    assert.match(pick.message, /client picked by a round-robin index from this\.clients/);
    assert.ok(!result.findings.some((f) => f.range.startLine + 1 === 31), listing(result.findings));
    // The call inside `withClient(async (client) => …)` is an OpenAI call site.
    const sites = result.facts.get('completion-service.js')?.callSites ?? [];
    assert.deepEqual(
      sites.map((s) => `${s.range.startLine + 1} ${s.provider}`),
      ['50 openai'],
    );
  });

  it('reads a cycle over LangChain completion models built one per key as a pool of clients', async () => {
    const result = await scanFolder(fixture('credential-rotation', 'chain_cycle'));
    const pool = result.findings.filter((f) => f.ruleId === 'credential-rotation');
    assert.deepEqual(
      pool.map((f) => f.range.startLine + 1),
      [12],
      listing(result.findings),
    );
    assert.match(pool[0].message, /several clients/);
  });

  it('reads keys gathered by name prefix, and a worker started per key in a package that pools them', async () => {
    const result = await scanFolder(fixture('credential-rotation', 'env_prefix'));
    const lines = result.findings
      .filter((f) => f.ruleId === 'credential-rotation')
      .map((f) => `${f.file}:${f.range.startLine + 1} ${f.severity}`)
      .sort();
    assert.deepEqual(lines, ['auth_pool.py:12 critical', 'auth_pool.py:20 critical', 'env-keys.ts:6 critical', 'workers.py:20 critical']);
  });

  it('judges a record builder by what it returns: unquoted chat keys are pairs, prompt variables are not', async () => {
    const pairs = await scanFolder(fixture('output-harvesting', 'record_builder_ts'));
    const kept = pairs.findings.find((f) => f.ruleId === 'output-harvesting');
    assert.ok(kept, listing(pairs.findings));
    assert.match(kept.message, /saved as prompt\/response records/);
    assert.ok(RANK[kept.severity] >= RANK.high, kept.message);

    const locales = await scanFolder(fixture('output-harvesting', 'locale_merge'));
    assert.ok(
      locales.findings.some((f) => f.ruleId === 'output-harvesting'),
      listing(locales.findings),
    );
    for (const f of locales.findings) {
      assert.ok(!/prompt\/response records/.test(f.message), f.message);
      assert.ok(RANK[f.severity] <= RANK.medium, `${f.ruleId} ${f.severity}: ${f.message}`);
    }
  });
});
