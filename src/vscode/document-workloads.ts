// The workloads and linked call sites of one document, computed from the facts the session holds
// (live analysis of the document plus the folder's index), for CodeLens and hovers.
import vscode = require('vscode');
import type { EngineSession } from './engine-session';
import type { AnalysedSite, Workload } from '../engine/workloads';
import type { FileFacts } from '../engine/types';
import { engine } from './lazy-engine';

export interface DocumentWorkloads {
  path: string;
  facts: FileFacts;
  sites: AnalysedSite[];
  workloads: Workload[];
}

/** Links sites and builds workloads the way analyzeWorkspace does, so lenses agree with findings. */
export async function documentWorkloads(session: EngineSession, uri: vscode.Uri): Promise<DocumentWorkloads | undefined> {
  const { folder, path } = session.relativePath(uri);
  const files = session.folderFacts(folder);
  const facts = files.get(path);
  if (!facts) return undefined;
  const { config } = await session.loadConfig(folder);
  const index = new (engine().WorkspaceIndex)(files);
  const linked = index.linkedCallSites();
  linked.push(...engine().configuredWrapperSites(files, config.wrappers, linked));
  const sites = engine()
    .separateControlLoops(engine().applyProviderHosts(linked, config.providerHosts), files)
    .filter((s) => s.provider !== 'local');
  return {
    path,
    facts,
    sites: sites.filter((s) => s.file === path),
    workloads: engine()
      .buildWorkloads(sites, files, index)
      .filter((w) => w.file === path),
  };
}

/** The line a workload's lens sits on: its driver function's definition, else its outermost loop. */
export function workloadAnchorLine(w: Workload, facts: FileFacts): number {
  const fn = w.enclosingFunction && facts.functions.find((f) => f.qualifiedName === w.enclosingFunction);
  if (fn) return fn.range.startLine;
  const outermost = w.repetition[w.repetition.length - 1];
  return outermost?.range.startLine ?? w.range.startLine;
}
