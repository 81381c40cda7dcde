// Notebooks: code cells are analysed together as one document, findings land on the right cell
// and line, and closing the notebook clears them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { byRule, closeAllEditors, extensionApi, waitFor } from './support/extension-api';

function code(source: string): vscode.NotebookCellData {
  return new vscode.NotebookCellData(vscode.NotebookCellKind.Code, source, 'python');
}

async function openNotebook(cells: vscode.NotebookCellData[]): Promise<vscode.NotebookDocument> {
  const nb = await vscode.workspace.openNotebookDocument('jupyter-notebook', new vscode.NotebookData(cells));
  await vscode.window.showNotebookDocument(nb);
  return nb;
}

const SETUP = 'import anthropic\nclient = anthropic.Anthropic()\nTOPICS = ["algebra", "law", "poetry"]';
const LOOP = [
  '%time',
  'with open("out.jsonl", "w") as f:',
  '    for topic in TOPICS:',
  '        r = client.messages.create(model="claude-x", max_tokens=10, messages=[{"role": "user", "content": topic}])',
  '        f.write(r.content[0].text)',
].join('\n');

suite('editor: notebooks', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
  });

  test('a loop in one cell over a list from another cell is flagged on the call, in its cell', async () => {
    const api = await extensionApi();
    const nb = await openNotebook([
      code(SETUP),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# notes', 'markdown'),
      code(LOOP),
    ]);
    const loopCell = nb.cellAt(2).document;
    const d = await waitFor('a diagnostic on the loop cell', () => byRule(api.live.collection.get(loopCell.uri), 'bulk-generation-loop'));
    assert.strictEqual(d.range.start.line, 3, 'the create() call is line 3 of the cell (the %time magic kept its line)');
    assert.match(d.message, /out\.jsonl/);
    assert.strictEqual(api.live.collection.get(nb.cellAt(0).document.uri)?.length ?? 0, 0, 'nothing on the setup cell');
  });

  test('closing the notebook clears its cells\u2019 diagnostics', async () => {
    const api = await extensionApi();
    const nb = await openNotebook([code(SETUP), code(LOOP)]);
    const loopCell = nb.cellAt(1).document.uri;
    await waitFor('a diagnostic on the loop cell', () => api.live.collection.get(loopCell)?.length);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('cell diagnostics cleared', () => (api.live.collection.get(loopCell)?.length ?? 0) === 0, 15_000);
  });

  test('editing a cell re-analyses the notebook', async () => {
    const api = await extensionApi();
    const nb = await openNotebook([code(SETUP), code('print("nothing yet")')]);
    const cell = nb.cellAt(1).document;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(cell.uri, new vscode.Range(0, 0, cell.lineCount, 0), LOOP);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('a diagnostic after the edit', () => byRule(api.live.collection.get(cell.uri), 'bulk-generation-loop'));
  });
});
