// Live analysis of one changed file without re-analysing the whole workspace. The findings on a
// file depend only on the files it imports (wrappers, clients, prompt constants; transitively) and
// the files that import it (their loops drive its wrappers, their handlers make its loops
// per-request; transitively), plus training code anywhere (matched to outputs by data file name)
// and the uploader of a Batch API request file written here (matched the same way);
// a file with training code is itself analysed against everything.
import type { FileFacts, Finding } from './types';
import { analyzeWorkspace, type AnalysisInput } from './analyze';
import { ModulePaths } from './module-paths';
import { gradersOfOutputsIn } from './workload-traits';
import { routeFilePattern } from './facts/route-requests';

/** The facts that can change what is reported on `file`. */
export function filesAffecting(files: Map<string, FileFacts>, file: string): Map<string, FileFacts> {
  const changed = files.get(file);
  if (!changed || changed.training.length > 0) return files;
  const imports = importGraph(files);
  const importers = new Map<string, string[]>();
  for (const [from, targets] of imports) {
    for (const to of targets) {
      const list = importers.get(to);
      if (list) list.push(from);
      else importers.set(to, [from]);
    }
  }
  const keep = new Set<string>([file]);
  const visit = (start: string, edges: Map<string, string[]>) => {
    const queue = [start];
    const seen = new Set([start]);
    while (queue.length) {
      for (const next of edges.get(queue.pop()!) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        keep.add(next);
        queue.push(next);
      }
    }
  };
  visit(file, imports);
  visit(file, importers);
  // What the importers import too: a caller's loop may reach wrappers in modules beside this one.
  for (const f of [...keep]) visit(f, imports);
  // A changed implementation of a base class is reached by whoever calls the base: the other
  // importers of the modules it imports.
  if (changed.classes?.some((c) => c.bases.length)) for (const t of imports.get(file) ?? []) visit(t, importers);
  // Implementations of a base class or an interface the kept files name: a call on the base
  // runs their methods, and they need not import anything the changed file imports.
  const named = new Set<string>();
  for (const f of keep) {
    const facts = files.get(f);
    for (const i of facts?.imports ?? [])
      named.add(i.importedName === 'default' || i.importedName === '*' ? i.localName : i.importedName.split('.')[0]);
    for (const c of facts?.classes ?? []) named.add(c.name);
  }
  for (const [f, facts] of files) {
    if (keep.has(f) || !facts.classes?.some((c) => c.bases.some((b) => named.has(b)))) continue;
    keep.add(f);
    visit(f, imports);
  }
  // Training code anywhere may consume this file's outputs (matched by data file name), and a key
  // picker anywhere (or a module handing out its keys) may be what a method call of unknown class
  // reaches.
  const pickers = new Set([...files].filter(([, facts]) => facts.credentials.some((c) => c.rotated)).map(([f]) => f));
  for (const [f, facts] of files) {
    if (facts.training.length || pickers.has(f) || (imports.get(f) ?? []).some((t) => pickers.has(t))) keep.add(f);
  }
  // An eval script or judge anywhere may read what the kept files write, which makes them evals.
  for (const f of gradersOfOutputsIn([...keep].map((k) => files.get(k)!).filter(Boolean), files)) keep.add(f);
  // A Batch API request file written here is linked to the file that uploads it by its name.
  const requestFiles = new Set(
    changed.sinks.filter((s) => s.batchRequests && s.target).map((s) => s.target!.split(/[\\/]/).pop()!.toLowerCase()),
  );
  if (requestFiles.size) for (const [f, facts] of files) if (facts.dataFiles.some((d) => requestFiles.has(d))) keep.add(f);
  return new Map([...files].filter(([f]) => keep.has(f)));
}

/**
 * The last import graph, reused while the set of files stays the same: an edit changes one
 * file's facts, so only that file's imports are resolved again (resolving every file's imports
 * on each keystroke was a tenth of the edit latency on a thousand-file folder).
 */
let lastGraph: { modulePaths: ModulePaths; entries: Map<string, { facts: FileFacts; targets: string[] }> } | undefined;

/** Workspace files each file imports. */
function importGraph(files: Map<string, FileFacts>): Map<string, string[]> {
  const sameFiles = lastGraph && lastGraph.entries.size === files.size && [...files.keys()].every((f) => lastGraph!.entries.has(f));
  if (!sameFiles) lastGraph = { modulePaths: new ModulePaths(files), entries: new Map() };
  const { modulePaths, entries } = lastGraph!;
  const graph = new Map<string, string[]>();
  for (const [file, facts] of files) {
    let entry = entries.get(file);
    if (entry?.facts !== facts) entries.set(file, (entry = { facts, targets: importsOf(file, facts, modulePaths, files.keys()) }));
    graph.set(file, entry.targets);
  }
  return graph;
}

function importsOf(file: string, facts: FileFacts, modulePaths: ModulePaths, allFiles: Iterable<string>): string[] {
  const targets = new Set<string>();
  // `from pkg import module` names a module too, not only `pkg/__init__.py`.
  const sources = facts.imports.flatMap(({ source, importedName }) =>
    /^\w+$/.test(importedName) && importedName !== 'default' && !source.includes('/')
      ? [source, `${source}${source.endsWith('.') ? '' : '.'}${importedName}`]
      : [source],
  );
  for (const source of sources) {
    const target = modulePaths.resolve(file, source);
    if (target && target !== file) targets.add(target);
  }
  // A script run from a loop is driven by that loop as an imported function would be.
  for (const call of facts.localCalls) {
    const target = call.launches ? modulePaths.launched(file, call.launches) : undefined;
    if (target && target !== file) targets.add(target);
  }
  // A request to one of the project's own routes reaches that route's handler.
  const routes = facts.localCalls.flatMap((c) => (c.requestsRoute ? [routeFilePattern(c.requestsRoute.path)] : []));
  if (routes.length) for (const other of allFiles) if (other !== file && routes.some((r) => r.test(other))) targets.add(other);
  return [...targets];
}

/** The findings on `file`, as a whole-workspace analysis would report them. */
export function analyzeChangedFile(input: AnalysisInput, file: string): Finding[] {
  return analyzeWorkspace({ ...input, files: filesAffecting(input.files, file) }).filter((f) => f.file === file);
}
