// The extension's entry: wires features, nothing else. Each feature lives in its own file
// with one register() function; the engine never imports 'vscode'.
import vscode = require('vscode');
import { EngineSession } from './engine-session';
import { registerLiveDiagnostics } from './live-diagnostics';
import { registerNotebookDiagnostics } from './notebook-diagnostics';
import { registerWorkspaceScan } from './scan-workspace';
import { registerFindingsTree } from './findings-tree';
import { registerStatusBar } from './status-bar';
import { registerReport } from './report-panel';
import { registerWorkloadCodeLens } from './workload-codelens';
import { registerCallSiteHover } from './call-site-hover';
import { registerConfigDiagnostics } from './config-diagnostics';
import { registerCodeActions } from './code-actions';
import { engineLoaded } from './lazy-engine';
import { registerOutput } from './output-channel';

/** Set by the first and last lines the bundler adds to dist/extension.js: when its module code began and ended. */
declare const PPR_BUNDLE_START: number | undefined;
declare const PPR_BUNDLE_END: number | undefined;

export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const session = new EngineSession(context);
  const output = registerOutput(context);
  const live = registerLiveDiagnostics(context, session, output);
  const notebooks = registerNotebookDiagnostics(context, session, live.collection);
  const scanner = registerWorkspaceScan(context, session, output);
  scanner.deferTo(live);
  const tree = registerFindingsTree(context, scanner);
  const status = registerStatusBar(context, scanner);
  const report = registerReport(context, scanner);
  registerWorkloadCodeLens(context, session);
  registerCallSiteHover(context, session, live);
  registerConfigDiagnostics(context);
  registerCodeActions(context, session);
  // What activation cost, for the integration tests to report: running the bundle's module code,
  // running activate(), and whether the engine was loaded (it must wait for the first analysis).
  const activation = {
    bundleMs: typeof PPR_BUNDLE_START === 'number' && typeof PPR_BUNDLE_END === 'number' ? PPR_BUNDLE_END - PPR_BUNDLE_START : undefined,
    activateMs: performance.now() - started,
    engineLoaded: engineLoaded(),
  };
  // Returned for the integration tests, which drive the same objects the user sees.
  return { session, output, live, notebooks, scanner, tree, status, report, activation };
}

export type ExtensionApi = ReturnType<typeof activate>;

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
