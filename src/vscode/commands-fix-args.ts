// What every quick-fix command receives, and the checks they share: the document must still be at
// the version the fix was computed for (a stale edit would land on the wrong line), and a
// suppression needs a reason, asked for when the caller did not supply one.
import vscode = require('vscode');

export interface FixArgs {
  /** Document URI, as a string so the arguments survive serialisation. */
  uri: string;
  /** `TextDocument.version` when the code action was computed. */
  version: number;
  ruleId: string;
  /** 0-based line the diagnostic starts on. */
  line: number;
  /** Pre-supplied reason (scripts, tests); asked for with an input box when absent. */
  reason?: string;
}

/** The document at the version the fix expects, or undefined after telling the user why not. */
export async function documentAtVersion(args: FixArgs): Promise<vscode.TextDocument | undefined> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  if (doc.version !== args.version) {
    void vscode.window.showWarningMessage(
      'Prompt Pattern Review: the file changed since this fix was offered; nothing was edited. Try the quick fix again.',
    );
    return undefined;
  }
  return doc;
}

export async function askReason(args: FixArgs, what: string): Promise<string | undefined> {
  if (args.reason !== undefined) return args.reason.trim() || undefined;
  const reason = await vscode.window.showInputBox({
    title: `Reason to ${what}`,
    prompt: `Why is ${args.ruleId} acceptable here? The reason is kept next to the suppression and shown in reports.`,
    placeHolder: 'e.g. one-off migration of our own records, cleared in support ticket 48213',
    ignoreFocusOut: true,
    validateInput: (value) =>
      value.trim().length < 3 ? 'A suppression without a reason suppresses nothing: write a few words.' : undefined,
  });
  return reason?.trim() || undefined;
}

export function commentMarker(doc: vscode.TextDocument): string {
  return doc.languageId === 'python' ? '#' : '//';
}

export function indentOf(doc: vscode.TextDocument, line: number): string {
  return /^\s*/.exec(doc.lineAt(line).text)![0];
}

/** Applies text edits to one document; false when VS Code refused them. */
export async function applyEdits(doc: vscode.TextDocument, edits: vscode.TextEdit[]): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.set(doc.uri, edits);
  return vscode.workspace.applyEdit(edit);
}
