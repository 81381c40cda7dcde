// The other direction of "findings where users read them": a script whose only job is to start a
// workload defined elsewhere (`evol.ingest(texts, "alpaca_evol")`, `Classifier(df).classify_all()`
// at the bottom of a CLI entry) has no loop and no provider call of its own, yet it is the file a
// user runs. Such an entry call carries the workload's findings too, with `related` pointing at the
// workload. Only files the analysis left without any finding of their own get the copies, and
// only calls made once from the program's entry (module level or a `main`), never from request
// handlers or tests.
import type { Finding, LocalCall } from './types';
import type { RuleHit } from './rules/types';
import type { WorkspaceIndex } from './workspace';
import type { FileFacts, FunctionFacts } from './types';
import type { FunctionRef } from './parameter-flow';

/** Functions that are a program's entry when a module calls them under its main guard. */
const ENTRY_FUNCTION = /^(main|_main|run|cli|start|run_main|async_main)$/;

function isEntryCall(call: LocalCall): boolean {
  if (call.repetition.length || call.inRequestHandler || call.inTest) return false;
  const fn = call.enclosingFunction;
  return fn === undefined || ENTRY_FUNCTION.test(fn.split('.').pop() ?? '');
}

/**
 * Copies of the workload findings on the entry calls that start their workload from another
 * file. `hits` pairs each finding with the hit it came from (for its workload).
 */
export function findingsOnEntryCalls(
  hits: { finding: Finding; hit: RuleHit }[],
  files: Map<string, FileFacts>,
  index: WorkspaceIndex,
): Finding[] {
  const reported = new Set(hits.filter(({ finding }) => finding.severity !== 'info').map(({ finding }) => finding.file));
  const byFunction = new Map<string, { finding: Finding; hit: RuleHit }[]>();
  for (const pair of hits) {
    const w = pair.hit.workload;
    if (!w?.enclosingFunction || pair.finding.severity === 'info') continue;
    const key = `${w.file}\u0000${w.enclosingFunction}`;
    byFunction.set(key, [...(byFunction.get(key) ?? []), pair]);
  }
  if (!byFunction.size) return [];
  const out: Finding[] = [];
  for (const [file, facts] of files) {
    if (reported.has(file)) continue;
    for (const call of facts.localCalls) {
      if (!isEntryCall(call)) continue;
      for (const ref of startedDrivers(file, call, index, byFunction)) {
        if (ref.file === file) continue;
        for (const { finding, hit } of byFunction.get(`${ref.file}\u0000${ref.fn.qualifiedName}`) ?? []) {
          const w = hit.workload!;
          out.push({
            ...finding,
            file,
            range: call.range,
            message: `Starts ${w.name} (${w.file}:${w.range.startLine + 1}): ${finding.message}`,
            fingerprint: '',
            related: [{ file: w.file, range: w.range, message: `the workload it starts: ${w.name}` }, ...finding.related],
            suppressed: false,
            suppression: undefined,
          });
        }
      }
    }
  }
  return out;
}

/** How far below the entry call a workload's driver may be (`generator.run()` → `_start_workers()`). */
const MAX_ENTRY_DEPTH = 3;

/**
 * The workload drivers an entry call starts: the function it calls when that function drives a
 * workload, else the first drivers found in the functions that one calls, a few calls down
 * (`GeneratorApp.run()` reading its data and then starting the worker pool that makes the calls).
 */
function startedDrivers(file: string, call: LocalCall, index: WorkspaceIndex, drivers: Map<string, unknown[]>): FunctionRef[] {
  const out: FunctionRef[] = [];
  const seen = new Set<FunctionFacts>();
  let level = index.resolveCall(file, call);
  // Only a call at module level looks further down: a `main()`'s own calls are entry calls too,
  // and a `run()` deep in a service is not where a user starts the program.
  const depthLimit = call.enclosingFunction === undefined ? MAX_ENTRY_DEPTH : 1;
  for (let depth = 0; depth < depthLimit && level.length && !out.length; depth++) {
    const next: FunctionRef[] = [];
    for (const ref of level) {
      if (seen.has(ref.fn)) continue;
      seen.add(ref.fn);
      if (drivers.has(`${ref.file}\u0000${ref.fn.qualifiedName}`)) out.push(ref);
      // A `main()` of the entry file is an entry of its own: its calls are looked at where they are.
      else if (ref.file === file && ENTRY_FUNCTION.test(ref.fn.name)) continue;
      // Calls made in a loop of the function are workloads of that function, found where they are.
      // Only calls that reach one function are followed: a call through a base class reaches every
      // implementation, and which one runs is not known from here.
      else
        for (const inner of ref.fn.calls) {
          if (inner.repetition.length) continue;
          const callees = index.resolveCall(ref.file, inner);
          if (callees.length === 1) next.push(callees[0]);
        }
    }
    level = next;
  }
  return out;
}
