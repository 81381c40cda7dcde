// The report webview (summary, charts, workloads, findings table) and the export command
// (JSON, SARIF, Markdown through the engine's report writers). Data comes from the last scan.
import vscode = require('vscode');
import type { Finding } from '../engine/types';
import type { ReportInput } from '../engine/report/json';
import type { WorkspaceScanner, FolderScan } from './scan-workspace';
import { SCAN_COMMAND } from './scan-workspace';
import { OPEN_REPORT_COMMAND } from './status-bar';
import { REVEAL_FINDING_COMMAND } from './findings-tree';
import { toRange } from './diagnostics';
import { renderReportHtml, type ReportLabels } from './report-html';
import { engine } from './lazy-engine';

export const EXPORT_REPORT_COMMAND = 'promptPatternReview.exportReport';
export const REPORT_VIEW_TYPE = 'promptPatternReview.report';
export type ExportFormat = 'json' | 'sarif' | 'markdown';

/** All folders' results as one report; in a multi-root workspace paths start with the folder name. */
export function combineScans(scans: FolderScan[]): { input: ReportInput; locations: { uri: vscode.Uri; finding: Finding }[] } {
  const multiRoot = scans.length > 1;
  const prefix = (folder: vscode.WorkspaceFolder, file: string) => (multiRoot ? `${folder.name}/${file}` : file);
  const locations: { uri: vscode.Uri; finding: Finding }[] = [];
  const input: ReportInput = { root: scans.map((s) => s.folder.name).join(', '), files: 0, parsed: 0, findings: [], skipped: [] };
  for (const { folder, result } of scans) {
    input.files += result.files;
    input.parsed += result.parsed;
    input.skipped.push(...result.skipped.map((s) => ({ ...s, file: prefix(folder, s.file) })));
    for (const f of result.findings) {
      locations.push({ uri: vscode.Uri.joinPath(folder.uri, f.file), finding: f });
      input.findings.push({ ...f, file: prefix(folder, f.file), related: f.related.map((r) => ({ ...r, file: prefix(folder, r.file) })) });
    }
  }
  return { input, locations };
}

export function renderExport(input: ReportInput, format: ExportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(engine().toJsonReport(input), null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(engine().toSarif(input), null, 2) + '\n';
    case 'markdown':
      return engine().toMarkdownReport(input);
  }
}

const EXTENSIONS: Record<ExportFormat, string> = { json: 'json', sarif: 'sarif', markdown: 'md' };

function labels(): ReportLabels {
  const t = vscode.l10n.t;
  return {
    title: t('Prompt Pattern Review report'),
    files: t('files'),
    analysed: t('analysed'),
    skipped: t('skipped'),
    findings: t('findings'),
    suppressed: t('suppressed'),
    bySeverity: t('Findings by severity'),
    byProvider: t('Findings by provider'),
    byRule: t('Findings by rule'),
    workloads: t('Workloads'),
    allFindings: t('Findings'),
    severity: t('Severity'),
    rule: t('Rule'),
    workload: t('Workload'),
    provider: t('Provider'),
    location: t('Location'),
    message: t('Why'),
    volume: t('Estimated volume per workload'),
    exportJson: t('Export JSON'),
    exportSarif: t('Export SARIF'),
    exportMarkdown: t('Export Markdown'),
    noFindings: t('No findings in the last scan.'),
    unbounded: t('unbounded'),
    skippedFiles: t('Skipped files'),
    exportedTo: t('Report exported to'),
  };
}

function makeNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class ReportPanel implements vscode.Disposable {
  panel: vscode.WebviewPanel | undefined;
  private locations: { uri: vscode.Uri; finding: Finding }[] = [];
  /** Where the last export went, confirmed in the page. */
  lastExport: string | undefined;
  private readonly readyEmitter = new vscode.EventEmitter<{ findings: number }>();
  /** Fires when the page's script has run (proof that the CSP let it load). */
  readonly onDidBecomeReady = this.readyEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly scanner: WorkspaceScanner,
  ) {
    this.subscription = scanner.onDidScan.event(() => this.render());
  }

  show(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal();
      this.render();
      return this.panel;
    }
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(
      REPORT_VIEW_TYPE,
      vscode.l10n.t('Prompt Pattern Review report'),
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        localResourceRoots: [media],
      },
    );
    panel.iconPath = vscode.Uri.joinPath(media, 'activity-bar.svg');
    panel.onDidDispose(() => (this.panel = undefined));
    panel.webview.onDidReceiveMessage((message: { type: string; index?: number; format?: ExportFormat; findings?: number }) => {
      if (message.type === 'ready') this.readyEmitter.fire({ findings: message.findings ?? 0 });
      else if (message.type === 'open' && typeof message.index === 'number') {
        const location = this.locations[message.index];
        if (location) void vscode.commands.executeCommand(REVEAL_FINDING_COMMAND, location.uri, toRange(location.finding.range));
      } else if (message.type === 'export' && message.format) void vscode.commands.executeCommand(EXPORT_REPORT_COMMAND, message.format);
    });
    this.panel = panel;
    this.render();
    return panel;
  }

  private render(): void {
    if (!this.panel) return;
    const { input, locations } = combineScans(this.scanner.lastScan);
    this.locations = locations;
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    webview.html = renderReportHtml(
      input,
      {
        cspSource: webview.cspSource,
        nonce: makeNonce(),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.css')).toString(),
      },
      labels(),
      this.lastExport,
    );
  }

  /** Confirms an export: in the page (when open) and with a notification that can open the file. */
  exported(target: vscode.Uri): void {
    this.lastExport = target.scheme === 'file' ? target.fsPath : target.toString();
    this.render();
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Prompt Pattern Review: report exported to {0}', this.lastExport), vscode.l10n.t('Open'))
      .then((choice) => (choice ? vscode.window.showTextDocument(target) : undefined));
  }

  dispose(): void {
    this.subscription.dispose();
    this.readyEmitter.dispose();
    this.panel?.dispose();
  }
}

async function exportReport(
  scanner: WorkspaceScanner,
  report: ReportPanel,
  format?: ExportFormat,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  if (!scanner.lastScan.length && !(await vscode.commands.executeCommand(SCAN_COMMAND))) return undefined;
  format ??= (
    await vscode.window.showQuickPick(
      [
        { label: 'Markdown', format: 'markdown' as const },
        { label: 'JSON', format: 'json' as const },
        { label: 'SARIF 2.1.0', format: 'sarif' as const },
      ],
      { title: vscode.l10n.t('Export the report as') },
    )
  )?.format;
  if (!format) return undefined;
  const folder = scanner.lastScan[0]?.folder.uri;
  target ??= await vscode.window.showSaveDialog({
    defaultUri: folder && vscode.Uri.joinPath(folder, `prompt-pattern-review.${EXTENSIONS[format]}`),
    filters: { [format.toUpperCase()]: [EXTENSIONS[format]] },
  });
  if (!target) return undefined;
  const { input } = combineScans(scanner.lastScan);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderExport(input, format)));
  report.exported(target);
  return target;
}

export function registerReport(context: vscode.ExtensionContext, scanner: WorkspaceScanner): ReportPanel {
  const report = new ReportPanel(context.extensionUri, scanner);
  context.subscriptions.push(
    report,
    vscode.commands.registerCommand(OPEN_REPORT_COMMAND, async () => {
      // The report shows scan results: scan first when there are none yet.
      if (!scanner.lastScan.length && !(await vscode.commands.executeCommand(SCAN_COMMAND))) return undefined;
      return report.show();
    }),
    vscode.commands.registerCommand(EXPORT_REPORT_COMMAND, (format?: ExportFormat, target?: vscode.Uri) =>
      exportReport(scanner, report, format, target),
    ),
  );
  return report;
}
