// A malformed .promptreview.json gets one diagnostic at the faulty field, naming the fix.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';

const EXTENSION_ID = 'prompt-pattern-review.prompt-pattern-review';

async function waitForDiagnostics(uri: vscode.Uri, predicate: (d: readonly vscode.Diagnostic[]) => boolean, ms = 10_000): Promise<readonly vscode.Diagnostic[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Prompt Pattern Review');
    if (predicate(diags)) return diags;
    if (Date.now() > deadline) return diags;
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('config diagnostics', () => {
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const dir = () => vscode.Uri.joinPath(folder(), '.config-diagnostics-test');
  const file = () => vscode.Uri.joinPath(dir(), '.promptreview.json');

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });
  suiteTeardown(async () => {
    // Revert first: closing a dirty editor would otherwise wait on a save prompt.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir().fsPath, { recursive: true, force: true });
  });

  test('an unknown severity is reported at its field with the allowed values', async () => {
    const text = '{\n  // team settings\n  "rules": {\n    "bulk-generation-loop": "loud"\n  }\n}\n';
    await vscode.workspace.fs.writeFile(file(), new TextEncoder().encode(text));
    const doc = await vscode.workspace.openTextDocument(file());
    await vscode.window.showTextDocument(doc);
    const diags = await waitForDiagnostics(doc.uri, (d) => d.length > 0);
    assert.strictEqual(diags.length, 1, JSON.stringify(diags));
    assert.match(diags[0].message, /rules\.bulk-generation-loop/);
    assert.match(diags[0].message, /"critical".*"off"/);
    assert.strictEqual(diags[0].range.start.line, 3);
    assert.strictEqual(diags[0].severity, vscode.DiagnosticSeverity.Error);
  });

  test('a syntax error points at its line; fixing it clears the diagnostic', async () => {
    const doc = await vscode.workspace.openTextDocument(file());
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, doc.lineCount, 0), '{\n  "exclude": ["a/**"\n  "rules": {}\n}\n'));
    let diags = await waitForDiagnostics(doc.uri, (d) => d.length > 0 && /syntax/.test(d[0].message));
    assert.match(diags[0]?.message ?? '', /syntax/);
    assert.strictEqual(diags[0].range.start.line, 2);
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, doc.lineCount, 0), '{ "exclude": ["a/**"] }\n'));
    diags = await waitForDiagnostics(doc.uri, (d) => d.length === 0);
    assert.strictEqual(diags.length, 0);
  });
});
