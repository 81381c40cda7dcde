// Quick fixes on Prompt Pattern Review diagnostics: document the workload, draft a pre-clearance
// note, suppress with a reason (this line, the line above, the file, the config's ignore list),
// and show the rule's documentation. Each fix is a command whose arguments carry the document
// version, so a fix computed for older text is refused instead of landing on the wrong line.
import vscode = require('vscode');
import type { EngineSession } from './engine-session';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { FixArgs } from './commands-fix-args';
import { DISABLE_FOR_FILE, DISABLE_FOR_LINE, SUPPRESS_ON_LINE, registerSuppressCommands } from './commands-suppress';
import { ADD_TO_IGNORE_LIST, registerIgnoreListCommand } from './commands-ignore-list';
import { DOCUMENT_WORKLOAD, registerDocumentCommand } from './commands-document';
import { GENERATE_NOTE, registerNoteCommand } from './commands-note';
import { CONFIG_FILE } from './engine-session';
import { engine } from './lazy-engine';

export const SHOW_RULE_DOCS = 'promptPatternReview.showRuleDocs';

/** Rules about the annotations themselves: documenting or noting the "workload" makes no sense. */
const NOT_A_WORKLOAD = new Set(['stale-usage-annotation']);

export class PromptReviewCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const seenRules = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) continue;
      const args: FixArgs = { uri: doc.uri.toString(), version: doc.version, ruleId, line: diagnostic.range.start.line };
      const fix = (title: string, command: string, commandArgs: unknown = args, preferred = false) => {
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { title, command, arguments: [commandArgs] };
        action.isPreferred = preferred;
        actions.push(action);
      };
      const documentable = engine().RULES_BY_ID.get(ruleId)?.meta.lowering !== 'never';
      if (!NOT_A_WORKLOAD.has(ruleId)) {
        fix('Document this workload (@llm-usage)…', DOCUMENT_WORKLOAD, args, documentable);
        fix('Generate pre-clearance note', GENERATE_NOTE);
      }
      fix(`Suppress ${ruleId} on this line…`, SUPPRESS_ON_LINE);
      fix(`Disable ${ruleId} for this line…`, DISABLE_FOR_LINE);
      fix(`Disable ${ruleId} for the entire file…`, DISABLE_FOR_FILE);
      fix(`Add to ${configName(doc)} ignore list…`, ADD_TO_IGNORE_LIST);
      // One documentation link per rule, however many of its diagnostics overlap the range.
      if (!seenRules.has(ruleId)) fix(`Show documentation for ${ruleId}`, SHOW_RULE_DOCS, ruleId);
      seenRules.add(ruleId);
    }
    return actions;
  }
}

function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

function configName(doc: vscode.TextDocument): string {
  return vscode.workspace.getConfiguration('promptPatternReview', doc.uri).get<string>('configFile') || CONFIG_FILE;
}

export function registerCodeActions(context: vscode.ExtensionContext, session: EngineSession): void {
  const selector: vscode.DocumentSelector = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ language }));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(selector, new PromptReviewCodeActions(), { providedCodeActionKinds: PromptReviewCodeActions.providedCodeActionKinds }),
    vscode.commands.registerCommand(SHOW_RULE_DOCS, (ruleId: string) => vscode.env.openExternal(vscode.Uri.parse(engine().docsUrl(ruleId)))),
  );
  registerSuppressCommands(context);
  registerIgnoreListCommand(context, session);
  registerDocumentCommand(context, session);
  registerNoteCommand(context, session);
}
