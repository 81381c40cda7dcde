// The Node implementation of the file-system port: walks a tree the way a user expects
// (.gitignore respected, dependency and build folders skipped, config excludes applied).
import { promises as fs, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { Minimatch } from 'minimatch';
import { DEFAULT_EXCLUDES } from '../engine/config';
import { isAnalysableFile } from '../engine/parse/languages';

export interface WalkOptions {
  include: string[];
  exclude: string[];
  /** Called for entries that cannot be read (permission errors, symlink loops). */
  onSkip?: (file: string, reason: string) => void;
  /** Called with each folder's stats just before it is read, and each .gitignore file's (for the scan manifest). */
  onListing?: (rel: string, stats: Stats) => void;
  /** Called with each folder's entries as read (for the scan manifest). */
  onEntries?: (rel: string, entries: Dirent[]) => void;
}

/** A folder's listing: files, sub-folders' listings, and folders reached through a symlink (walked later). */
type Entry = string | Entry[] | { throughSymlink: () => Promise<Entry[]> };

/** Files under `root` (relative, with forward slashes) that the engine should read. */
export async function listSourceFiles(root: string, options: WalkOptions): Promise<string[]> {
  const excluded = compileExcludes([...DEFAULT_EXCLUDES, ...options.exclude]);
  const included = options.include.map((g) => new Minimatch(g, { dot: true }));
  const visitedDirs = new Set<string>();
  // `real` is the directory's real path when no symlink led to it (the parent's real path plus
  // its name); through a symlink it is asked of the file system, which is what finds loops.
  // Sibling folders are read concurrently (one readdir at a time left the walk mostly waiting);
  // folders behind symlinks wait until everything else is listed, so which path of a looped
  // folder is kept does not depend on timing.
  const walk = async (
    dir: string,
    rel: string,
    real: string | undefined,
    ignores: { base: string; matcher: Ignore }[],
  ): Promise<Entry[]> => {
    try {
      real ??= await fs.realpath(dir);
    } catch (e) {
      options.onSkip?.(rel || '.', `unreadable: ${(e as NodeJS.ErrnoException).code}`);
      return [];
    }
    if (visitedDirs.has(real)) {
      options.onSkip?.(rel || '.', 'symlink loop');
      return [];
    }
    visitedDirs.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      if (options.onListing) options.onListing(rel, await fs.stat(dir));
      entries = await fs.readdir(dir, { withFileTypes: true });
      options.onEntries?.(rel, entries);
    } catch (e) {
      options.onSkip?.(rel || '.', `unreadable directory: ${(e as NodeJS.ErrnoException).code}`);
      return [];
    }
    const gitignore = entries.find((e) => e.name === '.gitignore' && e.isFile());
    let scoped = ignores;
    if (gitignore) {
      try {
        const file = path.join(dir, '.gitignore');
        if (options.onListing) options.onListing(rel ? `${rel}/.gitignore` : '.gitignore', await fs.stat(file));
        const text = await fs.readFile(file, 'utf8');
        scoped = [...ignores, { base: rel, matcher: ignore().add(text) }];
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const listing: (Entry | Promise<Entry[]>)[] = [];
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      const viaLink = entry.isSymbolicLink();
      if (viaLink) {
        try {
          const stat = await fs.stat(full);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          options.onSkip?.(childRel, 'broken symlink');
          continue;
        }
      }
      if (isDir) {
        if (ignored(scoped, childRel, true) || excluded.directory(entry.name, childRel)) continue;
        listing.push(
          viaLink
            ? { throughSymlink: () => walk(full, childRel, undefined, scoped) }
            : walk(full, childRel, path.join(real, entry.name), scoped),
        );
      } else if (isFile && isAnalysableFile(entry.name)) {
        if (ignored(scoped, childRel, false) || excluded.file(childRel)) continue;
        if (included.length && !included.some((m) => m.match(childRel))) continue;
        listing.push(childRel);
      }
    }
    return Promise.all(listing);
  };
  const out: string[] = [];
  const flatten = async (entries: Entry[]): Promise<void> => {
    for (const entry of entries) {
      if (typeof entry === 'string') out.push(entry);
      else if (Array.isArray(entry)) await flatten(entry);
      else await flatten(await entry.throughSymlink());
    }
  };
  await flatten(await walk(root, '', undefined, []));
  return out;
}

/**
 * Whether the walk would list `rel` (relative to the walked folder) if the file were there: the
 * same folder skips, excludes, includes and file types, without .gitignore (a file git tracks or
 * tracked at some commit is asked about). For versions of a tree that are not on disk (a commit, the index).
 */
export function walkWouldList(options: Pick<WalkOptions, 'include' | 'exclude'>): (rel: string) => boolean {
  const excluded = compileExcludes([...DEFAULT_EXCLUDES, ...options.exclude]);
  const included = options.include.map((g) => new Minimatch(g, { dot: true }));
  return (rel) => {
    const parts = rel.split('/');
    if (!isAnalysableFile(parts[parts.length - 1]) || excluded.file(rel)) return false;
    for (let i = 0; i < parts.length - 1; i++) {
      if (excluded.directory(parts[i], parts.slice(0, i + 1).join('/'))) return false;
    }
    return !included.length || included.some((m) => m.match(rel));
  };
}

/**
 * Exclude globs compiled once. `**` + `/name/**` (every default and most users' excludes) is a
 * set of folder names and `**` + `/*.ext` a file-name suffix; other globs go through minimatch,
 * for folders as `dir/` and `dir/x` as before (a glob that names a folder's content excludes the folder).
 */
function compileExcludes(globs: string[]) {
  const dirNames = new Set<string>();
  const suffixes: string[] = [];
  const others: Minimatch[] = [];
  for (const glob of globs) {
    const dirName = /^\*\*\/([^*?[\]{}!/]+)\/\*\*$/.exec(glob)?.[1];
    const suffix = /^\*\*\/\*(\.[^*?[\]{}!/]+)$/.exec(glob)?.[1];
    if (dirName) dirNames.add(dirName);
    else if (suffix) suffixes.push(suffix);
    else others.push(new Minimatch(glob, { dot: true }));
  }
  return {
    directory: (name: string, rel: string) => dirNames.has(name) || others.some((m) => m.match(rel + '/') || m.match(rel + '/x')),
    file: (rel: string) => suffixes.some((s) => rel.endsWith(s)) || others.some((m) => m.match(rel)),
  };
}

function ignored(scopes: { base: string; matcher: Ignore }[], rel: string, isDir: boolean): boolean {
  for (const { base, matcher } of scopes) {
    const inner = base ? rel.slice(base.length + 1) : rel;
    if (!inner) continue;
    if (matcher.ignores(isDir ? inner + '/' : inner)) return true;
  }
  return false;
}
