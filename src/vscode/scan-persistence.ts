// Scan results survive a window reload: the last scan's findings, skipped files and the paths of
// files that name no model API are kept in workspace state, so a restored scan counts as the scan
// did (facts and texts are not kept: live analysis and the next scan rebuild them). Restored
// results are marked stale when a file they cover changed after the scan — on restore by its
// modification time, afterwards by saves, creations and deletions — so the views can say "rescan".
import vscode = require('vscode');
import type { Finding, SkippedFile } from '../engine/types';
import type { FolderScan } from './scan-workspace';

const STATE_KEY = 'promptPatternReview.lastScan';
// 2: the files without model use are kept; a version 1 state lacks them and is not restored.
const STATE_VERSION = 2;

interface StoredFolderScan {
  folder: string;
  files: number;
  parsed: number;
  withoutModelUse: string[];
  findings: Finding[];
  skipped: SkippedFile[];
  finishedAt: number;
}

interface StoredScan {
  version: number;
  scans: StoredFolderScan[];
}

export async function persistScans(state: vscode.Memento, scans: FolderScan[]): Promise<void> {
  const stored: StoredScan = {
    version: STATE_VERSION,
    scans: scans.map(({ folder, result, finishedAt }) => ({
      folder: folder.uri.toString(),
      files: result.files,
      parsed: result.parsed,
      withoutModelUse: result.withoutModelUse,
      findings: result.findings,
      skipped: result.skipped,
      finishedAt: finishedAt ?? Date.now(),
    })),
  };
  await state.update(STATE_KEY, stored);
}

/** The stored scans of folders still open, marked restored. */
export function restoredScans(state: vscode.Memento): FolderScan[] {
  const stored = state.get<StoredScan>(STATE_KEY);
  if (!stored || stored.version !== STATE_VERSION) return [];
  const out: FolderScan[] = [];
  for (const s of stored.scans) {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === s.folder);
    if (!folder) continue;
    out.push({
      folder,
      result: {
        files: s.files,
        parsed: s.parsed,
        withoutModelUse: s.withoutModelUse,
        findings: s.findings,
        skipped: s.skipped,
        facts: new Map(),
        texts: new Map(),
        cancelled: false,
      },
      finishedAt: s.finishedAt,
      restored: true,
    });
  }
  return out;
}

/** Whether a file the scans report on was modified after its scan finished (or is gone). */
export async function changedSince(scans: FolderScan[]): Promise<boolean> {
  for (const { folder, result, finishedAt } of scans) {
    const files = new Set([...result.findings.map((f) => f.file), ...result.skipped.map((s) => s.file)]);
    for (const file of files) {
      try {
        const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, file));
        if (finishedAt !== undefined && stat.mtime > finishedAt) return true;
      } catch {
        return true;
      }
    }
  }
  return false;
}
