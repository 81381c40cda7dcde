// A workload is the unit the editor shows: one diagnostic per workload per location, its message
// leading with the outcome and the volume, its rules as facets (related information, hover), the
// workload's highest severity; a purpose alone does not lower training on outputs; rule pages
// open offline, from the extension's own files.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { byRule, closeAllEditors, exampleUri, extensionApi, ourDiagnostics, rulesOf, waitFor } from './support/extension-api';

const GENERATION_LINE = 19;
const PURPOSE = 'fine-tune our own open model on Claude outputs';

suite('editor: workload diagnostics', () => {
  teardown(async () => {
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++)
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
  });

  test('the generation line has one diagnostic for its workload, leading with outcome and volume, its rules as facets', async () => {
    const api = await extensionApi();
    const uri = exampleUri('distill-pipeline/generate.py');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const findings = await api.live.analyse(doc);
    const onLine = (api.live.collection.get(uri) ?? []).filter((d) => d.range.start.line === GENERATION_LINE);
    assert.strictEqual(onLine.length, 1, onLine.map((d) => d.message).join('\n'));
    const [d] = onLine;
    const rules = [...new Set(findings.filter((f) => f.range.startLine === GENERATION_LINE && !f.suppressed).map((f) => f.ruleId))];
    assert.ok(rules.length >= 5, `several rules on the line: ${rules.join(', ')}`);
    assert.deepStrictEqual(rulesOf(d).sort(), rules.sort(), 'every rule is a facet');
    assert.match(d.message, /^distillation-like: ~12,000 requests to Anthropic, /);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, "the workload's highest severity (critical)");
    assert.strictEqual(d.source, 'ppr');
    const facets = (d.relatedInformation ?? []).filter((r) => /^[a-z-]+ \((critical|high|medium|low|info)\): /.test(r.message));
    assert.strictEqual(facets.length, rules.length, 'one related-information facet per rule');
    assert.ok(facets.every((r) => r.location.uri.toString() === uri.toString()));
    const keys = (api.live.collection.get(uri) ?? []).map((x) => `${x.range.start.line}:${x.message}`);
    assert.deepStrictEqual(keys, [...new Set(keys)], 'no stacked duplicates');
  });

  test('a purpose alone leaves training-on-outputs at high or above in the editor, and says documented', async () => {
    const api = await extensionApi();
    const generate = await vscode.workspace.openTextDocument(exampleUri('distill-pipeline/generate.py'));
    const editor = await vscode.window.showTextDocument(generate);
    const loop = generate
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('        for topic in TOPICS:'));
    assert.ok(loop > 0);
    await editor.edit((b) => b.insert(new vscode.Position(loop, 0), `        # @llm-usage\n        #   purpose: ${PURPOSE}\n`));
    try {
      await api.live.analyse(generate);
      const client = await vscode.workspace.openTextDocument(exampleUri('distill-pipeline/llm_client.py'));
      await vscode.window.showTextDocument(client, { preview: false });
      const findings = await api.live.analyse(client);
      const training = findings.filter((f) => f.ruleId === 'training-on-outputs');
      assert.ok(training.length, 'training-on-outputs on the provider call');
      for (const f of training) {
        assert.ok(['high', 'critical'].includes(f.severity), f.severity);
        assert.ok(f.message.includes(`documented: ${PURPOSE}`), f.message);
      }
      const d = await waitFor('the workload diagnostic on llm_client.py', () =>
        byRule(api.live.collection.get(client.uri), 'training-on-outputs'),
      );
      assert.ok(
        d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning,
        `shown as ${vscode.DiagnosticSeverity[d.severity]}`,
      );
      assert.ok(d.message.includes(`documented: ${PURPOSE}`), d.message);
      assert.match(d.message, /severity kept until a clearance: is recorded/);
    } finally {
      await vscode.window.showTextDocument(generate);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await api.live.analyse(await vscode.workspace.openTextDocument(exampleUri('distill-pipeline/generate.py')));
    }
  });

  test('info maps to Information by default, not Hint', async () => {
    const levels = vscode.workspace.getConfiguration('promptPatternReview').inspect<Record<string, string>>('severityLevels')?.defaultValue;
    assert.strictEqual(levels?.info, 'information');
  });

  test('the hover lists the workload once with its rules as facets linking to their pages', async () => {
    const api = await extensionApi();
    const uri = exampleUri('distill-pipeline/generate.py');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await api.live.analyse(doc);
    const column = doc.lineAt(GENERATION_LINE).text.indexOf('ask_claude') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(GENERATION_LINE, column),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))
      .join('\n');
    assert.strictEqual(text.split('distillation-like:').length - 1, 1, 'the workload once');
    for (const rule of ['bulk-generation-loop', 'capability-coverage-sweep', 'reasoning-trace-harvest', 'templated-prompt-sweep']) {
      assert.strictEqual(
        text.split(`[\`${rule}\`](command:promptPatternReview.showRuleDocs`).length - 1,
        1,
        `${rule} listed once with its docs link`,
      );
    }
    assert.strictEqual(text.split('thinking captured').length - 1 <= 2, true, 'signals are not repeated per rule');
  });

  test('rule links open the page shipped with the extension, never a remote URL', async () => {
    const api = await extensionApi();
    const uri = exampleUri('distill-pipeline/generate.py');
    await vscode.window.showTextDocument(uri);
    const d = await waitFor('a diagnostic', () => ourDiagnostics(uri)[0]);
    assert.ok(typeof d.code === 'object', 'code has a target');
    const target = (d.code as { target: vscode.Uri }).target;
    assert.ok(!/^https?$/.test(target.scheme), `not remote: ${target.toString()}`);
    const extension = vscode.extensions.getExtension('prompt-pattern-review.prompt-pattern-review')!;
    assert.ok(target.toString().startsWith(extension.extensionUri.toString()), `inside the extension: ${target.toString()}`);
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(page, /^# bulk-generation-loop|^# [a-z-]+\n/);
    const opened = await vscode.commands.executeCommand<vscode.Uri>('promptPatternReview.showRuleDocs', 'training-on-outputs');
    assert.ok(opened && opened.toString().endsWith('/docs/rules/training-on-outputs.md'), String(opened));
    await waitFor('the Markdown preview tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && /training-on-outputs/.test(t.label)),
    );
    void api;
  });
});
