// The extension's entry: wires features, nothing else. Each feature lives in its own file
// with one register() function; the engine never imports 'vscode'.
import * as vscode from 'vscode';
import { EngineSession } from './engine-session';
import { registerLiveDiagnostics } from './live-diagnostics';
import { registerWorkspaceScan } from './scan-workspace';

export function activate(context: vscode.ExtensionContext): { session: EngineSession } {
  const session = new EngineSession(context);
  registerLiveDiagnostics(context, session);
  registerWorkspaceScan(context, session);
  return { session };
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
