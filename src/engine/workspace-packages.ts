// Packages of a monorepo: `import { ask } from '@acme/llm'` names a workspace package by the
// `name` in its package.json, not a path. The scan reads the package.json files beside the source
// files (through the host, like any file) and marks each analysed file with its package, so module
// resolution can map a package name (and a subpath) to the package's own source files.
import { parse as parseJsonc } from 'jsonc-parser';
import type { FileFacts } from './types';

export interface WorkspacePackage {
  /** The package.json `name` ('' when the folder only has a tsconfig.json). */
  name: string;
  /** Folder of the package.json, relative to the scan root ('' for the root). */
  root: string;
  /** Entry points named in package.json (`source`, `types`, `module`, `main`, `exports['.']`), without extension. */
  entries: string[];
  /** tsconfig/jsconfig `compilerOptions.paths`, as [pattern, targets] relative to the package folder (`@lib/*` → `src/lib/*`). */
  aliases?: [string, string[]][];
}

/** `compilerOptions.paths` of a tsconfig.json or jsconfig.json (JSON with comments), relative to its folder through `baseUrl`. */
export function readPathAliases(text: string): [string, string[]][] | undefined {
  const json = parseJsonc(text, [], { allowTrailingComma: true }) as
    | { compilerOptions?: { baseUrl?: unknown; paths?: unknown } }
    | undefined;
  const options = json?.compilerOptions;
  if (!options || !options.paths || typeof options.paths !== 'object') return undefined;
  const base = typeof options.baseUrl === 'string' ? options.baseUrl.replace(/^\.\/?/, '').replace(/\/$/, '') : '';
  const out: [string, string[]][] = [];
  for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
    if (!Array.isArray(targets)) continue;
    const relative = targets
      .filter((t): t is string => typeof t === 'string')
      .map((t) => [base, t.replace(/^\.\//, '')].filter(Boolean).join('/'));
    if (relative.length) out.push([pattern, relative]);
  }
  return out.length ? out : undefined;
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
      if (next === 'src' || next === 'lib' || (depth === parts.length - 1 && /^index\./.test(next)))
        dirs.add(parts.slice(0, depth).join('/'));
    }
  }
  return [...dirs].filter((d) => !/(^|\/)(node_modules|dist|build|\.git)(\/|$)/.test(d));
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
  add(
    exports && typeof exports === 'object' && !Array.isArray(exports) && '.' in exports
      ? (exports as Record<string, unknown>)['.']
      : exports,
  );
  return { name: json.name, root, entries };
}

/** The manifests looked for in each candidate folder. */
export const PACKAGE_FILES = ['package.json', 'tsconfig.json', 'jsconfig.json'];

/** Every manifest path that may exist beside the listed files (what the CLI's unchanged-tree check stats). */
export function packageManifestPaths(files: readonly string[]): string[] {
  return packageManifestCandidates(files).flatMap((root) => PACKAGE_FILES.map((name) => manifestPath(root, name)));
}

/** A manifest's path in a folder relative to the scan root ('' is the root). */
export function manifestPath(root: string, name: string): string {
  return root ? `${root}/${name}` : name;
}

/** One folder's package: its package.json, its path aliases, or both; undefined when it has neither. */
export function packageOfFolder(root: string, manifests: Partial<Record<string, string>>): WorkspacePackage | undefined {
  const prefix = root ? `${root}/` : '';
  const pkg = manifests['package.json'] !== undefined ? readPackageManifest(`${prefix}package.json`, manifests['package.json']) : undefined;
  const aliasText = manifests['tsconfig.json'] ?? manifests['jsconfig.json'];
  const aliases = aliasText !== undefined ? readPathAliases(aliasText) : undefined;
  if (!pkg && !aliases) return undefined;
  return { name: pkg?.name ?? '', root, entries: pkg?.entries ?? [], ...(aliases ? { aliases } : {}) };
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
      if (pkg.root || packages.length === 1 || pkg.aliases)
        fileFacts.package = { name: pkg.name, root: pkg.root, entries: pkg.entries, ...(pkg.aliases ? { aliases: pkg.aliases } : {}) };
      break;
    }
  }
}
