// "Add to .promptreview.json ignore list…": a reviewed entry {rule, path, reason, expires} in the
// folder's config, the auditable central place for exceptions. The JSONC is edited with
// jsonc-parser's modify/applyEdits semantics (as text edits on the open document), so comments
// and formatting survive and the change can be undone.
import vscode = require('vscode');
import type { IgnoreEntry } from '../engine/config';
import type { EngineSession } from './engine-session';
import { CONFIG_FILE } from './engine-session';
import { askReason, documentAtVersion, type FixArgs } from './commands-fix-args';
import { engine } from './lazy-engine';

export const ADD_TO_IGNORE_LIST = 'promptPatternReview.addToIgnoreList';

export async function addToIgnoreList(session: EngineSession, args: FixArgs): Promise<boolean> {
  const doc = await documentAtVersion(args);
  if (!doc) return false;
  const { folder, path } = session.relativePath(doc.uri);
  if (!folder) {
    void vscode.window.showWarningMessage(
      "Prompt Pattern Review: the ignore list lives in a workspace folder's config; open the folder first.",
    );
    return false;
  }
  const reason = await askReason(args, `add ${args.ruleId} in ${path} to the ignore list`);
  if (!reason) return false;
  const configName = vscode.workspace.getConfiguration('promptPatternReview', folder.uri).get<string>('configFile') || CONFIG_FILE;
  const configUri = vscode.Uri.joinPath(folder.uri, configName);
  try {
    await vscode.workspace.fs.stat(configUri);
  } catch {
    await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode('{\n}\n'));
  }
  const config = await vscode.workspace.openTextDocument(configUri);
  const entry: IgnoreEntry = { rule: args.ruleId, path, reason, expires: engine().oneYearAfter(engine().todayIso()) };
  const edits = engine().modify(config.getText(), ['ignore', -1], entry, {
    formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' },
  });
  const edit = new vscode.WorkspaceEdit();
  edit.set(
    configUri,
    edits.map((e) =>
      vscode.TextEdit.replace(new vscode.Range(config.positionAt(e.offset), config.positionAt(e.offset + e.length)), e.content),
    ),
  );
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  return config.save();
}

export function registerIgnoreListCommand(context: vscode.ExtensionContext, session: EngineSession): void {
  context.subscriptions.push(vscode.commands.registerCommand(ADD_TO_IGNORE_LIST, (args: FixArgs) => addToIgnoreList(session, args)));
}
