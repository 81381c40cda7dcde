// A wrong .promptreview.json gets one diagnostic per wrong value: VS Code's JSON validation against
// the shipped schema reports syntax and schema errors; the extension adds only what the schema
// cannot say — a rule id not in the catalog, with "did you mean". Rule ids complete from the schema.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';

const EXTENSION_ID = 'prompt-pattern-review.prompt-pattern-review';

/** Every diagnostic on the document, whatever its source, once it has settled. */
async function settledDiagnostics(
  uri: vscode.Uri,
  predicate: (d: readonly vscode.Diagnostic[]) => boolean,
  ms = 15_000,
): Promise<readonly vscode.Diagnostic[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const diags = vscode.languages.getDiagnostics(uri);
    if (predicate(diags)) {
      // A second source would arrive within moments: wait, then read again.
      await new Promise((r) => setTimeout(r, 1500));
      return vscode.languages.getDiagnostics(uri);
    }
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
  teardown(async () => {
    // Revert first: closing a dirty editor would otherwise wait on a save prompt.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  suiteTeardown(() => fs.rmSync(dir().fsPath, { recursive: true, force: true }));

  async function open(text: string): Promise<vscode.TextDocument> {
    await vscode.workspace.fs.writeFile(file(), new TextEncoder().encode(text));
    const doc = await vscode.workspace.openTextDocument(file());
    await vscode.window.showTextDocument(doc);
    return doc;
  }

  test('a misspelt rule id is one diagnostic, ours, with "did you mean"', async () => {
    const doc = await open('{\n  // team settings\n  "rules": {\n    "bulk-generaton-loop": "off"\n  }\n}\n');
    const diags = await settledDiagnostics(doc.uri, (d) => d.length > 0);
    assert.strictEqual(diags.length, 1, JSON.stringify(diags.map((d) => [d.source, d.message])));
    assert.strictEqual(diags[0].source, 'ppr');
    assert.match(diags[0].message, /did you mean "bulk-generation-loop"\?/);
    assert.strictEqual(diags[0].range.start.line, 3);
    assert.strictEqual(diags[0].severity, vscode.DiagnosticSeverity.Error);
  });

  test("a wrong severity is one diagnostic (the schema's), not one from each side", async () => {
    const doc = await open('{\n  "rules": {\n    "bulk-generation-loop": "loud"\n  }\n}\n');
    const diags = await settledDiagnostics(doc.uri, (d) => d.length > 0);
    console.log(`diagnostics on a wrong severity: ${JSON.stringify(diags.map((d) => [d.source, d.message]))}`);
    assert.strictEqual(diags.length, 1, JSON.stringify(diags.map((d) => [d.source, d.message])));
    assert.strictEqual(diags[0].range.start.line, 2);
    assert.ok(!diags.some((d) => d.source === 'ppr'), 'the extension leaves schema errors to the JSON validation');
  });

  test('rule ids complete from the schema generated from the catalog', async () => {
    const doc = await open('{\n  "rules": {\n    \n  }\n}\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(2, 4),
    );
    const labels = (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
    for (const id of ['bulk-generation-loop', 'training-on-outputs', 'credential-rotation'])
      assert.ok(labels.includes(id), `${id} among ${labels.join(', ')}`);
  });
});
