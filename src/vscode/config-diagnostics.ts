// A diagnostic on a `.promptreview.json` whose rule ids are not in the catalog, at the field, with
// "did you mean" — instead of a silent fallback. Syntax and schema errors (a wrong severity, a
// missing reason) are left to VS Code's JSON validation against our schema, which reports each of
// them already: one wrong value gives one diagnostic.
import vscode = require('vscode');
import { CONFIG_FILE } from './engine-session';
import type { ConfigError } from '../engine/config-file';
import { engine } from './lazy-engine';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export const CONFIG_COLLECTION = 'prompt-pattern-review-config';

export function registerConfigDiagnostics(context: vscode.ExtensionContext): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection(CONFIG_COLLECTION);
  const isConfig = (doc: vscode.TextDocument) => {
    const name = vscode.workspace.getConfiguration('promptPatternReview', doc.uri).get<string>('configFile') || CONFIG_FILE;
    return doc.uri.path.endsWith('/' + name.replace(/^\.\//, ''));
  };
  const check = (doc: vscode.TextDocument) => {
    if (!isConfig(doc)) return;
    collection.set(doc.uri, configProblems(doc));
  };
  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => check(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => collection.delete(doc.uri)),
  );
  // After activation returns: checking needs the engine bundle, which activation must not load.
  setImmediate(() => vscode.workspace.textDocuments.forEach(check));
  return collection;
}

/** The catalog problem of one config document (at most one: the first error, as the CLI reports it). */
export function configProblems(doc: vscode.TextDocument): vscode.Diagnostic[] {
  const text = doc.getText();
  try {
    engine().parseConfig(vscode.workspace.asRelativePath(doc.uri), text);
    return [];
  } catch (e) {
    if (!(e instanceof engine().ConfigError)) throw e;
    if (e.kind !== 'catalog') return [];
    const range = rangeOfField(doc, e);
    const d = new vscode.Diagnostic(range, `${e.field}: ${e.fix}`, vscode.DiagnosticSeverity.Error);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = 'config';
    return [d];
  }
}

/** The range the engine located: the same offsets the CLI prints as file:line:col. */
function rangeOfField(doc: vscode.TextDocument, error: ConfigError): vscode.Range {
  const { offset, length } = error.location;
  return new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + Math.max(1, length)));
}
