// "Document this workload (@llm-usage)…": inserts an annotation with empty fields (and guidance
// from the code above it) over the workload's outermost loop in this file, so the block's next
// syntactic node covers every call it drives; above the flagged line when there is no workload.
import vscode = require('vscode');
import type { EngineSession } from './engine-session';
import { applyEdits, documentAtVersion, indentOf, type FixArgs } from './commands-fix-args';
import { gitOwnerFor } from './commands-git-owner';
import { workloadAt } from './commands-workload';
import { engine } from './lazy-engine';
// Tiny and free of dependencies: bundled here, so checking a document's language never loads the engine.
import { languageForId } from '../engine/parse/languages';

export const DOCUMENT_WORKLOAD = 'promptPatternReview.documentWorkload';

export async function documentWorkload(session: EngineSession, args: FixArgs): Promise<boolean> {
  const doc = await documentAtVersion(args);
  if (!doc) return false;
  const found = await workloadAt(session, doc, args.line);
  if (doc.version !== args.version) {
    await documentAtVersion(args); // edited while the facts were read: warn and refuse
    return false;
  }
  const workload = found?.workload;
  const outermost = workload?.repetition[workload.repetition.length - 1];
  const line = outermost && outermost.range.startLine <= args.line ? outermost.range.startLine : args.line;
  const folderPath = found?.folder?.uri.scheme === 'file' ? found.folder.uri.fsPath : undefined;
  const block = engine().annotationSkeleton({
    language: languageForId(doc.languageId) ?? 'python',
    indent: indentOf(doc, line),
    volume: workload?.volume ?? null,
    providers: workload?.providers ?? [],
    models: [...new Set((workload?.sites ?? []).map((s) => s.target.model).filter((m): m is string => !!m))],
    owner: gitOwnerFor(folderPath),
    today: engine().todayIso(),
  });
  const ok = await applyEdits(doc, [vscode.TextEdit.insert(new vscode.Position(line, 0), block)]);
  if (ok) {
    // Ticks the walkthrough's "document" step however the command was reached (quick fix, CodeLens).
    void vscode.commands.executeCommand('setContext', 'promptPatternReview.walkthrough.documented', true);
    // Put the cursor after `purpose:` so the user can write it straight away.
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const lines = block.split('\n').length - 1;
    for (let i = line; i < line + lines; i++) {
      const text = doc.lineAt(i).text;
      if (/\bpurpose:\s*$/.test(text) && editor) {
        editor.selection = new vscode.Selection(i, text.length, i, text.length);
        break;
      }
    }
  }
  return ok;
}

export function registerDocumentCommand(context: vscode.ExtensionContext, session: EngineSession): void {
  context.subscriptions.push(vscode.commands.registerCommand(DOCUMENT_WORKLOAD, (args: FixArgs) => documentWorkload(session, args)));
}
