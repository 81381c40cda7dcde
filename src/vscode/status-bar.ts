// The status bar summary of the last workspace scan: counts by severity; clicking opens the report.
// A plain item, as VS Code's guidance asks of a lint result: no error or warning background (those
// are for states that need the user's action now), and it says when the results are stale.
import vscode = require('vscode');
import type { Severity } from '../engine/types';
import type { WorkspaceScanner } from './scan-workspace';
import { SEVERITY_ORDER, visibleFindings } from './diagnostics';

export const OPEN_REPORT_COMMAND = 'promptPatternReview.openReport';

export class ScanStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('promptPatternReview.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly scanner: WorkspaceScanner) {
    this.item.name = vscode.l10n.t('Prompt Pattern Review');
    this.item.command = OPEN_REPORT_COMMAND;
    this.subscription = vscode.Disposable.from(
      scanner.onDidScan.event(() => this.update()),
      scanner.onDidChangeStale.event(() => this.update()),
    );
    this.update();
    this.item.show();
  }

  /** Visible findings of the last scan per severity (settings applied, suppressed ones left out). */
  counts(): Record<Severity, number> {
    const counts = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<Severity, number>;
    for (const { folder, result } of this.scanner.lastScan) {
      for (const f of visibleFindings(result.findings, folder.uri)) counts[f.severity]++;
    }
    return counts;
  }

  update(): void {
    if (!this.scanner.lastScan.length) {
      this.item.text = '$(shield) ' + vscode.l10n.t('Prompt review');
      this.item.tooltip = vscode.l10n.t('Prompt Pattern Review: no workspace scan yet. Click to scan and open the report.');
      this.item.backgroundColor = undefined;
      return;
    }
    const counts = this.counts();
    const total = SEVERITY_ORDER.reduce((n, s) => n + counts[s], 0);
    const parts = [...SEVERITY_ORDER]
      .reverse()
      .filter((s) => counts[s])
      .map((s) => vscode.l10n.t('{0} {1}', counts[s], s));
    const stale = this.scanner.stale ? ' ' + vscode.l10n.t('(stale)') : '';
    this.item.text = (total ? `$(shield) ${parts.join(' · ')}` : '$(pass) ' + vscode.l10n.t('No findings')) + stale;
    const tooltip = new vscode.MarkdownString(vscode.l10n.t('**Prompt Pattern Review** — last workspace scan') + '\n\n');
    if (this.scanner.stale) tooltip.appendMarkdown(vscode.l10n.t('Files changed since this scan: scan again to refresh.') + '\n\n');
    for (const s of [...SEVERITY_ORDER].reverse()) tooltip.appendMarkdown(`- ${s}: ${counts[s]}\n`);
    tooltip.appendMarkdown('\n' + vscode.l10n.t('Click to open the report.'));
    this.item.tooltip = tooltip;
    this.item.backgroundColor = undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

export function registerStatusBar(context: vscode.ExtensionContext, scanner: WorkspaceScanner): ScanStatusBar {
  const status = new ScanStatusBar(scanner);
  context.subscriptions.push(
    status,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('promptPatternReview')) status.update();
    }),
  );
  return status;
}
