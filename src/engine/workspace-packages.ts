// Packages of a monorepo: `import { ask } from '@acme/llm'` names a workspace package by the
// `name` in its package.json, not a path. The scan reads the package.json files beside the source
// files (through the host, like any file) and marks each analysed file with its package, so module
// resolution can map a package name (and a subpath) to the package's own source files.
import type { FileFacts } from './types';

export interface WorkspacePackage {
  name: string;
  /** Folder of the package.json, relative to the scan root ('' for the root). */
  root: string;
  /** Entry points named in package.json (`source`, `types`, `module`, `main`, `exports['.']`), without extension. */
  entries: string[];
}

/**
 * Folders that may hold a package.json: the root, and folders a few levels deep that look like a
 * package's own (they hold `src/`, `lib/` or an `index` file), so a large tree costs few reads.
 */
export function packageManifestCandidates(files: readonly string[], maxDepth = 4): string[] {
  const dirs = new Set<string>(['']);
  for (const file of files) {
    const parts = file.split('/');
    for (let depth = 1; depth < parts.length && depth <= maxDepth; depth++) {
      const next = parts[depth];
      if (next === 'src' || next === 'lib' || (depth === parts.length - 1 && /^index\./.test(next))) dirs.add(parts.slice(0, depth).join('/'));
    }
  }
  return [...dirs].filter((d) => !/(^|\/)(node_modules|dist|build|\.git)(\/|$)/.test(d)).map((d) => (d ? `${d}/package.json` : 'package.json'));
}

/** A package.json's name and entry points; undefined when it has no name or is not JSON. */
export function readPackageManifest(path: string, text: string): WorkspacePackage | undefined {
  let json: { name?: unknown; main?: unknown; module?: unknown; types?: unknown; source?: unknown; exports?: unknown };
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json.name !== 'string' || !json.name) return undefined;
  const root = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const entries: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string') entries.push(value.replace(/^\.\//, '').replace(/\.(d\.ts|[cm]?[jt]sx?)$/, ''));
    else if (value && typeof value === 'object') for (const v of Object.values(value)) add(v);
  };
  add(json.source);
  add(json.types);
  add(json.module);
  add(json.main);
  const exports = json.exports;
  add(exports && typeof exports === 'object' && !Array.isArray(exports) && '.' in exports ? (exports as Record<string, unknown>)['.'] : exports);
  return { name: json.name, root, entries };
}

/** Marks each analysed file with the innermost workspace package that holds it. */
export function assignPackages(facts: Map<string, FileFacts>, packages: WorkspacePackage[]): void {
  if (!packages.length) return;
  const byRoot = new Map(packages.map((p) => [p.root, p]));
  for (const [file, fileFacts] of facts) {
    const parts = file.split('/');
    for (let depth = parts.length - 1; depth >= 0; depth--) {
      const pkg = byRoot.get(parts.slice(0, depth).join('/'));
      if (!pkg) continue;
      if (pkg.root || packages.length === 1) fileFacts.package = { name: pkg.name, root: pkg.root, entries: pkg.entries };
      break;
    }
  }
}
