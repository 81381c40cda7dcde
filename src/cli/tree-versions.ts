// Versions of the scanned tree that are not the files on disk: the tree at a commit and the staged
// tree (the index). A version is the working tree with some paths replaced by git blobs or absent,
// so files git reports as unchanged are read from disk and hit the facts cache by content, and only
// the paths that differ cost a parse. Paths are relative to the scan root.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { ScanHost } from '../engine/scan';
import { createNodeHost } from '../host/node-host';
import { walkWouldList } from '../host/node-files';
import type { ResolvedConfig } from '../engine/config';
import type { GitRepository, RawChange } from './git';

export interface TreeVersion {
  /** What it is, for messages: `HEAD~1 (3f2a91c)`, `the index`. */
  label: string;
  /** Paths whose content differs from the working tree: the blob's bytes, or null where the path is absent. */
  replaced: Map<string, Uint8Array | null>;
}

/** Maps repository paths (from the top of the work tree) to paths under the scan root; others are dropped. */
export function rootPaths(repo: GitRepository, root: string): (repoPath: string) => string | undefined {
  const realRoot = realpathSync(root);
  return (repoPath) => {
    const rel = path.relative(realRoot, path.join(repo.top, repoPath)).split(path.sep).join('/');
    return rel && !rel.startsWith('../') && rel !== '..' ? rel : undefined;
  };
}

/**
 * The version whose content is the "from" side of `changes` (each a diff of some version against
 * the working tree), with `alsoAbsent` (untracked files) missing from it.
 */
export async function versionFromChanges(
  repo: GitRepository,
  root: string,
  label: string,
  changes: RawChange[],
  alsoAbsent: string[],
): Promise<TreeVersion> {
  const toRoot = rootPaths(repo, root);
  const wanted = new Map<string, string | null>();
  for (const change of changes) {
    const file = toRoot(change.path);
    if (!file) continue;
    // A submodule or a symlink at that version is not a file's text: the path is left out there.
    const isFile = change.before !== null && !change.beforeMode.startsWith('120') && !change.beforeMode.startsWith('160');
    wanted.set(file, isFile ? change.before : null);
  }
  for (const p of alsoAbsent) {
    const file = toRoot(p);
    if (file) wanted.set(file, null);
  }
  const blobs = await repo.readBlobs([...wanted.values()].filter((id): id is string => id !== null));
  const replaced = new Map<string, Uint8Array | null>();
  for (const [file, id] of wanted) replaced.set(file, id === null ? null : new Uint8Array(blobs.get(id)!));
  return { label, replaced };
}

/** The tree at `commit`: what `git diff <commit>` says differs, and no untracked file. */
export async function versionAtCommit(repo: GitRepository, root: string, commit: string, label: string): Promise<TreeVersion> {
  const [changes, untracked] = await Promise.all([repo.commitVsWorkingTree(commit), repo.untrackedFiles()]);
  return versionFromChanges(repo, root, label, changes, untracked);
}

/** The staged tree: unstaged edits undone, untracked files left out. */
export async function stagedVersion(repo: GitRepository, root: string): Promise<TreeVersion> {
  const [changes, untracked] = await Promise.all([repo.indexVsWorkingTree(), repo.untrackedFiles()]);
  return versionFromChanges(repo, root, 'the index', changes, untracked);
}

/**
 * The files a scan of `version` reads: the walk's listing of the working tree without the paths
 * absent there, plus the paths present only there (deleted since) that the walk would list.
 */
export function versionFiles(
  version: TreeVersion,
  listed: readonly string[],
  targets: readonly string[],
  config: ResolvedConfig,
): string[] {
  const out = listed.filter((f) => version.replaced.get(f) !== null);
  const have = new Set(listed);
  const wouldList = walkWouldList(config);
  for (const [file, content] of version.replaced) {
    if (content === null || have.has(file)) continue;
    const target = targets.find((t) => t === '' || file === t || file.startsWith(`${t}/`));
    if (target === undefined || file === target) continue;
    if (wouldList(target ? file.slice(target.length + 1) : file)) out.push(file);
  }
  return out;
}

/** Reads `version` through the engine's host port: replaced paths from their blobs, the rest from disk. */
export function versionHost(root: string, version: TreeVersion): ScanHost {
  const disk = createNodeHost(root);
  return {
    readFile: async (file) => {
      const content = version.replaced.get(file);
      if (content === null) throw Object.assign(new Error(`${file} is absent in ${version.label}`), { code: 'ENOENT' });
      return content ?? disk.readFile(file);
    },
    readWasm: disk.readWasm,
  };
}
