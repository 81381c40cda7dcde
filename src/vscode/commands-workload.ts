// Finds the workload a quick fix is about: re-reads the document's facts (so the answer matches
// the text the user sees), merges them into the folder's facts, and picks the workload whose call
// sites or driver loop contain the diagnostic's line.
import vscode = require('vscode');
import type { EngineSession } from './engine-session';
import type { FileFacts } from '../engine/types';
import type { ResolvedConfig } from '../engine/config';
import type { Workload } from '../engine/workloads';
import { engine } from './lazy-engine';

export interface WorkloadContext {
  folder: vscode.WorkspaceFolder | undefined;
  path: string;
  store: Map<string, FileFacts>;
  config: ResolvedConfig;
  workload: Workload | undefined;
}

export async function workloadAt(session: EngineSession, doc: vscode.TextDocument, line: number): Promise<WorkloadContext | undefined> {
  const { folder, path } = session.relativePath(doc.uri);
  const { config } = await session.loadConfig(folder);
  const facts = await engine().analyseOne(path, doc.getText(), { readWasm: session.readWasm }, { cache: session.cache });
  if ('reason' in facts) return undefined;
  const store = session.folderFacts(folder);
  store.set(path, facts);
  const inFile = engine()
    .workloadsOf(store)
    .filter((w) => w.file === path);
  const onLine = (r: { startLine: number; endLine: number }) => r.startLine <= line && line <= r.endLine;
  const workload =
    inFile.find((w) => w.sites.some((s) => s.file === path && onLine(s.range))) ??
    inFile.find((w) => w.repetition.length > 0 && onLine(w.repetition[w.repetition.length - 1].range));
  return { folder, path, store, config, workload };
}
