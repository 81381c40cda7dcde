// Live diagnostics for notebooks: the code cells are joined into one Python document (so a loop in
// one cell and the call in the next form one workload), analysed, and each finding is mapped back
// to the cell document and line it came from.
import vscode = require('vscode');
import type { EngineSession } from './engine-session';
import type { FileFacts, Finding, Range } from '../engine/types';
import { liveRunMode, toDiagnostic, visibleFindings, type LiveRunMode } from './diagnostics';
import { engine } from './lazy-engine';
import { DebouncedRuns } from './debounced-runs';

/** The joined text and, for each of its lines, the cell and the line inside that cell. */
export interface JoinedCells {
  text: string;
  lines: { cell: vscode.NotebookCell; line: number }[];
}

export function joinCodeCells(notebook: vscode.NotebookDocument): JoinedCells {
  const out: string[] = [];
  const lines: JoinedCells['lines'] = [];
  for (const cell of notebook.getCells()) {
    if (cell.kind !== vscode.NotebookCellKind.Code || cell.document.languageId !== 'python') continue;
    for (let i = 0; i < cell.document.lineCount; i++) {
      // IPython magics and shell escapes are not Python: blank them, keeping line numbers.
      const text = cell.document.lineAt(i).text;
      out.push(/^\s*[%!]/.test(text) ? '' : text);
      lines.push({ cell, line: i });
    }
  }
  return { text: out.join('\n'), lines };
}

export class NotebookDiagnostics implements vscode.Disposable {
  private readonly runs = new DebouncedRuns();
  /** Per notebook: a counter bumped by every change, so a slow run's results can be recognised as stale. */
  private readonly generations = new Map<string, number>();
  /** Cell documents that carry diagnostics, per notebook, to clear them all on close. */
  private readonly published = new Map<string, vscode.Uri[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly session: EngineSession,
    private readonly collection: vscode.DiagnosticCollection,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenNotebookDocument((nb) => this.schedule(nb, 0)),
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        if (this.mode(e.notebook) === 'onType') this.schedule(e.notebook);
      }),
      vscode.workspace.onDidSaveNotebookDocument((nb) => this.schedule(nb, 0)),
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.clear(nb)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('promptPatternReview')) for (const nb of vscode.workspace.notebookDocuments) this.schedule(nb, 0);
      }),
    );
    for (const nb of vscode.workspace.notebookDocuments) this.schedule(nb, 0);
  }

  private mode(nb: vscode.NotebookDocument): LiveRunMode {
    return liveRunMode(nb.uri);
  }

  schedule(nb: vscode.NotebookDocument, delay?: number): void {
    const key = nb.uri.toString();
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.runs.cancel(nb.uri);
    if (nb.notebookType !== 'jupyter-notebook' && nb.notebookType !== 'interactive') return;
    if (this.mode(nb) === 'off') {
      this.clearDiagnostics(key);
      return;
    }
    this.runs.schedule(nb.uri, () => void this.analyse(nb), delay);
  }

  /** Analyses the notebook now and publishes diagnostics on its cells; returns the findings with cell positions. */
  async analyse(nb: vscode.NotebookDocument): Promise<{ cell: vscode.NotebookCell; finding: Finding }[]> {
    const key = nb.uri.toString();
    const generation = this.generations.get(key) ?? 0;
    const { folder, path } = this.session.relativePath(nb.uri);
    await this.session.indexFolder(folder);
    const { config } = await this.session.loadConfig(folder);
    const joined = joinCodeCells(nb);
    const facts: FileFacts = engine().extractFacts(
      path,
      'python',
      await engine().parseSyntax('python', joined.text, this.session.readWasm),
      joined.text,
    );
    if (this.generations.get(key) !== generation || nb.isClosed) return [];
    // The folder's facts plus this notebook's, without storing virtual-document positions for others.
    const files = new Map(this.session.folderFacts(folder)).set(path, facts);
    const findings = engine().analyzeChangedFile(
      {
        files,
        lineText: (file, line) => (file === path ? (joined.text.split('\n')[line] ?? '') : ''),
        config,
        today: engine().todayIso(),
      },
      path,
    );

    const placed = findings.map((finding) => ({ finding, ...this.toCell(joined, finding.range) }));
    const byCell = new Map<string, { uri: vscode.Uri; findings: Finding[]; diagnostics: vscode.Diagnostic[] }>();
    for (const { finding, cell, range } of placed) {
      const uri = cell.document.uri;
      const entry = byCell.get(uri.toString()) ?? { uri, findings: [], diagnostics: [] };
      entry.findings.push({ ...finding, range });
      byCell.set(uri.toString(), entry);
    }
    // Settings are the notebook's; one diagnostic per workload per location, in each cell.
    for (const entry of byCell.values()) {
      entry.diagnostics = engine()
        .workloadLocations(visibleFindings(entry.findings, nb.uri))
        .map((l) => toDiagnostic(l, folder?.uri, entry.uri));
    }
    this.clearDiagnostics(key);
    for (const { uri, diagnostics } of byCell.values()) this.collection.set(uri, diagnostics);
    this.published.set(
      key,
      [...byCell.values()].map((e) => e.uri),
    );
    return placed.map(({ cell, finding, range }) => ({ cell, finding: { ...finding, range } }));
  }

  /** A range of the joined document → the cell it starts in and the range inside that cell. */
  private toCell(joined: JoinedCells, range: Range): { cell: vscode.NotebookCell; range: Range } {
    const start = joined.lines[Math.min(range.startLine, joined.lines.length - 1)];
    const endLine = joined.lines[Math.min(range.endLine, joined.lines.length - 1)];
    const sameCell = endLine.cell === start.cell;
    return {
      cell: start.cell,
      range: {
        startLine: start.line,
        startColumn: range.startColumn,
        endLine: sameCell ? endLine.line : start.line,
        endColumn: sameCell ? range.endColumn : start.cell.document.lineAt(start.line).text.length,
      },
    };
  }

  private clearDiagnostics(key: string): void {
    for (const uri of this.published.get(key) ?? []) this.collection.delete(uri);
    this.published.delete(key);
  }

  clear(nb: vscode.NotebookDocument): void {
    const key = nb.uri.toString();
    this.runs.cancel(nb.uri);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.clearDiagnostics(key);
  }

  dispose(): void {
    this.runs.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export function registerNotebookDiagnostics(
  context: vscode.ExtensionContext,
  session: EngineSession,
  collection: vscode.DiagnosticCollection,
): NotebookDiagnostics {
  const notebooks = new NotebookDiagnostics(session, collection);
  context.subscriptions.push(notebooks);
  return notebooks;
}
