// A CodeLens above each workload: estimated volume, provider, whether it is documented, and the
// "Document" / "Pre-clearance note" actions (commands implemented by the annotation feature).
import vscode = require('vscode');
import { SOURCE_SELECTOR, type EngineSession } from './engine-session';
import { documentWorkloads, workloadAnchorLine } from './document-workloads';
import type { Workload } from '../engine/workloads';
import { engine } from './lazy-engine';

export const DOCUMENT_WORKLOAD_COMMAND = 'promptPatternReview.documentWorkload';
export const PRE_CLEARANCE_NOTE_COMMAND = 'promptPatternReview.preClearanceNote';

export function workloadSummary(w: Workload): string {
  const providers = w.providers.map(engine().providerName).join(', ');
  const purpose = w.annotation?.annotation.fields.purpose;
  const state = purpose
    ? vscode.l10n.t('documented: {0}', purpose.length > 60 ? purpose.slice(0, 57) + '…' : purpose)
    : vscode.l10n.t('not documented');
  const volume =
    w.volume === null
      ? vscode.l10n.t('volume unknown')
      : w.volume === 'unbounded'
        ? vscode.l10n.t('unbounded volume')
        : `~${engine().formatVolume(w.volume)}`;
  return `${volume} · ${providers} · ${state}`;
}

export class WorkloadCodeLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly session: EngineSession) {
    this.onDidChangeCodeLenses = session.onDidChangeFacts.event;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('promptPatternReview', document.uri).get<boolean>('codeLens.enable', true)) return [];
    const found = await documentWorkloads(this.session, document.uri);
    if (!found) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const w of found.workloads) {
      const line = Math.min(workloadAnchorLine(w, found.facts), document.lineCount - 1);
      const range = new vscode.Range(line, 0, line, 0);
      const args = [document.uri, w.name, new vscode.Range(w.range.startLine, w.range.startColumn, w.range.endLine, w.range.endColumn)];
      // An empty command id renders the summary as plain, unclickable text.
      lenses.push(
        new vscode.CodeLens(range, {
          title: `$(pulse) ${workloadSummary(w)}`,
          command: '',
          tooltip: vscode.l10n.t('Workload {0}', w.name),
        }),
      );
      if (!w.annotation?.annotation.fields.purpose) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: vscode.l10n.t('Document'),
            command: DOCUMENT_WORKLOAD_COMMAND,
            arguments: args,
            tooltip: vscode.l10n.t('Add an @llm-usage annotation for this workload'),
          }),
        );
      }
      lenses.push(
        new vscode.CodeLens(range, {
          title: vscode.l10n.t('Pre-clearance note'),
          command: PRE_CLEARANCE_NOTE_COMMAND,
          arguments: args,
          tooltip: vscode.l10n.t('Draft a pre-clearance note for the provider'),
        }),
      );
    }
    return lenses;
  }
}

export function registerWorkloadCodeLens(context: vscode.ExtensionContext, session: EngineSession): WorkloadCodeLens {
  const provider = new WorkloadCodeLens(session);
  context.subscriptions.push(vscode.languages.registerCodeLensProvider(SOURCE_SELECTOR, provider));
  return provider;
}
