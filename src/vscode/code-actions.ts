// Quick fixes on a workload diagnostic, merged per workload so the menu stays short: one "Document
// this workload", one "Generate pre-clearance note", per rule of the workload one "Disable <rule>
// (line, file or ignore list)…" that asks where, and "Show documentation for <rule>" for its
// strongest rule (the hover links every rule's page). A six-rule workload gets nine entries. Each
// fix is a command whose arguments carry the document version, so a fix computed for older text
// is refused instead of landing on the wrong line.
import vscode = require('vscode');
import type { EngineSession } from './engine-session';
import { DIAGNOSTIC_SOURCE, ruleIdsOf } from './diagnostics';
import type { FixArgs } from './commands-fix-args';
import { DISABLE_RULE, registerDisableRuleCommand } from './commands-disable-rule';
import { registerSuppressCommands } from './commands-suppress';
import { registerIgnoreListCommand } from './commands-ignore-list';
import { DOCUMENT_WORKLOAD, registerDocumentCommand } from './commands-document';
import { GENERATE_NOTE, registerNoteCommand } from './commands-note';
import { SHOW_RULE_DOCS, registerRuleDocs } from './rule-docs';
import { SOURCE_SELECTOR } from './engine-session';
import { engine } from './lazy-engine';

/** Rules about the annotations themselves: documenting or noting the "workload" makes no sense. */
const NOT_A_WORKLOAD = new Set(['stale-usage-annotation']);

export function disableTitle(ruleId: string): string {
  return `Disable ${ruleId} (line, file or ignore list)…`;
}

export class PromptReviewCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && ruleIdsOf(d).length);
    if (!ours.length) return [];
    const actions: vscode.CodeAction[] = [];
    const fix = (title: string, command: string, commandArgs: unknown, diagnostics: vscode.Diagnostic[], preferred = false) => {
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = diagnostics;
      action.command = { title, command, arguments: [commandArgs] };
      action.isPreferred = preferred;
      actions.push(action);
    };
    const argsFor = (d: vscode.Diagnostic, ruleId: string): FixArgs => ({
      uri: doc.uri.toString(),
      version: doc.version,
      ruleId,
      line: d.range.start.line,
    });
    // The workload-level fixes: once, on the strongest diagnostic that is about a workload.
    const workload = ours.find((d) => !ruleIdsOf(d).every((id) => NOT_A_WORKLOAD.has(id)));
    if (workload) {
      const rules = ruleIdsOf(workload).filter((id) => !NOT_A_WORKLOAD.has(id));
      const documentable = rules.some((id) => engine().RULES_BY_ID.get(id)?.meta.lowering !== 'never');
      fix('Document this workload (@llm-usage)…', DOCUMENT_WORKLOAD, argsFor(workload, rules[0]), [workload], documentable);
      fix('Generate pre-clearance note', GENERATE_NOTE, argsFor(workload, rules[0]), [workload]);
    }
    const seen = new Set<string>();
    for (const d of ours) {
      for (const ruleId of ruleIdsOf(d)) {
        if (seen.has(ruleId)) continue;
        seen.add(ruleId);
        fix(disableTitle(ruleId), DISABLE_RULE, argsFor(d, ruleId), [d]);
      }
    }
    const strongest = ruleIdsOf(ours[0])[0];
    fix(`Show documentation for ${strongest}`, SHOW_RULE_DOCS, strongest, [ours[0]]);
    return actions;
  }
}

export function registerCodeActions(context: vscode.ExtensionContext, session: EngineSession): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(SOURCE_SELECTOR, new PromptReviewCodeActions(), {
      providedCodeActionKinds: PromptReviewCodeActions.providedCodeActionKinds,
    }),
  );
  registerRuleDocs(context);
  registerSuppressCommands(context);
  registerIgnoreListCommand(context, session);
  registerDisableRuleCommand(context, session);
  registerDocumentCommand(context, session);
  registerNoteCommand(context, session);
}
