// Suppression comments, each with a reason: `llm-usage-ignore <rule> -- <reason>` at the end of the
// flagged line ("Suppress … on this line"), on the line above ("Disable … for this line"), or
// `llm-usage-ignore-file` at the top of the file ("Disable … for the entire file").
import vscode = require('vscode');
import { applyEdits, askReason, commentMarker, documentAtVersion, indentOf, type FixArgs } from './commands-fix-args';

export const SUPPRESS_ON_LINE = 'promptPatternReview.suppressOnLine';
export const DISABLE_FOR_LINE = 'promptPatternReview.disableForLine';
export const DISABLE_FOR_FILE = 'promptPatternReview.disableForFile';

export async function suppressOnLine(args: FixArgs): Promise<boolean> {
  const doc = await documentAtVersion(args);
  if (!doc) return false;
  const reason = await askReason(args, `suppress ${args.ruleId} on this line`);
  if (!reason || !(await stillAt(doc, args))) return false;
  const marker = commentMarker(doc);
  const line = doc.lineAt(args.line);
  // A line that already has a comment, ends in a Python continuation or opens a string spanning
  // lines cannot take a trailing comment: the suppression goes on the line above.
  const opensString = (line.text.match(/`/g)?.length ?? 0) % 2 === 1 || /"""|'''/.test(line.text);
  if (line.text.includes(marker) || line.text.trimEnd().endsWith('\\') || opensString) {
    return insertAbove(doc, args, reason);
  }
  return applyEdits(doc, [vscode.TextEdit.insert(line.range.end, `  ${marker} llm-usage-ignore ${args.ruleId} -- ${reason}`)]);
}

export async function disableForLine(args: FixArgs): Promise<boolean> {
  const doc = await documentAtVersion(args);
  if (!doc) return false;
  const reason = await askReason(args, `disable ${args.ruleId} for this line`);
  if (!reason || !(await stillAt(doc, args))) return false;
  return insertAbove(doc, args, reason);
}

export async function disableForFile(args: FixArgs): Promise<boolean> {
  const doc = await documentAtVersion(args);
  if (!doc) return false;
  const reason = await askReason(args, `disable ${args.ruleId} for the entire file`);
  if (!reason || !(await stillAt(doc, args))) return false;
  // After a shebang and a Python encoding line, which must stay first.
  let line = 0;
  while (line < Math.min(2, doc.lineCount) && /^(#!|#.*coding[:=])/.test(doc.lineAt(line).text)) line++;
  const text = `${commentMarker(doc)} llm-usage-ignore-file ${args.ruleId} -- ${reason}\n`;
  return applyEdits(doc, [vscode.TextEdit.insert(new vscode.Position(line, 0), text)]);
}

function insertAbove(doc: vscode.TextDocument, args: FixArgs, reason: string): Promise<boolean> {
  const text = `${indentOf(doc, args.line)}${commentMarker(doc)} llm-usage-ignore ${args.ruleId} -- ${reason}\n`;
  return Promise.resolve(applyEdits(doc, [vscode.TextEdit.insert(new vscode.Position(args.line, 0), text)]));
}

/** The input box is modal only in spirit: the user may have typed meanwhile. */
async function stillAt(doc: vscode.TextDocument, args: FixArgs): Promise<boolean> {
  if (doc.version === args.version) return true;
  return (await documentAtVersion(args)) !== undefined;
}

export function registerSuppressCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SUPPRESS_ON_LINE, suppressOnLine),
    vscode.commands.registerCommand(DISABLE_FOR_LINE, disableForLine),
    vscode.commands.registerCommand(DISABLE_FOR_FILE, disableForFile),
  );
}
