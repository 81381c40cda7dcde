// Diagnostics while typing: debounced per document, stale runs discarded, cleared on close.
// Live results live in their own collection so a workspace scan's results survive edits and closes.
import vscode = require('vscode');
import type { EngineSession } from './engine-session';
import type { Finding } from '../engine/types';
import { liveRunMode, toDiagnostics, type LiveRunMode } from './diagnostics';
import { engine } from './lazy-engine';
import { DebouncedRuns } from './debounced-runs';
import type { ReviewOutput } from './output-channel';
// Tiny and free of dependencies: bundled here, so checking a document's language never loads the engine.
import { languageForFile, languageForId } from '../engine/parse/languages';

export const LIVE_COLLECTION = 'prompt-pattern-review';

const EXTENSION_FOR_LANGUAGE: Record<string, string> = {
  python: '.py',
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

export function registerLiveDiagnostics(context: vscode.ExtensionContext, session: EngineSession, output?: ReviewOutput): LiveDiagnostics {
  const live = new LiveDiagnostics(session, output);
  context.subscriptions.push(live);
  return live;
}

export class LiveDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(LIVE_COLLECTION);
  private readonly runs = new DebouncedRuns();
  private readonly versions = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidAnalyse = new vscode.EventEmitter<{ uri: vscode.Uri; findings: Finding[] }>();
  /** Fired when a file's live results are dropped (closed), so the scan's results can show again. */
  readonly onDidClear = new vscode.EventEmitter<vscode.Uri>();

  constructor(
    private readonly session: EngineSession,
    private readonly output?: ReviewOutput,
  ) {
    this.disposables.push(
      this.collection,
      this.onDidAnalyse,
      this.onDidClear,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.mode(e.document) === 'onType') this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.mode(doc) !== 'off') this.schedule(doc, 0);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.clear(doc.uri)),
      // A file-backed document can outlive its last tab by a while; closing the tab is what the user sees.
      vscode.window.tabGroups.onDidChangeTabs((e) => this.followTabs(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('promptPatternReview')) for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
      }),
    );
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private mode(doc: vscode.TextDocument): LiveRunMode {
    return liveRunMode(doc.uri);
  }

  private supported(doc: vscode.TextDocument): boolean {
    // Notebook cells are analysed together, as one document, by NotebookDiagnostics.
    const scheme = doc.uri.scheme;
    return languageForId(doc.languageId) !== undefined && scheme !== 'output' && scheme !== 'git' && scheme !== 'vscode-notebook-cell';
  }

  schedule(doc: vscode.TextDocument, delay?: number): void {
    if (!this.supported(doc) || this.mode(doc) === 'off') {
      this.collection.delete(doc.uri);
      return;
    }
    this.runs.schedule(doc.uri, () => void this.analyse(doc), delay);
  }

  /** Analyses one document now; results for an older version than the latest are dropped. */
  async analyse(doc: vscode.TextDocument): Promise<Finding[]> {
    const key = doc.uri.toString();
    const version = doc.version;
    const started = performance.now();
    this.versions.set(key, version);
    const { folder, path: relative } = this.session.relativePath(doc.uri);
    // Untitled documents have no extension, and the engine picks the grammar from the file name.
    const path = languageForFile(relative) ? relative : `${relative}${EXTENSION_FOR_LANGUAGE[doc.languageId] ?? ''}`;
    await this.session.indexFolder(folder);
    const { config } = await this.session.loadConfig(folder);
    const text = doc.getText();
    const maxBytes = vscode.workspace.getConfiguration('promptPatternReview', doc.uri).get<number>('maxFileSize') ?? config.maxFileBytes;
    if (text.length > maxBytes) {
      this.collection.delete(doc.uri);
      return [];
    }
    const facts = await engine().analyseOne(path, text, { readWasm: this.session.readWasm }, { cache: this.session.cache });
    // A newer edit or a close arrived while this run was parsing: its results are stale.
    if (this.versions.get(key) !== version || doc.isClosed) return [];
    if ('reason' in facts) {
      this.collection.delete(doc.uri);
      return [];
    }
    const store = this.session.folderFacts(folder);
    store.set(path, facts);
    // The prompt templates the file reads, as the workspace scan reads them.
    if (folder) await engine().withPromptFiles(store, this.session.folderHost(folder));
    if (this.versions.get(key) !== version || doc.isClosed) return [];
    // Only the files that can change this file's findings are re-analysed (its imports, its importers, training code).
    const findings = engine().analyzeChangedFile(
      {
        files: store,
        lineText: (file, line) => (file === path ? doc.lineAt(Math.min(line, doc.lineCount - 1)).text : engine().lineAt('', line)),
        config,
        today: engine().todayIso(),
      },
      path,
    );
    this.collection.set(
      doc.uri,
      toDiagnostics(
        findings.filter((f) => f.file === path),
        folder?.uri,
        doc.uri,
      ),
    );
    this.output?.message(
      `Live analysis of ${path}: ${findings.filter((f) => f.file === path && !f.suppressed).length} findings, ` +
        `${Math.round(performance.now() - started)} ms`,
    );
    this.onDidAnalyse.fire({ uri: doc.uri, findings });
    this.session.onDidChangeFacts.fire();
    return findings;
  }

  private followTabs(e: vscode.TabChangeEvent): void {
    const shown = new Set(
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map(tabUri)
        .filter(Boolean)
        .map(String),
    );
    for (const tab of e.closed) {
      const uri = tabUri(tab);
      if (uri && !shown.has(uri.toString())) this.clear(uri);
    }
    for (const tab of e.opened) {
      const uri = tabUri(tab);
      const doc = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc && !this.collection.has(doc.uri)) this.schedule(doc, 0);
    }
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    const had = this.collection.has(uri);
    this.runs.cancel(uri);
    this.versions.delete(key);
    this.collection.delete(uri);
    if (had) this.onDidClear.fire(uri);
  }

  dispose(): void {
    this.runs.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
}
