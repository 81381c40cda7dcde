// Shared by the editor-feature integration tests: the activated extension's API, the examples
// workspace, polling for asynchronous results and user settings that are restored afterwards.
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/extension';

export const EXTENSION_ID = 'prompt-pattern-review.prompt-pattern-review';
export const SOURCE = 'ppr';

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the runner should open examples/');
  return folder;
}

export function exampleUri(path: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, path);
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sets user-level settings of the extension; the returned function restores the previous values. */
export async function withSettings(values: Record<string, unknown>): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('promptPatternReview');
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    previous[key] = config.inspect(key)?.globalValue;
    await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
  return async () => {
    const current = vscode.workspace.getConfiguration('promptPatternReview');
    for (const [key, value] of Object.entries(previous)) await current.update(key, value, vscode.ConfigurationTarget.Global);
  };
}

/** Our diagnostics on a document, from both collections (live and workspace scan). */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The rules of a workload diagnostic: its code, then the "rule-id (severity): Title" facets in its related information. */
export function rulesOf(d: vscode.Diagnostic): string[] {
  const facets = (d.relatedInformation ?? [])
    .map((r) => /^([a-z][a-z-]*) \((critical|high|medium|low|info)\): /.exec(r.message)?.[1])
    .filter((x): x is string => !!x);
  return [...new Set([codeOf(d), ...facets].filter((x): x is string => !!x))];
}

/** The workload diagnostic that holds one rule among a document's diagnostics. */
export function byRule(diagnostics: readonly vscode.Diagnostic[] | undefined, ruleId: string): vscode.Diagnostic | undefined {
  return diagnostics?.find((d) => rulesOf(d).includes(ruleId));
}

/** Unsuppressed findings of the last workspace scan: what tests compare views and exports with. */
export function lastScanFindings(api: ExtensionApi): import('../../../src/engine/types').Finding[] {
  return api.scanner.lastScan.flatMap((s) => s.result.findings.filter((f) => !f.suppressed));
}
