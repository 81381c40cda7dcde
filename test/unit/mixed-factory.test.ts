// A factory that hands back a local pipeline for open models and an object of a workspace class
// calling a hosted API for the others: the name it fills is called like a function, so the hosted
// branch's `__call__` runs too, and the loop over it is a hosted workload. A factory that only
// makes local pipelines stays silent.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

describe('a factory of local pipelines and hosted callers', () => {
  it('links the called name to the hosted class and keeps the local-only loop silent', async () => {
    const result = await scanFolder(repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'mixed_factory'));
    const listing = result.findings.map((f) => `${f.range.startLine + 1} ${f.ruleId} ${f.severity}`).join('\n');
    const loop = result.findings.find((f) => f.ruleId === 'bulk-generation-loop' && f.range.startLine + 1 === 38);
    assert.ok(loop, listing);
    assert.equal(loop.severity, 'high', loop.message);
    assert.match(loop.message, /→ Anthropic/);
    assert.ok(!result.findings.some((f) => f.range.startLine + 1 >= 43), listing);
  });
});
