// Rule documentation offline: the pages ship in the extension (docs/rules/<id>.md, whitelisted in
// .vscodeignore), so a diagnostic's code links to the shipped page and "Show documentation for
// <rule>" opens it in VS Code's Markdown preview (strict CSP, local content) — never a remote URL.
import vscode = require('vscode');

export const SHOW_RULE_DOCS = 'promptPatternReview.showRuleDocs';

let extensionRoot: vscode.Uri | undefined;

/** The shipped page of a rule; undefined before activation set the extension's folder. */
export function ruleDocsUri(ruleId: string): vscode.Uri | undefined {
  return extensionRoot && vscode.Uri.joinPath(extensionRoot, 'docs', 'rules', `${ruleId}.md`);
}

export async function showRuleDocs(ruleId: string): Promise<vscode.Uri | undefined> {
  const uri = ruleDocsUri(ruleId);
  if (!uri || !/^[a-z][a-z-]*$/.test(ruleId)) return undefined;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    void vscode.window.showWarningMessage(vscode.l10n.t('Prompt Pattern Review: no documentation page for "{0}".', ruleId));
    return undefined;
  }
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  return uri;
}

export function registerRuleDocs(context: vscode.ExtensionContext): void {
  extensionRoot = context.extensionUri;
  context.subscriptions.push(vscode.commands.registerCommand(SHOW_RULE_DOCS, (ruleId: string) => showRuleDocs(ruleId)));
}
