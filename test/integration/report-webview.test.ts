// The report webview (summary, charts, findings table, strict CSP with a nonce, escaped strings)
// and the exports to JSON, SARIF and Markdown.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, lastScanFindings, waitFor } from './support/extension-api';
import { renderReportHtml } from '../../src/vscode/report-html';
import type { Finding } from '../../src/engine/types';

async function openReport() {
  const api = await extensionApi();
  await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
  await vscode.commands.executeCommand('promptPatternReview.openReport');
  const panel = await waitFor('the report panel', () => api.report.panel);
  return { api, panel, html: panel.webview.html };
}

suite('report webview and export', () => {
  suiteTeardown(closeAllEditors);

  test('opens with the summary, the charts and a row per finding', async () => {
    const { api, panel, html } = await openReport();
    assert.strictEqual(panel.viewType, 'promptPatternReview.report');
    for (const id of ['chart-severity', 'chart-provider', 'chart-rule', 'chart-volume'])
      assert.ok(html.includes(`id="${id}"`), `has ${id}`);
    const rows = html.match(/<tr class="[^"]*" data-severity=/g) ?? [];
    assert.strictEqual(rows.length, api.scanner.lastScan[0].result.findings.length);
    assert.ok(html.includes('distill-pipeline/generate.py:20'), 'location link of the critical finding');
    assert.ok(html.includes('12,000 requests'), 'volume per workload');
    const order = (html.match(/<tr class="[^"]*" data-severity="([a-z]+)"/g) ?? []).map((r) => /data-severity="([a-z]+)"/.exec(r)![1]);
    const rank = ['critical', 'high', 'medium', 'low', 'info'];
    assert.deepStrictEqual(
      order,
      [...order].sort((a, b) => rank.indexOf(a) - rank.indexOf(b)),
      'rows strongest first',
    );
  });

  test('has a strict CSP: nothing by default, scripts only with the page nonce, no remote resources', async () => {
    const { html } = await openReport();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, 'a CSP meta tag');
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([A-Za-z0-9]+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a long nonce');
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), 'no unsafe sources');
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.ok(scripts.length >= 1 && scripts.every((s) => s.includes(`nonce="${nonce}"`)), 'every script carries the nonce');
    assert.ok(!/(src|href)="https?:\/\/(?!.*vscode-cdn|.*vscode-resource)/.test(html.replace(/href="#"/g, '')), 'no remote resources');
    assert.ok(!/ style="/.test(html), 'no inline styles (the CSP would block them)');
  });

  test('its script runs under that CSP and sees every row', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    api.report.panel?.dispose();
    const ready = new Promise<{ findings: number }>((resolve) => {
      const sub = api.report.onDidBecomeReady((e) => {
        sub.dispose();
        resolve(e);
      });
    });
    await vscode.commands.executeCommand('promptPatternReview.openReport');
    const { findings } = await Promise.race([
      ready,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the webview script never ran')), 15_000)),
    ]);
    assert.strictEqual(findings, api.scanner.lastScan[0].result.findings.length);
  });

  test('escapes every string that comes from the workspace', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const finding = reportFinding({ message: `"${hostile}"`, file: `a/${hostile}.py`, workload: hostile });
    const html = renderReportHtml(
      { root: hostile, files: 1, parsed: 1, findings: [finding], skipped: [] },
      { cspSource: 'vscode-resource:', nonce: 'abc123abc123abc123', scriptUri: 'r.js', styleUri: 'r.css' },
      new Proxy({} as never, { get: (_t, key) => String(key) }),
    );
    assert.ok(!html.includes('<img'), 'no live markup from the workspace');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('&quot;&lt;img'));
  });

  test('holds long names in their own columns, lists skipped files with reasons', async () => {
    const long = 'a_really_long_workload_name_that_goes_on_and_on_without_any_space_at_all.py:generate_everything_for_every_domain';
    const finding = reportFinding({ message: 'why it matters', file: `deep/${long}.py`, workload: long });
    const html = renderReportHtml(
      {
        root: 'r',
        files: 3,
        parsed: 1,
        findings: [finding],
        skipped: [
          { file: 'big/huge.py', reason: 'larger than 1000000 bytes' },
          { file: 'x.min.js', reason: 'minified' },
        ],
      },
      { cspSource: 'vscode-resource:', nonce: 'abc123abc123abc123', scriptUri: 'r.js', styleUri: 'r.css' },
      new Proxy({} as never, { get: (_t, key) => String(key) }),
    );
    assert.match(html, /<table id="findings"><colgroup>(<col class="col-[a-z]+">){6}<\/colgroup>/, 'fixed columns');
    const css = fs.readFileSync(
      path.join(vscode.extensions.getExtension('prompt-pattern-review.prompt-pattern-review')!.extensionPath, 'media', 'report.css'),
      'utf8',
    );
    assert.match(css, /table \{[^}]*table-layout: fixed/);
    assert.match(css, /td \{[^}]*overflow-wrap: anywhere/);
    assert.match(css, /col\.col-message \{[^}]*min-width: 30ch/);
    assert.match(
      html,
      new RegExp(
        String.raw`<section id="skipped"><h2>skippedFiles \(2\)<\/h2><ul>` +
          String.raw`<li><code>big\/huge\.py<\/code>: larger than 1000000 bytes<\/li><li><code>x\.min\.js<\/code>: minified<\/li><\/ul>`,
      ),
    );
  });

  test('an export is confirmed in the open report with its path', async () => {
    const { api } = await openReport();
    const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ppr-export-')), 'report.md'));
    await vscode.commands.executeCommand('promptPatternReview.exportReport', 'markdown', target);
    assert.strictEqual(api.report.lastExport, target.fsPath);
    const html = api.report.panel!.webview.html;
    assert.ok(html.includes('id="export-notice"'), 'a confirmation in the page');
    assert.ok(html.includes(target.fsPath.replace(/&/g, '&amp;')), 'with the path');
  });

  for (const [format, check] of [
    [
      'json',
      (text: string, expected: number) => {
        const report = JSON.parse(text);
        assert.strictEqual(report.summary.findings, expected);
        assert.ok(
          report.findings.some(
            (f: { file: string; ruleId: string }) => f.file === 'distill-pipeline/generate.py' && f.ruleId === 'bulk-generation-loop',
          ),
        );
      },
    ],
    [
      'sarif',
      (text: string, expected: number) => {
        const sarif = JSON.parse(text);
        assert.strictEqual(sarif.version, '2.1.0');
        assert.strictEqual(sarif.runs[0].results.filter((r: { suppressions?: unknown[] }) => !r.suppressions).length, expected);
        assert.ok(sarif.runs[0].tool.driver.rules.every((r: { helpUri?: string }) => r.helpUri));
      },
    ],
    [
      'markdown',
      (text: string, _expected: number) => {
        assert.match(text, /^# Prompt Pattern Review report/);
        assert.match(text, /\| critical \| [1-9]\d* \|/);
        assert.match(text, /generate\.py:main \| distill-pipeline\/generate\.py \| Anthropic \| 12,000 requests/);
      },
    ],
  ] as const) {
    test(`exports ${format} through the engine's report writer`, async () => {
      const api = await extensionApi();
      await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
      const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ppr-export-')), `report.${format}`));
      const written = await vscode.commands.executeCommand<vscode.Uri>('promptPatternReview.exportReport', format, target);
      assert.strictEqual(written?.toString(), target.toString());
      check(fs.readFileSync(target.fsPath, 'utf8'), lastScanFindings(api).length);
    });
  }
});

/** A high bulk-generation-loop finding for the rendering tests, with the strings under test. */
function reportFinding(strings: Pick<Finding, 'message' | 'file' | 'workload'>): Finding {
  return {
    ruleId: 'bulk-generation-loop',
    severity: 'high',
    score: 60,
    range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 1 },
    provider: 'openai',
    signals: [],
    volume: 10,
    annotated: false,
    suppressed: false,
    fingerprint: 'f',
    related: [],
    ...strings,
  };
}
