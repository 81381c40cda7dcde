// A file of Batch API request records is the batch before its upload: reported where the records
// are written, for the provider whose format or model they name, and linked to the upload that
// names the same data file; records read back from a batch's results are not requests.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const FOLDER = repoPath('test', 'fixtures', 'rules', 'batch-without-clearance');

describe('batch request files', () => {
  it('report request records at low, linked to the upload of the same file', async () => {
    const result = await scanFolder(FOLDER);
    const written = result.findings.find((f) => f.file === 'prepare_requests.py' && f.ruleId === 'batch-without-clearance');
    assert.ok(written, 'no finding on the request writer');
    assert.equal(written.severity, 'low');
    assert.equal(written.provider, 'openai');
    assert.match(written.message, /ticket_requests\.jsonl/);
    assert.deepEqual(
      written.related.map((r) => `${r.file}:${r.range.startLine + 1}`),
      ['upload_requests.py:9'],
    );
  });

  it('take the provider from the record format, and the file from the parameter default', async () => {
    const result = await scanFolder(FOLDER);
    const written = result.findings.find((f) => f.file === 'request-file.ts' && f.ruleId === 'batch-without-clearance');
    assert.ok(written, 'no finding on the TS request writer');
    assert.equal(written.provider, 'anthropic');
    assert.match(written.message, /summary-requests\.jsonl/);
  });

  it('leave result records keyed by custom_id alone', async () => {
    const result = await scanFolder(FOLDER);
    const lines = result.findings.filter((f) => f.file === 'prepare_requests.py').map((f) => f.range.startLine + 1);
    assert.deepEqual(lines, [25]);
  });
});
