// "Scan Workspace": every folder, with progress and cancel; results go to their own
// diagnostic collection (they survive closing files) and to listeners (tree, report, status bar).
import vscode = require('vscode');
import type { EngineSession } from './engine-session';
import type { ScanResult } from '../engine/scan';
import { toDiagnostic, visibleFindings } from './diagnostics';
import { engine } from './lazy-engine';

export const SCAN_COLLECTION = 'prompt-pattern-review-workspace';
export const SCAN_COMMAND = 'promptPatternReview.scanWorkspace';

export interface FolderScan { folder: vscode.WorkspaceFolder; result: ScanResult }

export class WorkspaceScanner implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SCAN_COLLECTION);
  readonly onDidScan = new vscode.EventEmitter<FolderScan[]>();
  lastScan: FolderScan[] = [];
  /** Every scan diagnostic by file, including those hidden while live analysis owns the file. */
  private readonly scanDiagnostics = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
  private hasLiveResults: (uri: vscode.Uri) => boolean = () => false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly session: EngineSession) {}

  /**
   * An open file analysed live shows its live diagnostics only, so Problems never lists a finding
   * twice; the scan's entries come back when the file closes (scan results survive closing).
   */
  deferTo(live: { collection: vscode.DiagnosticCollection; onDidAnalyse: vscode.EventEmitter<{ uri: vscode.Uri }>; onDidClear: vscode.EventEmitter<vscode.Uri> }): void {
    this.hasLiveResults = (uri) => live.collection.has(uri);
    this.disposables.push(
      live.onDidAnalyse.event(({ uri }) => this.collection.delete(uri)),
      live.onDidClear.event((uri) => {
        const entry = this.scanDiagnostics.get(uri.toString());
        if (entry) this.collection.set(entry.uri, entry.diagnostics);
      }),
    );
  }

  async scan(token?: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<FolderScan[] | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const out: FolderScan[] = [];
    const signal = { get cancelled() { return token?.isCancellationRequested === true; } };
    await this.session.cache.ready;
    for (const folder of folders) {
      if (folder.uri.scheme !== 'file') continue; // virtual folders: live diagnostics only
      const { config, error } = await this.session.loadConfig(folder);
      if (error) void vscode.window.showErrorMessage(vscode.l10n.t('Prompt Pattern Review: {0}', error.message));
      const cfg = vscode.workspace.getConfiguration('promptPatternReview', folder.uri);
      const exclude = [...config.exclude, ...(cfg.get<string[]>('exclude') ?? [])];
      const files = await engine().listSourceFiles(folder.uri.fsPath, { include: config.include, exclude });
      let lastReported = 0;
      const result = await engine().scanFiles(files, {
        readFile: async (file) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, file)),
        readWasm: this.session.readWasm,
      }, {
        config: { ...config, maxFileBytes: cfg.get<number>('maxFileSize') ?? config.maxFileBytes },
        cache: this.session.cache,
        cancellation: signal,
        onProgress: (done, total) => {
          const pct = Math.floor((done / Math.max(1, total)) * 100 / Math.max(1, folders.length));
          progress?.report({ message: vscode.l10n.t('{0}: {1}/{2} files', folder.name, done, total), increment: pct - lastReported });
          lastReported = pct;
        },
      });
      if (result.cancelled) return undefined;
      const store = this.session.folderFacts(folder);
      for (const [file, facts] of result.facts) store.set(file, facts);
      this.session.onDidChangeFacts.fire();
      out.push({ folder, result });
    }
    this.publish(out);
    return out;
  }

  /** Re-applies display settings (minimum severity, customisations, levels) to the last results. */
  republish(): void {
    if (this.lastScan.length) this.publish(this.lastScan);
  }

  private publish(scans: FolderScan[]): void {
    this.collection.clear();
    this.scanDiagnostics.clear();
    for (const { folder, result } of scans) {
      const byFile = new Map<string, vscode.Diagnostic[]>();
      for (const f of result.findings) {
        const uri = vscode.Uri.joinPath(folder.uri, f.file);
        if (!visibleFindings([f], uri).length) continue;
        const list = byFile.get(f.file) ?? [];
        list.push(toDiagnostic(f, folder.uri, uri));
        byFile.set(f.file, list);
      }
      for (const [file, diagnostics] of byFile) {
        const uri = vscode.Uri.joinPath(folder.uri, file);
        this.scanDiagnostics.set(uri.toString(), { uri, diagnostics });
        if (!this.hasLiveResults(uri)) this.collection.set(uri, diagnostics);
      }
    }
    this.lastScan = scans;
    this.onDidScan.fire(scans);
  }

  /** What the scan found in a file, whether shown now or deferred to live analysis. */
  diagnosticsFor(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.scanDiagnostics.get(uri.toString())?.diagnostics ?? [];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
    this.onDidScan.dispose();
  }
}

export function registerWorkspaceScan(context: vscode.ExtensionContext, session: EngineSession): WorkspaceScanner {
  const scanner = new WorkspaceScanner(session);
  context.subscriptions.push(scanner, vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('promptPatternReview')) scanner.republish();
  }), vscode.commands.registerCommand(SCAN_COMMAND, () =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Prompt Pattern Review: scanning workspace'), cancellable: true },
      async (progress, token) => {
        const scans = await scanner.scan(token, progress);
        if (!scans) return undefined;
        return scans.map((s) => ({ folder: s.folder.name, files: s.result.files, findings: s.result.findings.length }));
      },
    )));
  return scanner;
}
