// An entry script that only starts a workload defined in another file carries the workload's
// findings at its call, same severity, related to the workload (src/engine/entry-findings.ts);
// a helper that is not a program's entry does not. The driver may sit a few calls below the
// function the entry calls (an application's `run()` that starts the loop).
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const FOLDER = repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'entry_script');

describe('entry scripts', () => {
  it('carry the findings of the workload they start, at the same severity', async () => {
    const result = await scanFolder(FOLDER);
    const own = result.findings.filter((f) => f.file === 'pipeline/generator.py');
    const entry = result.findings.filter((f) => f.file === 'run_rewrite.py');
    assert.deepEqual(entry.map((f) => f.ruleId).sort(), own.map((f) => f.ruleId).sort());
    for (const f of entry) {
      assert.equal(f.range.startLine + 1, 8);
      assert.equal(f.severity, own.find((o) => o.ruleId === f.ruleId)?.severity);
      assert.match(f.message, /^Starts generator\.py:Rewriter\.rewrite_all \(pipeline\/generator\.py:18\): /);
      assert.equal(f.related[0].file, 'pipeline/generator.py');
    }
    assert.deepEqual(
      result.findings.filter((f) => f.file === 'helpers.py'),
      [],
    );
  });

  it("reach a workload two calls below the entry's call, and copy it once", async () => {
    const result = await scanFolder(FOLDER);
    const entry = result.findings.filter((f) => f.file === 'run_app.py');
    assert.deepEqual(
      entry.map((f) => `${f.range.startLine + 1} ${f.ruleId}`),
      ['7 bulk-generation-loop', '7 output-harvesting'],
    );
    for (const f of entry) assert.match(f.message, /^Starts app\.py:SummaryApp\.summarise_all \(pipeline\/app\.py:24\): /);
  });
});
