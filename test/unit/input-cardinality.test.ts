// Input cardinality (src/engine/facts/input-cardinality.ts): a loop over the chunks of one input
// its function was handed is per-input work, reported low; many inputs, or chunks turned into
// training data, keep their weight.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';
import { SEVERITIES } from '../../src/engine/types';

const FOLDER = repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'per_input');
const rank = (s: string) => SEVERITIES.length - SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);

describe('input cardinality', () => {
  it('reports the chunks of one input low, and says so', async () => {
    const result = await scanFolder(FOLDER);
    const one = result.findings.filter((f) => f.file === 'translate.py' && f.range.startLine + 1 === 19);
    assert.ok(one.length, 'the chunk loop is still reported');
    for (const f of one) assert.equal(f.severity, 'low', f.message);
    assert.match(one[0].message, /the .* of one input/);
  });

  it('keeps the weight of many inputs and of chunks turned into a training set', async () => {
    const result = await scanFolder(FOLDER);
    const many = result.findings.filter(
      (f) => f.file === 'translate.py' && f.range.startLine + 1 === 34 && f.ruleId === 'bulk-generation-loop',
    );
    assert.equal(many.length, 1);
    assert.equal(many[0].severity, 'medium');
    const qa = result.findings.filter((f) => f.file === 'qa_from_document.py');
    const worst = qa.reduce((a, f) => (rank(f.severity) > rank(a) ? f.severity : a), 'info');
    assert.ok(rank(worst) >= rank('high'), `qa_from_document.py tops at ${worst}`);
  });
});
