// The output channel's line per scan (files, analysed, skipped with reasons, time) and the trace
// setting; scan results kept in workspace state, restored after a reload and marked stale when
// files changed since the scan.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { exampleUri, extensionApi, lastScanFindings, waitFor, withSettings } from './support/extension-api';

const BIG = 'ppr-test-output/huge.py';

suite('output channel and kept scan results', () => {
  suiteTeardown(async () => {
    fs.rmSync(exampleUri('ppr-test-output').fsPath, { recursive: true, force: true });
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
  });

  test('one line per scan with files, analysed, skipped with reasons and time; trace adds each skipped file', async () => {
    const api = await extensionApi();
    fs.mkdirSync(exampleUri('ppr-test-output').fsPath, { recursive: true });
    fs.writeFileSync(exampleUri(BIG).fsPath, `import anthropic\n# ${'x'.repeat(2_000_000)}\n`);
    const restore = await withSettings({ trace: 'off' });
    try {
      const before = api.output.lines.length;
      await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
      const lines = api.output.lines.slice(before);
      assert.strictEqual(lines.length, 1, lines.join('\n'));
      assert.match(lines[0], /Scan of examples: \d+ files, \d+ analysed, 1 skipped \(1 file is larger than .+\), \d+ findings?, \d+ ms$/);
      await restore();
      const restoreTrace = await withSettings({ trace: 'verbose' });
      try {
        const mark = api.output.lines.length;
        await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
        const detail = api.output.lines.slice(mark);
        assert.ok(
          detail.some((l) => l.includes(`skipped ${BIG}: `)),
          detail.join('\n'),
        );
        assert.ok(
          detail.some((l) => / ms\)$/.test(l) && /examples: /.test(l)),
          'verbose lists the phases with timings',
        );
      } finally {
        await restoreTrace();
      }
    } finally {
      fs.rmSync(exampleUri('ppr-test-output').fsPath, { recursive: true, force: true });
    }
  });

  test('the scan is restored from workspace state after a reload, and marked stale once a file changed', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    const scanned = lastScanFindings(api)
      .map((f) => f.fingerprint)
      .sort();
    const withoutModelUse = api.scanner.lastScan.map((s) => s.result.withoutModelUse);
    assert.ok(withoutModelUse.flat().length, 'the examples have a file that names no model API');
    assert.strictEqual(api.scanner.stale, false);
    // What a reload leaves: no results in memory, the workspace state kept.
    api.scanner.lastScan = [];
    assert.strictEqual(await api.scanner.restore(), true, 'restored');
    assert.ok(api.scanner.lastScan.every((s) => s.restored));
    assert.deepStrictEqual(
      lastScanFindings(api)
        .map((f) => f.fingerprint)
        .sort(),
      scanned,
    );
    assert.deepStrictEqual(
      api.scanner.lastScan.map((s) => s.result.withoutModelUse),
      withoutModelUse,
      'the files without model use come back, so the counts do',
    );
    assert.strictEqual(api.scanner.stale, false, 'nothing changed since the scan');
    assert.ok(api.scanner.diagnosticsFor(exampleUri('distill-pipeline/generate.py')).length, 'diagnostics come back too');
    // A file with findings modified after the scan: restored results are stale.
    const file = exampleUri('eval-harness/run_eval.py').fsPath;
    const { atime, mtime } = fs.statSync(file);
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file, later, later);
    try {
      api.scanner.lastScan = [];
      assert.strictEqual(await api.scanner.restore(), true);
      assert.strictEqual(api.scanner.stale, true);
      assert.match(String(api.tree.view.description), /stale/);
      assert.match(api.status.item.text, /stale/);
    } finally {
      // Back to its own time, so no later event about this file counts as news.
      fs.utimesSync(file, atime, mtime);
    }
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    assert.strictEqual(api.scanner.stale, false, 'a new scan is fresh');
    assert.doesNotMatch(String(api.tree.view.description), /stale/);
  });

  test('a late watcher event about a change the scan already read leaves its results fresh', async () => {
    const api = await extensionApi();
    const file = exampleUri('distill-pipeline/generate.py');
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    assert.strictEqual(api.scanner.stale, false);
    await api.scanner.fileEvent(file, true);
    assert.strictEqual(api.scanner.stale, false, 'modified before the scan began');
    await api.scanner.fileEvent(exampleUri('distill-pipeline/gone_before_the_scan.py'), false);
    assert.strictEqual(api.scanner.stale, false, 'deleted before the scan listed the folder');
    await api.scanner.fileEvent(file, false);
    assert.strictEqual(api.scanner.stale, true, 'a file the scan read is gone');
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    const { atime, mtime } = fs.statSync(file.fsPath);
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file.fsPath, later, later);
    try {
      await api.scanner.fileEvent(file, true);
      assert.strictEqual(api.scanner.stale, true, 'modified after the scan');
    } finally {
      fs.utimesSync(file.fsPath, atime, mtime);
    }
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    assert.strictEqual(api.scanner.stale, false);
  });

  test('changing a file after a scan marks the results stale', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    // The folder exists before the scan, so the event under test is the file's own, not a new folder's.
    fs.mkdirSync(exampleUri('ppr-test-output').fsPath, { recursive: true });
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    assert.strictEqual(api.scanner.stale, false, 'a new scan is fresh');
    const file = exampleUri('ppr-test-output/new_job.py');
    fs.writeFileSync(file.fsPath, 'import anthropic\n');
    // The server's file watcher can start late on a loaded machine and miss the first event, so
    // the file keeps changing until an event arrives; results must turn stale from one of them.
    let writes = 1;
    let lastWrite = Date.now();
    await waitFor(
      'stale after a file appeared and changed',
      () => {
        if (!api.scanner.stale && Date.now() - lastWrite > 3000) {
          fs.appendFileSync(file.fsPath, `# change ${writes++}\n`);
          lastWrite = Date.now();
        }
        return api.scanner.stale;
      },
      30_000,
    );
  });
});
