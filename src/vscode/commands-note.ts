// "Generate pre-clearance note": the Markdown note for the workload at the diagnostic, opened
// beside the code; "Save under docs/llm-usage/" writes it into the folder for review in a PR.
import vscode = require('vscode');
import type { EngineSession } from './engine-session';
import { documentAtVersion, type FixArgs } from './commands-fix-args';
import { workloadAt } from './commands-workload';
import { engine } from './lazy-engine';

export const GENERATE_NOTE = 'promptPatternReview.generateNote';
export const NOTES_FOLDER = 'docs/llm-usage';

export interface NoteArgs extends FixArgs {
  /** Write the note under docs/llm-usage/ instead of opening an untitled document. */
  save?: boolean;
}

/** Returns the opened note's URI, or undefined when there was nothing to write. */
export async function generateNote(session: EngineSession, args?: NoteArgs): Promise<vscode.Uri | undefined> {
  const target = args ?? fromActiveEditor();
  if (!target) {
    void vscode.window.showInformationMessage('Prompt Pattern Review: put the cursor on a flagged call to draft its pre-clearance note.');
    return undefined;
  }
  const doc = await documentAtVersion(target);
  if (!doc) return undefined;
  const found = await workloadAt(session, doc, target.line);
  if (!found?.workload) {
    void vscode.window.showInformationMessage(
      'Prompt Pattern Review: no repeated workload at this line; pre-clearance notes are for loops, batches and fan-out.',
    );
    return undefined;
  }
  const { workload, store, config } = found;
  const today = engine().todayIso();
  const findings = engine().analyzeWorkspace({
    files: store,
    lineText: (file, line) => (file === found.path ? doc.lineAt(Math.min(line, doc.lineCount - 1)).text : engine().lineAt('', line)),
    config,
    today,
  });
  const texts = await workloadTexts(found.folder, doc, found.path, [workload.file, ...workload.sites.map((s) => s.target.file)]);
  const markdown = engine().noteMarkdown(workload, engine().findingsOf(workload, findings), store, today, texts);
  void vscode.commands.executeCommand('setContext', 'promptPatternReview.walkthrough.noteDrafted', true);
  if (target.save && found.folder) return saveNote(found.folder, workload.name, markdown);
  const note = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(note, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  if (found.folder && !target.save) {
    const folder = found.folder;
    void vscode.window
      .showInformationMessage(
        `Pre-clearance note for ${workload.name} drafted. Fill in the TODOs before sending it.`,
        `Save under ${NOTES_FOLDER}/`,
      )
      .then((choice) => (choice ? saveNote(folder, workload.name, note.getText()) : undefined));
  }
  return note.uri;
}

/** The texts of the workload's files (open documents as edited), so the note quotes whole templates. */
async function workloadTexts(
  folder: vscode.WorkspaceFolder | undefined,
  doc: vscode.TextDocument,
  path: string,
  files: string[],
): Promise<Map<string, string>> {
  const texts = new Map<string, string>([[path, doc.getText()]]);
  if (!folder) return texts;
  for (const file of new Set(files)) {
    if (texts.has(file)) continue;
    const uri = vscode.Uri.joinPath(folder.uri, file);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    try {
      texts.set(file, open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      // A file that vanished since the scan: its templates are quoted as extracted.
    }
  }
  return texts;
}

async function saveNote(folder: vscode.WorkspaceFolder, workload: string, markdown: string): Promise<vscode.Uri> {
  const slug =
    workload
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'workload';
  const uri = vscode.Uri.joinPath(folder.uri, NOTES_FOLDER, `${slug}.md`);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, NOTES_FOLDER));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(markdown));
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return uri;
}

function fromActiveEditor(): NoteArgs | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  return { uri: editor.document.uri.toString(), version: editor.document.version, ruleId: '', line: editor.selection.active.line };
}

export function registerNoteCommand(context: vscode.ExtensionContext, session: EngineSession): void {
  context.subscriptions.push(vscode.commands.registerCommand(GENERATE_NOTE, (args?: NoteArgs) => generateNote(session, args)));
}
