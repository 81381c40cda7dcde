// The Findings view: grouped by workload, rule or provider; filtered by severity; a click reveals
// the finding in the editor; the status bar shows the counts and opens the report.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, lastScanFindings, withSettings } from './support/extension-api';
import type { FindingsNode } from '../../src/vscode/findings-tree';

async function scannedApi() {
  const api = await extensionApi();
  await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
  return api;
}

function labels(api: Awaited<ReturnType<typeof extensionApi>>, nodes: FindingsNode[]): string[] {
  return nodes.map((n) => String(api.tree.getTreeItem(n).label));
}

suite('findings tree and status bar', () => {
  suiteTeardown(async () => {
    const api = await extensionApi();
    await api.tree.setGrouping('workload');
    await api.tree.setSeverities(['critical', 'high', 'medium', 'low', 'info']);
    await closeAllEditors();
  });

  test('groups the scan by workload, worst first, with findings as children', async () => {
    const api = await scannedApi();
    await vscode.commands.executeCommand('promptPatternReview.findings.groupByWorkload');
    const roots = api.tree.getChildren();
    const names = labels(api, roots);
    assert.strictEqual(names[0], 'generate.py:main', 'the critical workload comes first');
    assert.ok(names.includes('run_eval.py:run_benchmark'), names.join(', '));
    const expected = new Set(lastScanFindings(api).map((f) => f.workload));
    assert.deepStrictEqual(new Set(names), expected, 'one group per workload of the scan');
    const first = api.tree.getTreeItem(roots[0]);
    assert.strictEqual((first.iconPath as vscode.ThemeIcon).id, 'error', 'critical workload shows the error icon');
    const children = api.tree.getChildren(roots[0]);
    const bulk = children.find((c) => api.tree.getTreeItem(c).label === 'bulk-generation-loop');
    assert.ok(bulk, labels(api, children).join(', '));
    assert.match(String(api.tree.getTreeItem(bulk).description), /critical · distill-pipeline\/generate\.py:20/);
    assert.strictEqual(children.length, lastScanFindings(api).filter((f) => f.workload === 'generate.py:main').length);
  });

  test('rows sort by severity, are coloured by their own severity, carry their own counts with correct plurals', async () => {
    const api = await scannedApi();
    const rank = ['info', 'low', 'medium', 'high', 'critical'];
    for (const grouping of ['workload', 'rule', 'provider'] as const) {
      await api.tree.setGrouping(grouping);
      for (const root of api.tree.getChildren()) {
        const children = api.tree.getChildren(root);
        const severities = children.map((c) => (c.kind === 'finding' ? c.item.finding.severity : 'info'));
        const ranks = severities.map((s) => rank.indexOf(s));
        assert.deepStrictEqual(
          ranks,
          [...ranks].sort((a, b) => b - a),
          `${grouping}: children strongest first`,
        );
        const group = api.tree.getTreeItem(root);
        assert.strictEqual(group.description, children.length === 1 ? '1 finding' : `${children.length} findings`, "the row's own count");
        for (const child of children) {
          const item = api.tree.getTreeItem(child);
          assert.strictEqual(item.resourceUri, undefined, "no file decoration: its badge and colour would be the whole file's");
          const icon = item.iconPath as vscode.ThemeIcon;
          const severity = child.kind === 'finding' ? child.item.finding.severity : 'info';
          const colour = (icon.color as vscode.ThemeColor | undefined)?.id;
          if (severity === 'low' || severity === 'info')
            assert.notStrictEqual(colour, 'problemsErrorIcon.foreground', 'a low row is never red');
          if (severity === 'critical') assert.strictEqual(colour, 'problemsErrorIcon.foreground');
        }
      }
    }
    await api.tree.setGrouping('workload');
    const evalGroup = api.tree.getChildren().find((n) => api.tree.getTreeItem(n).label === 'run_eval.py:run_benchmark')!;
    assert.strictEqual(api.tree.getTreeItem(evalGroup).description, '1 finding');
  });

  test('the status item is plain: no error background for a lint result', async () => {
    const api = await scannedApi();
    assert.ok(lastScanFindings(api).some((f) => f.severity === 'critical'));
    assert.strictEqual(api.status.item.backgroundColor, undefined);
  });

  test('groups by rule and by provider', async () => {
    const api = await scannedApi();
    await vscode.commands.executeCommand('promptPatternReview.findings.groupByRule');
    const rules = [...new Set(lastScanFindings(api).map((f) => f.ruleId))].sort();
    assert.ok(rules.includes('bulk-generation-loop'));
    assert.deepStrictEqual(labels(api, api.tree.getChildren()).sort(), rules);
    await vscode.commands.executeCommand('promptPatternReview.findings.groupByProvider');
    assert.deepStrictEqual(labels(api, api.tree.getChildren()), ['Anthropic', 'OpenAI']);
    assert.match(String(api.tree.view.description), /provider/);
    await vscode.commands.executeCommand('promptPatternReview.findings.groupByWorkload');
  });

  test('the severity filter narrows the view and its badge', async () => {
    const api = await scannedApi();
    const all = lastScanFindings(api);
    assert.strictEqual(api.tree.view.badge?.value, all.length);
    await vscode.commands.executeCommand('promptPatternReview.findings.filterBySeverity', ['critical']);
    try {
      const critical = all.filter((f) => f.severity === 'critical');
      assert.deepStrictEqual(new Set(labels(api, api.tree.getChildren())), new Set(critical.map((f) => f.workload)));
      assert.ok(!labels(api, api.tree.getChildren()).includes('run_eval.py:run_benchmark'), 'the low eval workload is filtered out');
      assert.strictEqual(api.tree.view.badge?.value, critical.length);
      await vscode.commands.executeCommand('promptPatternReview.findings.filterBySeverity', ['info']);
      assert.deepStrictEqual(api.tree.getChildren(), []);
      assert.match(String(api.tree.view.message), /No findings/);
    } finally {
      await vscode.commands.executeCommand('promptPatternReview.findings.filterBySeverity', ['critical', 'high', 'medium', 'low', 'info']);
    }
  });

  test('clicking a finding reveals it in the editor', async () => {
    const api = await scannedApi();
    const root = api.tree.getChildren().find((n) => api.tree.getTreeItem(n).label === 'generate.py:main')!;
    const child = api.tree.getChildren(root).find((c) => api.tree.getTreeItem(c).label === 'bulk-generation-loop')!;
    const command = api.tree.getTreeItem(child).command!;
    assert.strictEqual(command.command, 'promptPatternReview.revealFinding');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.path.endsWith('distill-pipeline/generate.py'));
    assert.strictEqual(editor.selection.start.line, 19);
  });

  test('the status bar counts the scan by severity and opens the report', async () => {
    const api = await scannedApi();
    const all = lastScanFindings(api);
    const critical = all.filter((f) => f.severity === 'critical').length;
    const low = all.filter((f) => f.severity === 'low').length;
    assert.ok(critical > 0 && low > 0);
    assert.match(api.status.item.text, new RegExp(`${critical} critical`));
    assert.match(api.status.item.text, new RegExp(`${low} low`));
    assert.strictEqual(api.status.item.command, 'promptPatternReview.openReport');
  });

  test('the status bar and the tree follow the minimum severity setting', async () => {
    const api = await scannedApi();
    const restore = await withSettings({ minimumSeverity: 'critical' });
    try {
      assert.ok(!/low/.test(api.status.item.text), api.status.item.text);
      assert.ok(!labels(api, api.tree.getChildren()).includes('run_eval.py:run_benchmark'));
      assert.ok(labels(api, api.tree.getChildren()).includes('generate.py:main'));
    } finally {
      await restore();
    }
    assert.match(api.status.item.text, /\d+ low/);
  });
});
