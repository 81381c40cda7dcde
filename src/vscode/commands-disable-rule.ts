// "Disable <rule> (line, file or ignore list)…": one quick fix per rule of a workload, which asks
// where the reviewed exception goes — a suppression above the line, one for the whole file, or an
// entry in the config's ignore list — or opens the rule's page. Scripts and tests pass `scope`.
import vscode = require('vscode');
import type { EngineSession } from './engine-session';
import { CONFIG_FILE } from './engine-session';
import type { FixArgs } from './commands-fix-args';
import { disableForFile, disableForLine } from './commands-suppress';
import { addToIgnoreList } from './commands-ignore-list';
import { showRuleDocs } from './rule-docs';

export const DISABLE_RULE = 'promptPatternReview.disableRule';

export type DisableScope = 'line' | 'file' | 'ignore-list' | 'docs';

export interface DisableArgs extends FixArgs {
  scope?: DisableScope;
}

/** The choices, each naming the rule, as the quick pick shows them. */
export function disableChoices(ruleId: string, configName: string): { scope: DisableScope; label: string; detail: string }[] {
  return [
    { scope: 'line', label: `Disable ${ruleId} for this line`, detail: `llm-usage-ignore ${ruleId} -- <reason>, on the line above` },
    {
      scope: 'file',
      label: `Disable ${ruleId} for the entire file`,
      detail: `llm-usage-ignore-file ${ruleId} -- <reason>, at the top of the file`,
    },
    {
      scope: 'ignore-list',
      label: `Add ${ruleId} to the ${configName} ignore list`,
      detail: 'a reviewed entry with path, reason and expiry, in the auditable central place',
    },
    { scope: 'docs', label: `Show documentation for ${ruleId}`, detail: 'what it flags, why providers care, how to document or pre-clear' },
  ];
}

export async function disableRule(session: EngineSession, args: DisableArgs): Promise<boolean | vscode.Uri | undefined> {
  let scope = args.scope;
  if (!scope) {
    const configName =
      vscode.workspace.getConfiguration('promptPatternReview', vscode.Uri.parse(args.uri)).get<string>('configFile') || CONFIG_FILE;
    const picked = await vscode.window.showQuickPick(disableChoices(args.ruleId, configName), {
      title: `Where should ${args.ruleId} be disabled?`,
      ignoreFocusOut: true,
    });
    if (!picked) return false;
    scope = picked.scope;
  }
  switch (scope) {
    case 'line':
      return disableForLine(args);
    case 'file':
      return disableForFile(args);
    case 'ignore-list':
      return addToIgnoreList(session, args);
    case 'docs':
      return showRuleDocs(args.ruleId);
  }
}

export function registerDisableRuleCommand(context: vscode.ExtensionContext, session: EngineSession): void {
  context.subscriptions.push(vscode.commands.registerCommand(DISABLE_RULE, (args: DisableArgs) => disableRule(session, args)));
}
