// CodeLens above each workload (volume, provider, documented or not, Document / Pre-clearance note)
// and the hover on a call site (provider, model, wrapper, repetition, signals).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, exampleUri, extensionApi, waitFor, withSettings } from './support/extension-api';

async function openAnalysed(path: string): Promise<vscode.TextDocument> {
  const api = await extensionApi();
  const doc = await vscode.workspace.openTextDocument(exampleUri(path));
  await vscode.window.showTextDocument(doc);
  await api.live.analyse(doc);
  return doc;
}

async function ourLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
  return lenses.filter(
    (l) => l.command && (l.command.command.startsWith('promptPatternReview.') || l.command.title.startsWith('$(pulse)')),
  );
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  // The hover escapes workspace text as Markdown; compare with what the user reads.
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
}

suite('editor: CodeLens and hover', () => {
  teardown(closeAllEditors);

  test('a workload gets a lens with its volume, provider and documentation state, on its driver function', async () => {
    const doc = await openAnalysed('distill-pipeline/generate.py');
    const lenses = await waitFor('lenses', async () => {
      const found = await ourLenses(doc.uri);
      return found.length ? found : undefined;
    });
    const summary = lenses.find((l) => l.command!.title.startsWith('$(pulse)'))!;
    assert.strictEqual(summary.command!.title, '$(pulse) ~12,000 requests · Anthropic · not documented');
    assert.strictEqual(doc.lineAt(summary.range.start.line).text, 'def main() -> None:');
  });

  test('the lens offers Document and Pre-clearance note with the workload as argument', async () => {
    const doc = await openAnalysed('distill-pipeline/generate.py');
    const lenses = await ourLenses(doc.uri);
    const document = lenses.find((l) => l.command!.title === 'Document');
    const note = lenses.find((l) => l.command!.title === 'Pre-clearance note');
    assert.strictEqual(document?.command?.command, 'promptPatternReview.documentWorkload');
    assert.strictEqual(note?.command?.command, 'promptPatternReview.preClearanceNote');
    assert.strictEqual(String(note!.command!.arguments![1]), 'generate.py:main');
    assert.ok((note!.command!.arguments![0] as vscode.Uri).path.endsWith('generate.py'));
  });

  test('an eval harness lens says its volume is unbounded', async () => {
    const doc = await openAnalysed('eval-harness/run_eval.py');
    const lenses = await ourLenses(doc.uri);
    assert.ok(
      lenses.some((l) => l.command!.title === '$(pulse) unbounded volume · OpenAI · not documented'),
      lenses.map((l) => l.command!.title).join(' | '),
    );
  });

  test('codeLens.enable: false removes the lenses', async () => {
    const doc = await openAnalysed('distill-pipeline/generate.py');
    const restore = await withSettings({ 'codeLens.enable': false });
    try {
      assert.deepStrictEqual(await ourLenses(doc.uri), []);
    } finally {
      await restore();
    }
  });

  test('hover on a wrapper call shows provider, model, wrapper, repetition and signals', async () => {
    const doc = await openAnalysed('distill-pipeline/generate.py');
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('ask_claude(PROMPT'));
    const text = await hoverText(doc.uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('ask_claude') + 2));
    for (const part of [
      'Anthropic',
      'claude-sonnet-4-5',
      'ask_claude',
      'llm_client.py',
      'TOPICS',
      '12,000',
      'generate.py:main',
      'not documented',
      'bulk-generation-loop',
      'written to distilled.jsonl',
    ]) {
      assert.ok(text.includes(part), `hover mentions ${part}:\n${text}`);
    }
  });

  test('hover on a direct SDK call in the wrapper file names the API family; elsewhere nothing of ours', async () => {
    const doc = await openAnalysed('distill-pipeline/llm_client.py');
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('client.messages.create('));
    const text = await hoverText(doc.uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('create') + 1));
    assert.match(text, /Anthropic \(chat\)/);
    assert.match(text, /single call/);
    const none = await hoverText(doc.uri, new vscode.Position(0, 2));
    assert.ok(!none.includes('Prompt Pattern Review'), none);
  });
});
