// "Scan Workspace": every folder, with progress and cancel; results go to their own
// diagnostic collection (they survive closing files) and to listeners (tree, report, status bar).
import vscode = require('vscode');
import type { EngineSession } from './engine-session';
import type { ScanResult } from '../engine/scan';
import { toDiagnostics } from './diagnostics';
import type { Finding } from '../engine/types';
import { engine } from './lazy-engine';
import type { ReviewOutput } from './output-channel';
import { changedSince, persistScans, restoredScans } from './scan-persistence';

export const SCAN_COLLECTION = 'prompt-pattern-review-workspace';
export const SCAN_COMMAND = 'promptPatternReview.scanWorkspace';

export interface FolderScan {
  folder: vscode.WorkspaceFolder;
  result: ScanResult;
  /** When the scan finished (ms since the epoch), to tell results restored after a reload from fresh ones. */
  finishedAt?: number;
  /** Restored from workspace state: files may have changed since. */
  restored?: boolean;
  /** When the scan began: a file modified before then is in its results. */
  startedAt?: number;
}

/** Whether a scan read the file, whatever it made of it (facts, no model use, skipped). */
function scannedFile(scan: FolderScan, uri: vscode.Uri): boolean {
  const file = uri.path.slice(scan.folder.uri.path.length + 1);
  const { result } = scan;
  return result.facts.has(file) || result.withoutModelUse.includes(file) || result.skipped.some((s) => s.file === file);
}

export class WorkspaceScanner implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SCAN_COLLECTION);
  readonly onDidScan = new vscode.EventEmitter<FolderScan[]>();
  /** Fired when the last scan's results become stale (files changed since). */
  readonly onDidChangeStale = new vscode.EventEmitter<boolean>();
  lastScan: FolderScan[] = [];
  /** Files changed since the last scan (or since the scan restored after a reload). */
  stale = false;
  /** Every scan diagnostic by file, including those hidden while live analysis owns the file. */
  private readonly scanDiagnostics = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
  private hasLiveResults: (uri: vscode.Uri) => boolean = () => false;
  private readonly disposables: vscode.Disposable[] = [];
  /** The scan running now: the folders it covers, when it began, whether a file changed meanwhile. */
  private scanning?: { folders: readonly vscode.WorkspaceFolder[]; startedAt: number; changed: boolean };

  constructor(
    private readonly session: EngineSession,
    private readonly output?: ReviewOutput,
    private readonly state?: vscode.Memento,
  ) {
    const sourceFiles = vscode.workspace.createFileSystemWatcher('**/*.{py,ts,tsx,js,jsx,mjs,cjs,ipynb}');
    const changed = (uri: vscode.Uri) => void this.fileEvent(uri, true).catch(() => undefined);
    const deleted = (uri: vscode.Uri) => void this.fileEvent(uri, false).catch(() => undefined);
    this.disposables.push(
      sourceFiles,
      sourceFiles.onDidChange(changed),
      sourceFiles.onDidCreate(changed),
      sourceFiles.onDidDelete(deleted),
      vscode.workspace.onDidSaveTextDocument((doc) => changed(doc.uri)),
      this.onDidChangeStale,
    );
  }

  /**
   * A file event makes the results stale only when the change came after the scan began: watcher
   * events arrive late on a loaded machine, and one about a write the scan already read (or a file
   * deleted before the scan listed the folder) says nothing new. A change while a scan runs makes
   * that scan's results stale once it finishes.
   */
  async fileEvent(uri: vscode.Uri, exists: boolean): Promise<void> {
    const inFolder = (folder: vscode.WorkspaceFolder) => folder.uri.scheme === uri.scheme && uri.path.startsWith(folder.uri.path + '/');
    const running = this.scanning;
    const scan = this.lastScan.find((s) => inFolder(s.folder));
    if (running ? !running.folders.some(inFolder) : !scan) return;
    const since = running?.startedAt ?? scan?.startedAt ?? scan?.finishedAt ?? 0;
    if (exists) {
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      if (stat && stat.mtime < since) return;
    } else if (!running && scan && !scan.restored && !scannedFile(scan, uri)) return; // a restored scan keeps no file list
    if (running) running.changed = true;
    else this.markStale(true);
  }

  markStale(stale: boolean): void {
    if (this.stale === stale) return;
    this.stale = stale;
    this.onDidChangeStale.fire(stale);
  }

  /** Shows the results kept from the last session, stale when files changed after that scan. */
  async restore(): Promise<boolean> {
    if (!this.state || this.lastScan.length) return false;
    const scans = restoredScans(this.state);
    if (!scans.length) return false;
    const stale = await changedSince(scans);
    if (this.lastScan.length) return false; // a scan finished meanwhile: it wins
    this.stale = stale;
    this.publish(scans);
    this.output?.write(
      `Restored the last scan (${scans.map((s) => s.folder.name).join(', ')})${stale ? '; files changed since: rescan to refresh' : ''}`,
    );
    return true;
  }

  /**
   * An open file analysed live shows its live diagnostics only, so Problems never lists a finding
   * twice; the scan's entries come back when the file closes (scan results survive closing).
   */
  deferTo(live: {
    collection: vscode.DiagnosticCollection;
    onDidAnalyse: vscode.EventEmitter<{ uri: vscode.Uri }>;
    onDidClear: vscode.EventEmitter<vscode.Uri>;
  }): void {
    this.hasLiveResults = (uri) => live.collection.has(uri);
    this.disposables.push(
      live.onDidAnalyse.event(({ uri }) => this.collection.delete(uri)),
      live.onDidClear.event((uri) => {
        const entry = this.scanDiagnostics.get(uri.toString());
        if (entry) this.collection.set(entry.uri, entry.diagnostics);
      }),
    );
  }

  async scan(
    token?: vscode.CancellationToken,
    progress?: vscode.Progress<{ message?: string; increment?: number }>,
  ): Promise<FolderScan[] | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const signal = {
      get cancelled() {
        return token?.isCancellationRequested === true;
      },
    };
    const running = { folders, startedAt: Date.now(), changed: false };
    this.scanning = running;
    try {
      return await this.scanFolders(folders, running.startedAt, signal, progress);
    } finally {
      if (this.scanning === running) this.scanning = undefined;
      // A file changed while this scan ran: its results are stale from the start.
      if (running.changed && this.lastScan.length) this.markStale(true);
    }
  }

  private async scanFolders(
    folders: readonly vscode.WorkspaceFolder[],
    startedAt: number,
    signal: { readonly cancelled: boolean },
    progress?: vscode.Progress<{ message?: string; increment?: number }>,
  ): Promise<FolderScan[] | undefined> {
    const out: FolderScan[] = [];
    await this.session.cache.ready;
    for (const folder of folders) {
      if (folder.uri.scheme !== 'file') continue; // virtual folders: live diagnostics only
      const { config, error } = await this.session.loadConfig(folder);
      if (error) void vscode.window.showErrorMessage(vscode.l10n.t('Prompt Pattern Review: {0}', error.message));
      const cfg = vscode.workspace.getConfiguration('promptPatternReview', folder.uri);
      const exclude = [...config.exclude, ...(cfg.get<string[]>('exclude') ?? [])];
      const started = performance.now();
      const files = await engine().listSourceFiles(folder.uri.fsPath, { include: config.include, exclude });
      let lastReported = 0;
      let phaseStarted = started;
      const result = await engine().scanFiles(files, this.session.folderHost(folder), {
        config: { ...config, maxFileBytes: cfg.get<number>('maxFileSize') ?? config.maxFileBytes },
        cache: this.session.cache,
        cancellation: signal,
        onPhase: (label) => {
          const now = performance.now();
          this.output?.verbose(`  ${folder.name}: ${label} (${Math.round(now - phaseStarted)} ms)`);
          phaseStarted = now;
        },
        onProgress: (done, total) => {
          const pct = Math.floor(((done / Math.max(1, total)) * 100) / Math.max(1, folders.length));
          progress?.report({ message: vscode.l10n.t('{0}: {1}/{2} files', folder.name, done, total), increment: pct - lastReported });
          lastReported = pct;
        },
      });
      if (result.cancelled) {
        this.output?.write(`Scan of ${folder.name} cancelled`);
        return undefined;
      }
      this.output?.scanned(folder.name, result, performance.now() - started);
      const store = this.session.folderFacts(folder);
      for (const [file, facts] of result.facts) store.set(file, facts);
      this.session.onDidChangeFacts.fire();
      out.push({ folder, result, startedAt, finishedAt: Date.now() });
    }
    this.stale = false;
    this.publish(out);
    if (this.state) await persistScans(this.state, out);
    this.onDidChangeStale.fire(false);
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
      const byFile = new Map<string, Finding[]>();
      for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
      for (const [file, findings] of byFile) {
        const uri = vscode.Uri.joinPath(folder.uri, file);
        const diagnostics = toDiagnostics(findings, folder.uri, uri);
        if (!diagnostics.length) continue;
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

export function registerWorkspaceScan(context: vscode.ExtensionContext, session: EngineSession, output?: ReviewOutput): WorkspaceScanner {
  const scanner = new WorkspaceScanner(session, output, context.workspaceState);
  // After activation returns: restoring loads the engine, which activation leaves to the first analysis.
  setTimeout(() => void scanner.restore().catch(() => undefined), 0);
  context.subscriptions.push(
    scanner,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('promptPatternReview')) scanner.republish();
    }),
    vscode.commands.registerCommand(SCAN_COMMAND, () =>
      vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Prompt Pattern Review: scanning workspace'),
          cancellable: true,
        },
        async (progress, token) => {
          const scans = await scanner.scan(token, progress);
          if (!scans) return undefined;
          return scans.map((s) => ({ folder: s.folder.name, files: s.result.files, findings: s.result.findings.length }));
        },
      ),
    ),
  );
  return scanner;
}
