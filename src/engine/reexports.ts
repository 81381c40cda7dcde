// A name as a module exports it: defined there, or re-exported from another workspace module
// (`export { ask } from './llm'`, `export * from './llm'`, `from .client import ask` in a package's
// __init__.py), followed a few modules deep. Functions and exported clients are both found this way.
import type { FileFacts } from './types';

/** Barrels re-exporting barrels: deeper chains are rare and not worth following. */
export const MAX_REEXPORTS = 3;

/**
 * What `own` finds for `name` in `file`, or in the module a re-export of `name` (or of its first
 * segment, for `Class.member`) points to. `resolve` maps an import source to a workspace file.
 */
export function throughReexports<T>(
  file: string,
  name: string,
  files: Map<string, FileFacts>,
  resolve: (from: string, source: string) => string | undefined,
  own: (file: string, name: string) => T | undefined,
  depth = 0,
): T | undefined {
  const found = own(file, name);
  if (found !== undefined || depth >= MAX_REEXPORTS) return found;
  const head = name.split('.')[0];
  const rest = name.slice(head.length);
  for (const imp of files.get(file)?.imports ?? []) {
    if (imp.localName !== head && imp.localName !== '*') continue;
    const source = resolve(file, imp.source);
    if (!source || source === file) continue;
    const inner = imp.localName === '*' || imp.importedName === '*' ? name : imp.importedName + rest;
    const further = throughReexports(source, inner, files, resolve, own, depth + 1);
    if (further !== undefined) return further;
  }
  return undefined;
}
