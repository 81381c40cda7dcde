// A file that hits a bug in the engine is listed as skipped with an "internal error: …" reason,
// the rest of the tree is still analysed, and the built CLI says so on stderr once per scan, with a
// hint to report it, on the main thread and on workers alike. The bug is planted through the
// test-only PPR_TEST_PLANTED_BUGS (ScanOptions.plantedBugs).
import assert from 'node:assert/strict';
import { INTERNAL_ERROR_PREFIX } from '../../src/engine/scan';
import { runCli } from './support/cli-run';
import { LOOP_PY, writeWorkspace } from './support/workspace';

const NOTICE = /skipped after an internal error: a bug in prompt-pattern-review [^ ]+, not a problem with the file\. Please report it/g;

interface Report {
  findings: { file: string }[];
  skipped: { file: string; reason: string }[];
}

describe('CLI: files that hit an internal error', () => {
  let ws: ReturnType<typeof writeWorkspace>;
  before(() => {
    ws = writeWorkspace({ 'a.py': LOOP_PY, 'b.py': LOOP_PY, 'c.py': LOOP_PY });
  });
  after(() => ws.remove());

  const scan = (planted: string, workers: string) => {
    const run = runCli(ws.dir, ['scan', '.', '--format', 'json', '--no-cache', '--fail-on', 'none'], {
      PPR_TEST_PLANTED_BUGS: planted,
      PPR_SCAN_WORKERS: workers,
    });
    assert.equal(run.status, 0, run.stderr);
    return { report: JSON.parse(run.stdout) as Report, notices: run.stderr.match(NOTICE) ?? [], stderr: run.stderr };
  };

  for (const workers of ['0', '2']) {
    it(`are skipped with the reason and named on stderr once (${workers === '0' ? 'main thread' : 'two workers'})`, () => {
      const { report, notices, stderr } = scan('a.py', workers);
      const skip = report.skipped.find((s) => s.file === 'a.py');
      assert.ok(skip?.reason.startsWith(INTERNAL_ERROR_PREFIX), JSON.stringify(report.skipped));
      assert.equal(notices.length, 1, stderr);
      assert.match(stderr, /a\.py was skipped after an internal error/);
      assert.deepEqual([...new Set(report.findings.map((f) => f.file))].sort(), ['b.py', 'c.py']);
    });
  }

  it('several such files still give one line, which counts them', () => {
    const { report, notices, stderr } = scan('a.py,c.py', '0');
    assert.deepEqual(
      report.skipped
        .filter((s) => s.reason.startsWith(INTERNAL_ERROR_PREFIX))
        .map((s) => s.file)
        .sort(),
      ['a.py', 'c.py'],
    );
    assert.equal(notices.length, 1, stderr);
    assert.match(stderr, /2 files were \(a\.py, …\) skipped after an internal error/);
  });

  it('a scan without one prints no such line', () => {
    const { report, notices } = scan('', '0');
    assert.equal(notices.length, 0);
    assert.deepEqual(report.skipped, []);
  });
});
