// Live diagnostics in a real editor: they appear on open with source, code, docs link, a message
// that says why and related locations in other files; they follow edits (debounced) and clear on close.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { byRule, closeAllEditors, codeOf, exampleUri, extensionApi, rulesOf, waitFor, withSettings } from './support/extension-api';

const HARVEST_LOOP = [
  'import anthropic',
  'client = anthropic.Anthropic()',
  'TOPICS = ["algebra", "law", "poetry"]',
  'with open("out.jsonl", "w") as f:',
  '    for topic in TOPICS:',
  '        r = client.messages.create(model="claude-x", max_tokens=10, messages=[{"role": "user", "content": topic}])',
  '        f.write(r.content[0].text)',
  '',
].join('\n');

async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

suite('editor: live diagnostics', () => {
  teardown(closeAllEditors);

  test('opening a distillation-like script shows a critical finding with its rule code and docs link', async () => {
    const api = await extensionApi();
    const uri = exampleUri('distill-pipeline/generate.py');
    await vscode.window.showTextDocument(uri);
    const d = await waitFor('live bulk-generation-loop diagnostic on generate.py', () =>
      byRule(api.live.collection.get(uri), 'bulk-generation-loop'),
    );
    assert.strictEqual(d.source, 'ppr');
    assert.ok(
      typeof d.code === 'object' && d.code.target.toString().endsWith(`/docs/rules/${rulesOf(d)[0]}.md`),
      "code links to the strongest rule's page",
    );
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, 'critical maps to Error by default');
    assert.strictEqual(d.range.start.line, 19, 'anchored on the ask_claude call');
  });

  test('the message says why: loops, volume, sink, reasoning capture and training code', async () => {
    const api = await extensionApi();
    const uri = exampleUri('distill-pipeline/generate.py');
    const doc = await vscode.workspace.openTextDocument(uri);
    const findings = await api.live.analyse(doc);
    const message = findings.find((f) => f.ruleId === 'bulk-generation-loop')!.message;
    for (const part of ['TOPICS', 'STYLES', 'Anthropic', 'distilled.jsonl', 'thinking captured', '12,000', 'train_sft.py']) {
      assert.ok(message.includes(part), `message mentions ${part}: ${message}`);
    }
  });

  test('related information points at the wrapper and the training code in other files', async () => {
    const api = await extensionApi();
    const uri = exampleUri('distill-pipeline/generate.py');
    await vscode.window.showTextDocument(uri);
    const d = await waitFor('live bulk-generation-loop diagnostic on generate.py', () =>
      byRule(api.live.collection.get(uri), 'bulk-generation-loop'),
    );
    const files = (d.relatedInformation ?? []).map((r) => r.location.uri.path.split('/').slice(-2).join('/'));
    assert.ok(files.includes('distill-pipeline/llm_client.py'), `wrapper among ${files.join(', ')}`);
    assert.ok(files.includes('distill-pipeline/train_sft.py'), `trainer among ${files.join(', ')}`);
    const trainer = d.relatedInformation!.find((r) => r.location.uri.path.endsWith('train_sft.py'))!;
    assert.match(trainer.message, /trainer/);
  });

  test('an ordinary chat route stays quiet', async () => {
    const api = await extensionApi();
    const doc = await vscode.workspace.openTextDocument(exampleUri('chat-app/app/api/chat/route.ts'));
    await vscode.window.showTextDocument(doc);
    const findings = await api.live.analyse(doc);
    assert.deepStrictEqual(
      findings.filter((f) => !f.suppressed).map((f) => f.ruleId),
      [],
    );
    assert.strictEqual(api.live.collection.get(doc.uri)?.length ?? 0, 0);
  });

  test('typing a harvesting loop into a new file makes a diagnostic appear, debounced', async () => {
    const api = await extensionApi();
    // A debounce longer than the whole burst of edits: exactly one analysis should follow it.
    const restore = await withSettings({ debounce: 4000 });
    // Listening before the document opens: the analysis on open may finish before `openTextDocument`'s
    // promise is seen, and counting from then on would miss it.
    const analysed: string[] = [];
    const counting = api.live.onDidAnalyse.event((e) => analysed.push(e.uri.toString()));
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import anthropic\n' });
    const editor = await vscode.window.showTextDocument(doc);
    const countOf = () => analysed.filter((uri) => uri === doc.uri.toString()).length;
    try {
      await waitFor('the analysis on open', () => countOf() === 1, 15_000);
      assert.strictEqual(api.live.collection.get(doc.uri)?.length ?? 0, 0, 'nothing before the loop exists');
      for (const line of HARVEST_LOOP.split('\n').slice(1)) {
        await editor.edit((b) => b.insert(doc.lineAt(doc.lineCount - 1).range.end, line + '\n'));
      }
      assert.strictEqual(countOf(), 1, 'no analysis while the edits keep coming');
      await waitFor('a diagnostic after typing', () => byRule(api.live.collection.get(doc.uri), 'bulk-generation-loop'), 15_000);
      assert.strictEqual(countOf(), 2, `one analysis for ${HARVEST_LOOP.split('\n').length - 1} edits`);
    } finally {
      counting.dispose();
      await restore();
      await revertAndClose();
    }
  });

  test('deleting the loop removes the diagnostic', async () => {
    const api = await extensionApi();
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: HARVEST_LOOP });
    const editor = await vscode.window.showTextDocument(doc);
    try {
      await waitFor('the loop flagged', () => api.live.collection.get(doc.uri)?.length, 15_000);
      await editor.edit((b) =>
        b.replace(new vscode.Range(3, 0, doc.lineCount, 0), 'r = client.messages.create(model="claude-x", max_tokens=10, messages=[])\n'),
      );
      await waitFor('the diagnostic to go', () => (api.live.collection.get(doc.uri)?.length ?? 0) === 0);
    } finally {
      await revertAndClose();
    }
  });

  test('closing a document clears its live diagnostics', async () => {
    const api = await extensionApi();
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: HARVEST_LOOP });
    await vscode.window.showTextDocument(doc);
    await waitFor('the loop flagged', () => api.live.collection.get(doc.uri)?.length, 15_000);
    await revertAndClose();
    await waitFor('diagnostics cleared after close', () => (api.live.collection.get(doc.uri)?.length ?? 0) === 0);
  });
});
