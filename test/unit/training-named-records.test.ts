// Records whose shape says nothing (`{label, text}`) are still training data when the code names
// them so: a single request for many items written under such a name is a dataset, while the same
// outputs kept under another name stay at medium.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const FOLDER = repoPath('test', 'fixtures', 'rules', 'output-harvesting', 'training_named');
const NAMED = 'the records are named as training data';

/** The output-harvesting finding of expand-intents.ts on a 0-based line. */
async function harvestFindingAt(startLine: number) {
  const result = await scanFolder(FOLDER);
  const found = result.findings.find(
    (f) => f.file === 'expand-intents.ts' && f.ruleId === 'output-harvesting' && f.range.startLine === startLine,
  );
  assert.ok(found, result.findings.map((f) => `${f.file}:${f.range.startLine + 1} ${f.ruleId}`).join('\n'));
  return found;
}

describe('records named as training data', () => {
  it('make a generated-examples write in another file than the requests a high finding', async () => {
    const named = await harvestFindingAt(13);
    assert.equal(named.severity, 'high', named.message);
    assert.ok(named.signals.includes(NAMED), named.signals.join('; '));
  });

  it('leave the same outputs under another name at medium', async () => {
    const preview = await harvestFindingAt(21);
    assert.equal(preview.severity, 'medium', preview.message);
    assert.ok(!preview.signals.includes(NAMED), preview.signals.join('; '));
  });
});
