// Settings take effect on live diagnostics: enable/run, minimum severity, severity → level mapping,
// rule customisations by glob and the maximum file size.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { byRule, closeAllEditors, exampleUri, extensionApi, sleep, waitFor, withSettings } from './support/extension-api';

const GENERATE = 'distill-pipeline/generate.py';
const EVAL = 'eval-harness/run_eval.py';

async function liveOn(path: string): Promise<{ uri: vscode.Uri; get: () => readonly vscode.Diagnostic[] }> {
  const api = await extensionApi();
  const uri = exampleUri(path);
  await vscode.window.showTextDocument(uri);
  return { uri, get: () => api.live.collection.get(uri) ?? [] };
}

suite('editor: settings', () => {
  teardown(closeAllEditors);

  test('enable: false clears live diagnostics and true brings them back', async () => {
    const live = await liveOn(GENERATE);
    await waitFor('diagnostics', () => live.get().length);
    const restore = await withSettings({ enable: false });
    try {
      await waitFor('diagnostics cleared when disabled', () => live.get().length === 0);
    } finally {
      await restore();
    }
    await waitFor('diagnostics back when enabled', () => live.get().length);
  });

  test('run: onSave does not analyse while typing', async () => {
    const api = await extensionApi();
    const restore = await withSettings({ run: 'onSave', debounce: 50 });
    const doc = await vscode.workspace.openTextDocument({
      language: 'python',
      content: 'import anthropic\nclient = anthropic.Anthropic()\n',
    });
    const editor = await vscode.window.showTextDocument(doc);
    try {
      await sleep(300);
      await editor.edit((b) =>
        b.insert(
          doc.lineAt(doc.lineCount - 1).range.end,
          'with open("o.jsonl", "w") as f:\n' +
            '    for t in ["a", "b", "c"]:\n' +
            '        f.write(client.messages.create(model="m", max_tokens=1, messages=[]).content[0].text)\n',
        ),
      );
      await sleep(800);
      assert.strictEqual(api.live.collection.get(doc.uri)?.length ?? 0, 0, 'no analysis on type in onSave mode');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await restore();
    }
  });

  test('minimumSeverity hides findings below it', async () => {
    const live = await liveOn(EVAL);
    await waitFor('the low eval-harness finding', () => live.get().length);
    const restore = await withSettings({ minimumSeverity: 'high' });
    try {
      await waitFor('low finding hidden', () => live.get().length === 0);
    } finally {
      await restore();
    }
    await waitFor('low finding shown again', () => live.get().length);
  });

  test('severityLevels maps our severities to VS Code levels', async () => {
    const live = await liveOn(GENERATE);
    const bulk = () => byRule(live.get(), 'bulk-generation-loop');
    await waitFor('critical as Error', () => bulk()?.severity === vscode.DiagnosticSeverity.Error);
    const restore = await withSettings({ severityLevels: { critical: 'information' } });
    try {
      await waitFor('critical as Information', () => bulk()?.severity === vscode.DiagnosticSeverity.Information);
    } finally {
      await restore();
    }
  });

  test('ruleCustomizations change a rule by glob and leave other files alone', async () => {
    const evalLive = await liveOn(EVAL);
    await waitFor('eval finding', () => evalLive.get().length);
    const restore = await withSettings({
      ruleCustomizations: [{ rule: 'bulk-generation-loop', files: 'eval-harness/**', severity: 'off' }],
    });
    try {
      await waitFor('eval finding turned off', () => evalLive.get().length === 0);
      const genLive = await liveOn(GENERATE);
      await waitFor('generate.py still flagged by the rule', () => byRule(genLive.get(), 'bulk-generation-loop'));
    } finally {
      await restore();
    }
    const restoreHigh = await withSettings({ ruleCustomizations: [{ rule: '*', files: 'eval-harness/**', severity: 'high' }] });
    try {
      const evalAgain = await liveOn(EVAL);
      await waitFor(
        'eval finding raised to high (Warning)',
        () => byRule(evalAgain.get(), 'bulk-generation-loop')?.severity === vscode.DiagnosticSeverity.Warning,
      );
    } finally {
      await restoreHigh();
    }
  });

  test('maxFileSize skips files larger than the limit', async () => {
    const live = await liveOn(GENERATE);
    await waitFor('diagnostics', () => live.get().length);
    const restore = await withSettings({ maxFileSize: 1000 });
    try {
      await waitFor('generate.py (over 1,000 bytes) skipped', () => live.get().length === 0);
    } finally {
      await restore();
    }
  });
});
