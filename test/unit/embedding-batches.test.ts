// Embedding a corpus in a loop is a batch job: one low finding, no harvest (vectors are an index,
// not model text kept as data); embedding what one request brings is not reported.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const FOLDER = repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'embedding_batch');

describe('embedding batches', () => {
  it('are reported low, with no harvest of the saved vectors, and not inside a request handler', async () => {
    const result = await scanFolder(FOLDER);
    const job = result.findings.filter((f) => f.file === 'build-index.ts');
    assert.deepEqual(
      job.map((f) => [f.ruleId, f.severity]),
      [['bulk-generation-loop', 'low']],
    );
    assert.deepEqual(
      result.findings.filter((f) => f.file.startsWith('app/')).map((f) => f.ruleId),
      result.findings.filter((f) => f.file.startsWith('app/') && f.severity === 'info').map((f) => f.ruleId),
    );
  });
});
