// Quick fixes in a real editor: each code action offered on a Prompt Pattern Review diagnostic is
// applied through its command and the document text is checked; stale arguments are refused.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { byRule, closeAllEditors, extensionApi, waitFor, workspaceFolder } from './support/extension-api';

const DIR = '.code-actions-test';
const LOOP = [
  'import anthropic',
  'client = anthropic.Anthropic()',
  'TOPICS = ["algebra", "law", "poetry"]',
  '',
  '',
  'def run():',
  '    for topic in TOPICS:',
  '        for i in range(500):',
  '            client.messages.create(model="claude-x", max_tokens=10, messages=[{"role": "user", "content": topic}])',
  '',
].join('\n');
const CALL_LINE = 8;
const REASON = 'enrichment of our own records';

let counter = 0;

interface Fixture { doc: vscode.TextDocument; diagnostic: vscode.Diagnostic; actions: vscode.CodeAction[] }

async function openFixture(text = LOOP): Promise<Fixture> {
  const api = await extensionApi();
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, DIR, `job_${Date.now()}_${counter++}.py`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await api.live.analyse(doc);
  const diagnostic = await waitFor('bulk-generation-loop diagnostic', () => byRule(api.live.collection.get(uri), 'bulk-generation-loop'));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
  return { doc, diagnostic, actions: actions ?? [] };
}

function action(f: Fixture, title: string): vscode.CodeAction {
  const found = f.actions.find((a) => a.title === title);
  assert.ok(found?.command, `"${title}" offered; got: ${f.actions.map((a) => a.title).join(' | ')}`);
  return found;
}

/** Runs the action's command as VS Code would, with the reason the input box would have returned. */
async function apply(f: Fixture, title: string, extra: Record<string, unknown> = { reason: REASON }): Promise<unknown> {
  const { command, arguments: args } = action(f, title).command!;
  return vscode.commands.executeCommand(command, { ...(args![0] as object), ...extra });
}

const lines = (doc: vscode.TextDocument) => doc.getText().split('\n');

suite('code actions: quick fixes', () => {
  teardown(async () => {
    // Fixes leave unsaved edits (and an untitled note): discard them, or closing would ask to save.
    for (let i = 0; i < 20 && vscode.window.visibleTextEditors.length; i++) {
      if (vscode.window.activeTextEditor === undefined) await vscode.window.showTextDocument(vscode.window.visibleTextEditors[0].document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeAllEditors();
  });
  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder().uri, DIR), { recursive: true, useTrash: false });
  });

  test('offers the document, note, suppress, disable, ignore-list and docs fixes on a finding', async () => {
    const f = await openFixture();
    const titles = f.actions.map((a) => a.title);
    for (const title of ['Document this workload (@llm-usage)…', 'Generate pre-clearance note', 'Suppress bulk-generation-loop on this line…',
      'Disable bulk-generation-loop for this line…', 'Disable bulk-generation-loop for the entire file…', 'Add to .promptreview.json ignore list…',
      'Show documentation for bulk-generation-loop']) {
      assert.ok(titles.includes(title), `missing "${title}" in ${titles.join(' | ')}`);
    }
    assert.ok(f.actions.every((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value));
    const docs = action(f, 'Show documentation for bulk-generation-loop').command!;
    assert.strictEqual(docs.command, 'promptPatternReview.showRuleDocs');
    assert.deepStrictEqual(docs.arguments, ['bulk-generation-loop']);
  });

  test('"Document this workload" inserts a pre-filled @llm-usage block above the outermost loop', async () => {
    const f = await openFixture();
    assert.strictEqual(await apply(f, 'Document this workload (@llm-usage)…', {}), true);
    const text = lines(f.doc);
    assert.strictEqual(text[6], '    # @llm-usage');
    assert.match(text[7], /^ {4}# {3}purpose: TODO:/);
    assert.match(text[8], /^ {4}# {3}volume: ~1,500 requests per run to Anthropic \(claude-x\)/);
    assert.match(text[10], /^ {4}# {3}owner: /);
    assert.match(text[11], /^ {4}# {3}expires: \d{4}-\d{2}-\d{2}$/);
    assert.strictEqual(text[12], '    for topic in TOPICS:', 'the block sits right above the loop it documents');
    const api = await extensionApi();
    const findings = await api.live.analyse(f.doc);
    assert.ok(findings.some((x) => x.ruleId === 'stale-usage-annotation' && /purpose" is still TODO/.test(x.message)), 'the TODO purpose is asked for');
  });

  test('"Suppress … on this line" appends llm-usage-ignore with the reason, and the finding becomes suppressed', async () => {
    const f = await openFixture();
    assert.strictEqual(await apply(f, 'Suppress bulk-generation-loop on this line…'), true);
    assert.ok(lines(f.doc)[CALL_LINE].endsWith(`  # llm-usage-ignore bulk-generation-loop -- ${REASON}`), lines(f.doc)[CALL_LINE]);
    const api = await extensionApi();
    const finding = (await api.live.analyse(f.doc)).find((x) => x.ruleId === 'bulk-generation-loop');
    assert.strictEqual(finding?.suppressed, true);
    assert.strictEqual(finding?.suppression?.reason, REASON);
  });

  test('"Disable … for this line" puts the suppression on the line above, indented', async () => {
    const f = await openFixture();
    assert.strictEqual(await apply(f, 'Disable bulk-generation-loop for this line…'), true);
    assert.strictEqual(lines(f.doc)[CALL_LINE], `            # llm-usage-ignore bulk-generation-loop -- ${REASON}`);
    assert.match(lines(f.doc)[CALL_LINE + 1], /^\s+client\.messages\.create/);
  });

  test('"Disable … for the entire file" adds llm-usage-ignore-file at the top', async () => {
    const f = await openFixture();
    assert.strictEqual(await apply(f, 'Disable bulk-generation-loop for the entire file…'), true);
    assert.strictEqual(lines(f.doc)[0], `# llm-usage-ignore-file bulk-generation-loop -- ${REASON}`);
    assert.strictEqual(lines(f.doc)[1], 'import anthropic');
  });

  test('"Add to .promptreview.json ignore list" appends a reviewed entry and keeps the file\'s comments', async () => {
    const configUri = vscode.Uri.joinPath(workspaceFolder().uri, '.promptreview.json');
    let previous: Uint8Array | undefined;
    try {
      previous = await vscode.workspace.fs.readFile(configUri);
    } catch {
      previous = undefined;
    }
    await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode('{\n  // reviewed exceptions live here\n  "ignore": []\n}\n'));
    try {
      const f = await openFixture();
      assert.strictEqual(await apply(f, 'Add to .promptreview.json ignore list…'), true);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri));
      assert.ok(text.includes('// reviewed exceptions live here'), text);
      const path = vscode.workspace.asRelativePath(f.doc.uri, false);
      assert.match(text, /"rule": "bulk-generation-loop"/);
      assert.ok(text.includes(`"path": "${path}"`), text);
      assert.ok(text.includes(`"reason": "${REASON}"`), text);
      assert.match(text, /"expires": "\d{4}-\d{2}-\d{2}"/);
    } finally {
      if (previous) await vscode.workspace.fs.writeFile(configUri, previous);
      else await vscode.workspace.fs.delete(configUri, { useTrash: false });
    }
  });

  test('"Generate pre-clearance note" opens the Markdown beside the code', async () => {
    const f = await openFixture();
    const uri = await apply(f, 'Generate pre-clearance note', {}) as vscode.Uri;
    const note = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(note, 'the note is open');
    assert.strictEqual(note.languageId, 'markdown');
    for (const part of ['# Pre-clearance note:', '| Provider(s) | Anthropic |', '1,500 requests per run', '| Purpose | TODO:']) {
      assert.ok(note.getText().includes(part), `note mentions ${part}`);
    }
  });

  test('"Generate pre-clearance note" with save writes it under docs/llm-usage/', async () => {
    const f = await openFixture();
    const saved = await apply(f, 'Generate pre-clearance note', { save: true }) as vscode.Uri;
    try {
      assert.ok(saved.path.includes('/docs/llm-usage/'), saved.path);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(saved));
      assert.ok(text.startsWith('# Pre-clearance note:'));
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder().uri, 'docs'), { recursive: true, useTrash: false });
    }
  });

  test('a fix computed for an older version of the document is refused', async () => {
    const f = await openFixture();
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === f.doc)!;
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '\n'));
    const before = f.doc.getText();
    for (const title of ['Suppress bulk-generation-loop on this line…', 'Disable bulk-generation-loop for the entire file…']) {
      assert.strictEqual(await apply(f, title), false, title);
    }
    assert.strictEqual(await apply(f, 'Document this workload (@llm-usage)…', {}), false);
    assert.strictEqual(f.doc.getText(), before, 'nothing was edited');
  });

  test('without a reason the input box is asked; dismissing it edits nothing', async () => {
    const f = await openFixture();
    const before = f.doc.getText();
    const pending = apply(f, 'Disable bulk-generation-loop for this line…', {});
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(await pending, false);
    assert.strictEqual(f.doc.getText(), before);
  });
});
