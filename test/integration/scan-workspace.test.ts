// The workspace scan: fills its own collection (kept after files close), reports progress with
// counts, stops on cancel, respects the exclude setting and .gitignore.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { byRule, closeAllEditors, exampleUri, extensionApi, waitFor, withSettings } from './support/extension-api';

const HARVEST = [
  'import anthropic',
  'client = anthropic.Anthropic()',
  'with open("out.jsonl", "w") as f:',
  '    for topic in ["a", "b", "c"]:',
  '        f.write(client.messages.create(model="m", max_tokens=1, messages=[]).content[0].text)',
  '',
].join('\n');

suite('workspace scan', () => {
  teardown(closeAllEditors);

  test('the command scans the folder and fills Problems through its own collection', async () => {
    const api = await extensionApi();
    const summary =
      await vscode.commands.executeCommand<{ folder: string; files: number; findings: number }[]>('promptPatternReview.scanWorkspace');
    assert.ok(summary && summary.length === 1, 'one folder scanned');
    assert.ok(summary[0].files >= 6, `files counted: ${summary[0].files}`);
    const generate = byRule(api.scanner.diagnosticsFor(exampleUri('distill-pipeline/generate.py')), 'bulk-generation-loop');
    assert.strictEqual(generate?.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(
      byRule(api.scanner.diagnosticsFor(exampleUri('eval-harness/run_eval.py')), 'bulk-generation-loop')?.severity,
      vscode.DiagnosticSeverity.Information,
    );
    assert.strictEqual(api.scanner.diagnosticsFor(exampleUri('chat-app/app/api/chat/route.ts'))?.length ?? 0, 0);
    // The Problems panel reads every collection: the scan results are there without opening a file.
    assert.ok(vscode.languages.getDiagnostics(exampleUri('eval-harness/run_eval.py')).some((d) => d.source === 'ppr'));
  });

  test('an open file lists each finding once, and scan results come back when it closes', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    const uri = exampleUri('eval-harness/run_eval.py');
    const scanned = api.scanner.diagnosticsFor(uri).length;
    assert.ok(scanned > 0);
    await vscode.window.showTextDocument(uri);
    await waitFor('live results for the open file', () => api.live.collection.get(uri)?.length);
    await waitFor('the scan entry deferred to live analysis', () => (api.scanner.collection.get(uri)?.length ?? 0) === 0);
    const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ppr');
    const keys = ours.map((d) => `${d.range.start.line}:${(d.code as { value: string }).value}`);
    assert.strictEqual(new Set(keys).size, keys.length, `a finding listed twice: ${keys.join(', ')}`);
    await closeAllEditors();
    await waitFor('scan results back after close', () => api.scanner.collection.get(uri)?.length === scanned, 15_000);
  });

  test('progress reports file counts, and cancelling stops the scan without touching the results', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    const before = api.scanner.diagnosticsFor(exampleUri('distill-pipeline/generate.py'))?.length;
    const source = new vscode.CancellationTokenSource();
    const messages: string[] = [];
    const result = await api.scanner.scan(source.token, {
      report: ({ message }) => {
        if (message) messages.push(message);
        source.cancel(); // the user presses Cancel after the first file
      },
    });
    assert.strictEqual(result, undefined, 'a cancelled scan returns nothing');
    assert.ok(messages.length >= 1 && messages.length < 6, `stopped early after ${messages.length} progress reports`);
    assert.match(messages[0], /\d+\/\d+ files/);
    assert.strictEqual(api.scanner.diagnosticsFor(exampleUri('distill-pipeline/generate.py'))?.length, before, 'previous results kept');
  });

  test('the exclude setting keeps matching files out of the scan', async () => {
    const api = await extensionApi();
    const restore = await withSettings({ exclude: ['eval-harness/**'] });
    try {
      await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
      assert.strictEqual(api.scanner.diagnosticsFor(exampleUri('eval-harness/run_eval.py'))?.length ?? 0, 0);
      assert.ok(api.scanner.diagnosticsFor(exampleUri('distill-pipeline/generate.py'))?.length);
    } finally {
      await restore();
      await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    }
  });

  test('.gitignore is respected', async () => {
    const api = await extensionApi();
    const dir = exampleUri('ppr-test-gitignore');
    const script = vscode.Uri.joinPath(dir, 'harvest.py');
    fs.mkdirSync(dir.fsPath, { recursive: true });
    try {
      fs.writeFileSync(script.fsPath, HARVEST);
      fs.writeFileSync(vscode.Uri.joinPath(dir, '.gitignore').fsPath, 'harvest.py\n');
      await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
      assert.strictEqual(api.scanner.diagnosticsFor(script)?.length ?? 0, 0, 'ignored file not scanned');
      fs.rmSync(vscode.Uri.joinPath(dir, '.gitignore').fsPath);
      await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
      await waitFor('the same file flagged once not ignored', () => api.scanner.diagnosticsFor(script)?.length);
    } finally {
      fs.rmSync(dir.fsPath, { recursive: true, force: true });
      await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    }
  });
});
