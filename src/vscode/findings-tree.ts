// The Findings view: the last workspace scan grouped by workload, rule or provider, filtered by
// severity; clicking a finding reveals it in the editor.
import vscode = require('vscode');
import type { Finding, Severity } from '../engine/types';
import type { WorkspaceScanner } from './scan-workspace';
import { SEVERITY_ORDER, toRange, visibleFindings } from './diagnostics';
import { engine } from './lazy-engine';

export const FINDINGS_VIEW = 'promptPatternReview.findings';
export const REVEAL_FINDING_COMMAND = 'promptPatternReview.revealFinding';
export type Grouping = 'workload' | 'rule' | 'provider';

/** A finding with the folder it belongs to (paths in findings are folder-relative). */
export interface LocatedFinding {
  folder: vscode.WorkspaceFolder;
  finding: Finding;
}

export type FindingsNode =
  | { kind: 'group'; key: string; label: string; items: LocatedFinding[] }
  | { kind: 'finding'; item: LocatedFinding };

const SEVERITY_ICONS: Record<Severity, vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  high: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  medium: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  low: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('descriptionForeground')),
};

/** "1 finding", "3 findings", through l10n. */
export function findingCount(n: number): string {
  return n === 1 ? vscode.l10n.t('1 finding') : vscode.l10n.t('{0} findings', n.toLocaleString('en-US'));
}

const bySeverity = (a: LocatedFinding, b: LocatedFinding) =>
  SEVERITY_ORDER.indexOf(b.finding.severity) - SEVERITY_ORDER.indexOf(a.finding.severity) ||
  a.finding.file.localeCompare(b.finding.file) ||
  a.finding.range.startLine - b.finding.range.startLine ||
  a.finding.ruleId.localeCompare(b.finding.ruleId);

export function worstSeverity(findings: Finding[]): Severity {
  return findings.reduce<Severity>(
    (worst, f) => (SEVERITY_ORDER.indexOf(f.severity) > SEVERITY_ORDER.indexOf(worst) ? f.severity : worst),
    'info',
  );
}

export function findingUri(item: LocatedFinding): vscode.Uri {
  return vscode.Uri.joinPath(item.folder.uri, item.finding.file);
}

export class FindingsTree implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FindingsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<FindingsNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly scanner: WorkspaceScanner,
    private readonly state: vscode.Memento,
  ) {
    this.view = vscode.window.createTreeView(FINDINGS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      scanner.onDidScan.event(() => this.refresh()),
      scanner.onDidChangeStale.event(() => this.refresh()),
    );
    this.refresh();
  }

  get grouping(): Grouping {
    return this.state.get<Grouping>('findings.grouping') ?? 'workload';
  }

  /** Severities shown; all by default. */
  get severities(): Severity[] {
    return this.state.get<Severity[]>('findings.severities') ?? [...SEVERITY_ORDER].reverse();
  }

  async setGrouping(grouping: Grouping): Promise<void> {
    await this.state.update('findings.grouping', grouping);
    this.refresh();
  }

  async setSeverities(severities: Severity[]): Promise<void> {
    await this.state.update('findings.severities', severities);
    this.refresh();
  }

  /** The findings of the last scan the view shows: visible per settings, and in the severity filter. */
  items(): LocatedFinding[] {
    const shown = new Set(this.severities);
    return this.scanner.lastScan.flatMap(({ folder, result }) =>
      visibleFindings(result.findings, folder.uri)
        .filter((f) => shown.has(f.severity))
        .map((finding) => ({ folder, finding })),
    );
  }

  refresh(): void {
    const items = this.items();
    const groupingLabel = {
      workload: vscode.l10n.t('by workload'),
      rule: vscode.l10n.t('by rule'),
      provider: vscode.l10n.t('by provider'),
    }[this.grouping];
    const filtered = this.severities.length < SEVERITY_ORDER.length;
    const description = filtered ? vscode.l10n.t('{0}, {1} only', groupingLabel, this.severities.join('/')) : groupingLabel;
    this.view.description = this.scanner.stale ? vscode.l10n.t('{0} · stale: files changed, rescan', description) : description;
    this.view.badge = items.length ? { value: items.length, tooltip: findingCount(items.length) } : undefined;
    this.view.message = this.scanner.lastScan.length && !items.length ? vscode.l10n.t('No findings match the current filter.') : undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: FindingsNode): FindingsNode[] {
    if (node?.kind === 'finding') return [];
    if (node?.kind === 'group') return [...node.items].sort(bySeverity).map((item) => ({ kind: 'finding', item }));
    const multiRoot = this.scanner.lastScan.length > 1;
    const groups = new Map<string, FindingsNode & { kind: 'group' }>();
    for (const item of this.items()) {
      const { key, label } = this.groupOf(item, multiRoot);
      const group = groups.get(key) ?? { kind: 'group', key, label, items: [] };
      group.items.push(item);
      groups.set(key, group);
    }
    const rank = (g: { items: LocatedFinding[] }) => SEVERITY_ORDER.indexOf(worstSeverity(g.items.map((i) => i.finding)));
    return [...groups.values()].sort((a, b) => rank(b) - rank(a) || a.label.localeCompare(b.label));
  }

  private groupOf({ folder, finding }: LocatedFinding, multiRoot: boolean): { key: string; label: string } {
    switch (this.grouping) {
      case 'rule':
        return { key: finding.ruleId, label: finding.ruleId };
      case 'provider':
        return { key: finding.provider, label: engine().providerName(finding.provider) };
      default: {
        const label = multiRoot ? `${folder.name}: ${finding.workload}` : finding.workload;
        return { key: `${folder.uri.toString()}#${finding.workload}`, label };
      }
    }
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.grouping}:${node.key}`;
      item.description = findingCount(node.items.length);
      item.iconPath = SEVERITY_ICONS[worstSeverity(node.items.map((i) => i.finding))];
      item.contextValue = `findingGroup.${this.grouping}`;
      return item;
    }
    const { finding } = node.item;
    const label = this.grouping === 'workload' ? finding.ruleId : finding.workload;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `finding:${this.grouping}:${node.item.folder.uri.toString()}:${finding.fingerprint}:${finding.range.startLine}`;
    item.description = `${finding.severity} · ${finding.file}:${finding.range.startLine + 1}`;
    item.tooltip = new vscode.MarkdownString().appendText(finding.message);
    // No resourceUri: its file decorations would badge and colour the row with the whole file's problems.
    item.iconPath = SEVERITY_ICONS[finding.severity];
    item.contextValue = 'finding';
    item.command = {
      command: REVEAL_FINDING_COMMAND,
      title: vscode.l10n.t('Reveal Finding'),
      arguments: [findingUri(node.item), toRange(finding.range)],
    };
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerFindingsTree(context: vscode.ExtensionContext, scanner: WorkspaceScanner): FindingsTree {
  const tree = new FindingsTree(scanner, context.workspaceState);
  const group = (grouping: Grouping) => () => tree.setGrouping(grouping);
  context.subscriptions.push(
    tree,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('promptPatternReview')) tree.refresh();
    }),
    vscode.commands.registerCommand('promptPatternReview.findings.groupByWorkload', group('workload')),
    vscode.commands.registerCommand('promptPatternReview.findings.groupByRule', group('rule')),
    vscode.commands.registerCommand('promptPatternReview.findings.groupByProvider', group('provider')),
    vscode.commands.registerCommand('promptPatternReview.findings.filterBySeverity', async (severities?: Severity[]) => {
      if (!severities) {
        const current = new Set(tree.severities);
        const picked = await vscode.window.showQuickPick(
          [...SEVERITY_ORDER].reverse().map((s) => ({ label: s, picked: current.has(s) })),
          { canPickMany: true, title: vscode.l10n.t('Show findings of these severities') },
        );
        if (!picked) return;
        severities = picked.map((p) => p.label as Severity);
      }
      await tree.setSeverities(severities);
    }),
    vscode.commands.registerCommand(REVEAL_FINDING_COMMAND, async (uri: vscode.Uri, range: vscode.Range) => {
      const editor = await vscode.window.showTextDocument(uri, { selection: range, preserveFocus: false });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return editor;
    }),
  );
  return tree;
}
