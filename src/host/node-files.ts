// The Node implementation of the file-system port: walks a tree the way a user expects
// (.gitignore respected, dependency and build folders skipped, config excludes applied).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { minimatch } from 'minimatch';
import { DEFAULT_EXCLUDES } from '../engine/config';
import { isAnalysableFile } from '../engine/parse/languages';

export interface WalkOptions {
  include: string[];
  exclude: string[];
  /** Called for entries that cannot be read (permission errors, symlink loops). */
  onSkip?: (file: string, reason: string) => void;
}

const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', '.mypy_cache', '.pytest_cache', '.tox', 'site-packages', '.next', '.nuxt', '.turbo', '.cache']);

/** Files under `root` (relative, with forward slashes) that the engine should read. */
export async function listSourceFiles(root: string, options: WalkOptions): Promise<string[]> {
  const out: string[] = [];
  const excludes = [...DEFAULT_EXCLUDES, ...options.exclude];
  const visitedDirs = new Set<string>();
  const walk = async (dir: string, rel: string, ignores: { base: string; matcher: Ignore }[]): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (e) {
      options.onSkip?.(rel || '.', `unreadable: ${(e as NodeJS.ErrnoException).code}`);
      return;
    }
    if (visitedDirs.has(real)) {
      options.onSkip?.(rel || '.', 'symlink loop');
      return;
    }
    visitedDirs.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      options.onSkip?.(rel || '.', `unreadable directory: ${(e as NodeJS.ErrnoException).code}`);
      return;
    }
    const gitignore = entries.find((e) => e.name === '.gitignore' && e.isFile());
    let scoped = ignores;
    if (gitignore) {
      try {
        const text = await fs.readFile(path.join(dir, '.gitignore'), 'utf8');
        scoped = [...ignores, { base: rel, matcher: ignore().add(text) }];
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stat = await fs.stat(full);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          options.onSkip?.(childRel, 'broken symlink');
          continue;
        }
      }
      if (isDir && ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
      if (ignored(scoped, childRel, isDir)) continue;
      if (excludes.some((g) => minimatch(isDir ? childRel + '/' : childRel, g, { dot: true }) || (isDir && minimatch(childRel + '/x', g, { dot: true })))) continue;
      if (isDir) await walk(full, childRel, scoped);
      else if (isFile && isAnalysableFile(entry.name)) {
        if (options.include.length && !options.include.some((g) => minimatch(childRel, g, { dot: true }))) continue;
        out.push(childRel);
      }
    }
  };
  await walk(root, '', []);
  return out;
}

function ignored(scopes: { base: string; matcher: Ignore }[], rel: string, isDir: boolean): boolean {
  for (const { base, matcher } of scopes) {
    const inner = base ? rel.slice(base.length + 1) : rel;
    if (!inner) continue;
    if (matcher.ignores(isDir ? inner + '/' : inner)) return true;
  }
  return false;
}
