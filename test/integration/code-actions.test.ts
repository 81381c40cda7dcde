// Quick fixes in a real editor, merged per workload: each code action offered on a workload
// diagnostic is applied through its command and the document text is checked; stale arguments are
// refused; the example's generation line gets a short menu that names the rule in every per-rule title.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { byRule, closeAllEditors, exampleUri, extensionApi, rulesOf, waitFor, workspaceFolder } from './support/extension-api';
import { disableChoices } from '../../src/vscode/commands-disable-rule';

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
const DISABLE = 'Disable bulk-generation-loop (line, file or ignore list)…';

let counter = 0;

interface Fixture {
  doc: vscode.TextDocument;
  diagnostic: vscode.Diagnostic;
  actions: vscode.CodeAction[];
}

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

  test('offers one document, one note, one disable per rule and the docs fix on a finding', async () => {
    const f = await openFixture();
    const titles = f.actions.map((a) => a.title);
    const strongest = rulesOf(f.diagnostic)[0];
    for (const title of [
      'Document this workload (@llm-usage)…',
      'Generate pre-clearance note',
      DISABLE,
      `Show documentation for ${strongest}`,
    ]) {
      assert.strictEqual(titles.filter((t) => t === title).length, 1, `"${title}" once in ${titles.join(' | ')}`);
    }
    assert.ok(f.actions.every((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value));
    const docs = action(f, `Show documentation for ${strongest}`).command!;
    assert.strictEqual(docs.command, 'promptPatternReview.showRuleDocs');
    assert.deepStrictEqual(docs.arguments, [strongest]);
  });

  test("the example's generation line: at most 12 entries, each workload fix once, every rule named in its own entry", async () => {
    const api = await extensionApi();
    const uri = exampleUri('distill-pipeline/generate.py');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await api.live.analyse(doc);
    const d = await waitFor('the workload diagnostic on the generation line', () =>
      (api.live.collection.get(uri) ?? []).find((x) => x.range.start.line === 19),
    );
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
    const titles = actions.map((a) => a.title);
    assert.strictEqual(rulesOf(d).length, 5, 'five rules meet on the generation line');
    assert.strictEqual(titles.length, 8, `2 workload fixes + 5 rules + 1 docs entry: ${titles.join(' | ')}`);
    assert.strictEqual(titles.filter((t) => t.startsWith('Document this workload')).length, 1);
    assert.strictEqual(titles.filter((t) => t === 'Generate pre-clearance note').length, 1);
    for (const rule of rulesOf(d))
      assert.strictEqual(titles.filter((t) => t === `Disable ${rule} (line, file or ignore list)…`).length, 1, rule);
    assert.deepStrictEqual(
      titles.filter((t) => t.startsWith('Show documentation for ')),
      [`Show documentation for ${rulesOf(d)[0]}`],
    );
    for (const t of titles.filter((x) => x.startsWith('Disable'))) assert.match(t, /^Disable [a-z-]+ /, 'the rule is named');
  });

  test("the six-rule workload on the wrapper's provider call gets nine entries", async () => {
    const api = await extensionApi();
    const uri = exampleUri('distill-pipeline/llm_client.py');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await api.live.analyse(doc);
    const d = await waitFor('the workload diagnostic on the provider call', () =>
      byRule(api.live.collection.get(uri), 'training-on-outputs'),
    );
    assert.strictEqual(rulesOf(d).length, 6, rulesOf(d).join(', '));
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
    assert.strictEqual(actions.length, 9, actions.map((a) => a.title).join(' | '));
  });

  test('the disable fix offers this line, the file, the ignore list and the docs, each naming the rule', async () => {
    assert.deepStrictEqual(
      disableChoices('polling-loop', '.promptreview.json').map((c) => c.label),
      [
        'Disable polling-loop for this line',
        'Disable polling-loop for the entire file',
        'Add polling-loop to the .promptreview.json ignore list',
        'Show documentation for polling-loop',
      ],
    );
  });

  test('"Document this workload" inserts a pre-filled @llm-usage block above the outermost loop', async () => {
    const f = await openFixture();
    assert.strictEqual(await apply(f, 'Document this workload (@llm-usage)…', {}), true);
    const text = lines(f.doc);
    assert.match(text[6], /^ {4}# Describe this workload/);
    assert.match(text[8], /^ {4}# {3}volume — .*the code suggests ~1,500 requests per run to Anthropic \(claude-x\)/);
    assert.strictEqual(text[13], '    # @llm-usage');
    assert.deepStrictEqual(
      text.slice(14, 20),
      ['purpose', 'volume', 'data', 'clearance', 'owner', 'expires'].map((k) => `    #   ${k}:`),
      'every field empty',
    );
    assert.strictEqual(text[20], '    for topic in TOPICS:', 'the block sits right above the loop it documents');
    assert.ok(!f.doc.getText().includes('not used to train'), 'no claim is pre-filled');
    const api = await extensionApi();
    const findings = await api.live.analyse(f.doc);
    const stale = findings.filter((x) => x.ruleId === 'stale-usage-annotation');
    assert.ok(
      stale.some((x) => /"purpose" is empty/.test(x.message)),
      'the empty purpose is asked for',
    );
    assert.ok(
      stale.every((x) => !/expires/.test(x.message)),
      'an empty expires is not an error',
    );
  });

  test('the suppress-on-this-line command (for scripts) appends llm-usage-ignore and its reason: the finding is suppressed', async () => {
    const f = await openFixture();
    const { command, arguments: args } = action(f, DISABLE).command!;
    assert.strictEqual(
      await vscode.commands.executeCommand('promptPatternReview.suppressOnLine', { ...(args![0] as object), reason: REASON }),
      true,
    );
    void command;
    assert.ok(lines(f.doc)[CALL_LINE].endsWith(`  # llm-usage-ignore bulk-generation-loop -- ${REASON}`), lines(f.doc)[CALL_LINE]);
    const api = await extensionApi();
    const finding = (await api.live.analyse(f.doc)).find((x) => x.ruleId === 'bulk-generation-loop');
    assert.strictEqual(finding?.suppressed, true);
    assert.strictEqual(finding?.suppression?.reason, REASON);
  });

  test('"Disable … for this line" puts the suppression on the line above, indented', async () => {
    const f = await openFixture();
    assert.strictEqual(await apply(f, DISABLE, { reason: REASON, scope: 'line' }), true);
    assert.strictEqual(lines(f.doc)[CALL_LINE], `            # llm-usage-ignore bulk-generation-loop -- ${REASON}`);
    assert.match(lines(f.doc)[CALL_LINE + 1], /^\s+client\.messages\.create/);
  });

  test('"Disable … for the entire file" adds llm-usage-ignore-file at the top', async () => {
    const f = await openFixture();
    assert.strictEqual(await apply(f, DISABLE, { reason: REASON, scope: 'file' }), true);
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
      assert.strictEqual(await apply(f, DISABLE, { reason: REASON, scope: 'ignore-list' }), true);
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
    const uri = (await apply(f, 'Generate pre-clearance note', {})) as vscode.Uri;
    const note = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(note, 'the note is open');
    assert.strictEqual(note.languageId, 'markdown');
    for (const part of ['# Pre-clearance note:', '| Provider(s) | Anthropic |', '1,500 requests per run', '| Purpose | TODO:']) {
      assert.ok(note.getText().includes(part), `note mentions ${part}`);
    }
  });

  test('"Generate pre-clearance note" with save writes it under docs/llm-usage/', async () => {
    const f = await openFixture();
    const saved = (await apply(f, 'Generate pre-clearance note', { save: true })) as vscode.Uri;
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
    for (const scope of ['line', 'file']) {
      assert.strictEqual(await apply(f, DISABLE, { reason: REASON, scope }), false, scope);
    }
    assert.strictEqual(await apply(f, 'Document this workload (@llm-usage)…', {}), false);
    assert.strictEqual(f.doc.getText(), before, 'nothing was edited');
  });

  test('without a reason the input box is asked; dismissing it edits nothing', async () => {
    const f = await openFixture();
    const before = f.doc.getText();
    const pending = apply(f, DISABLE, { scope: 'line' });
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(await pending, false);
    assert.strictEqual(f.doc.getText(), before);
  });
});
