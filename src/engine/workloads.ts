// Workloads: a driver (loop, fan-out, timer) plus the call sites it reaches and the sinks,
// prompts and training code around it. Rules and scoring reason per workload, so signals found
// in different files (loop in one, SDK call in a wrapper, jsonl write in a third) combine.
import type {
  ControlLoopKind,
  FileFacts,
  LocalCall,
  PromptFeature,
  ProviderId,
  Range,
  Repetition,
  Sink,
  TrainingSignal,
  UsageAnnotation,
} from './types';
import type { LinkedCallSite, WorkspaceIndex } from './workspace';
import { estimateVolume } from './facts/repetition';
import { fileCallGroups } from './file-call-graph';
import { bulkRequestOf, capabilityLoopOf, graderOf, isEvalLike, modelSweepOf, temperatureSweepOf, trainingFor } from './workload-traits';
import escapeRegExp from 'escape-string-regexp';

/** A call site as rules see it: control loops (agent, retry, conversation) moved out of `repetition`. */
export interface AnalysedSite extends LinkedCallSite {
  /** Control loops the call runs inside, innermost first. */
  controlLoops: ControlLoopKind[];
}

export interface HarvestSink {
  file: string;
  sink: Sink;
  /** Strong: a dataset format, training-shaped records or a dataset-like name; weak: other output files. */
  strength: 'strong' | 'weak';
}

export interface Workload {
  id: string;
  /** Human name: the driver function, or the file for module-level loops. */
  name: string;
  file: string;
  /** Where the driver is (first repeated call site; findings anchor here). */
  range: Range;
  enclosingFunction?: string;
  sites: AnalysedSite[];
  providers: ProviderId[];
  /** Innermost-to-outermost data repetitions of the first site, for messages. */
  repetition: Repetition[];
  volume: number | 'unbounded' | null;
  sinks: { file: string; sink: Sink }[];
  /** The sink that keeps model outputs as data, strongest first. */
  harvest?: HarvestSink;
  /** Training code that consumes the harvested outputs. */
  training: { file: string; signal: TrainingSignal }[];
  /** Prompt text features in the files of the driver and of the wrappers it reaches. */
  promptFeatures: { file: string; feature: PromptFeature }[];
  /** A loop over a list of capabilities, skills, tasks, domains or benchmarks. */
  capabilityLoop?: Repetition;
  /** A loop over models or providers, or several models called in one loop. */
  modelSweep?: { text: string; file: string; range: Range };
  /** A loop over temperatures or seeds. */
  temperatureSweep?: Repetition;
  /** One request asks for many items ("generate 100 question-answer pairs", a list schema of examples). */
  bulkRequest?: { count: number | 'dynamic'; text: string; file: string; range: Range };
  /** Calls run inside an agent loop once per item: trajectories, not single answers. */
  agentInside: boolean;
  annotation?: { file: string; annotation: UsageAnnotation };
  /** Looks like an evaluation harness (scores outputs) rather than a data generator. */
  evalLike: boolean;
  /** A grader in another workspace file reads the outputs (`gen_judgment.py` reading the answers' folder). */
  gradedIn?: string;
  /** Looks like a test suite. */
  testLike: boolean;
}

/** Scores, logs and human-readable reports (a markdown answer, an HTML page) are not datasets. */
const SCORE_TARGET = /score|metric|accuracy|eval_?results|report|summary|leaderboard|stats|\blogs?\b|\.log$|debug|\.(md|markdown|html?)$/i;
/** Project files rewritten in place (`pyproject.toml`, a lockfile, a Dockerfile): never a dataset. */
const PROJECT_FILE_TARGET = /\.(toml|cfg|ini|lock|env)$|(^|\/)(Dockerfile|Makefile|\.gitignore)$/i;
const DATASET_TARGET = new RegExp(
  'train|sft|distill|dataset|synthetic|generated|pairs|instruct|teacher|responses|outputs|completions|samples|corpus|' +
    String.raw`dpo|preference|traces|reasoning|cot|qa\b`,
  'i',
);
const OFFLINE_SOURCE =
  /load_dataset|read_csv|read_json|read_parquet|open\(|readFileSync|readlines|glob|listdir|iterdir|jsonlines|datasets\./;

export function samplesPerCall(site: LinkedCallSite): number {
  const p = site.params;
  const pick = (v: number | 'dynamic' | undefined) => (typeof v === 'number' && v > 1 ? v : 1);
  return pick(p.n) * pick(p.bestOf) * pick(p.candidateCount);
}

/**
 * Thinking blocks and Gemini thoughts come back with the answer; OpenAI's `reasoning` only sets
 * effort unless the workload saves reasoning content too.
 */
export function capturesReasoning(site: LinkedCallSite, w?: Workload): boolean {
  return !!(site.params.thinking || site.params.includeThoughts || (site.params.reasoning && w?.harvest?.sink.writesReasoning));
}

/** Moves agent, retry and conversation loops out of each site's repetition (they are not sweeps). */
export function separateControlLoops(sites: LinkedCallSite[], files: Map<string, FileFacts>): AnalysedSite[] {
  const control = new Map<string, ControlLoopKind>();
  for (const facts of files.values()) {
    for (const loop of facts.controlLoops ?? []) control.set(`${facts.file}#${rangeKey(loop.range)}`, loop.kind);
  }
  return sites.map((site) => {
    const files = [site.file, site.target.file];
    const kindOf = (r: Repetition) => files.map((f) => control.get(`${f}#${rangeKey(r.range)}`)).find(Boolean);
    const callerStart = site.repetition.length - site.callerRepetitions;
    const kept: Repetition[] = [];
    const loops: ControlLoopKind[] = [];
    let callerKept = 0;
    site.repetition.forEach((r, i) => {
      const kind = kindOf(r);
      if (kind) loops.push(kind);
      else {
        kept.push(r);
        if (i >= callerStart) callerKept++;
      }
    });
    return { ...site, repetition: kept, callerRepetitions: callerKept, controlLoops: loops };
  });
}

function rangeKey(r: Range): string {
  return `${r.startLine}:${r.startColumn}:${r.endLine}:${r.endColumn}`;
}

/**
 * Whether a site drives bulk work: 'bulk', 'per-request' (a loop that runs once per request over
 * one user's items, kept only when its workload writes a dataset), or false.
 */
function drivesBulkWork(site: AnalysedSite, perRequest: boolean): 'bulk' | 'per-request' | false {
  if (site.repetition.length === 0 || site.provider === 'local') return false;
  if (site.api === 'count_tokens' || site.api === 'files') return false;
  // Embedding a corpus is a batch job worth a low note (scoring keeps it at medium at most);
  // embedding what one request brings is the product's own work.
  if (site.api === 'embeddings' && perRequest) return false;
  // A call to a wrapper outside any loop adds no driver: the loop inside the wrapper is reported there.
  if (site.viaWrapper && site.callerRepetitions === 0) return false;
  if (perRequest)
    return site.repetition.some((r) => r.iterable.kind === 'file-lines' || r.iterable.offline || OFFLINE_SOURCE.test(r.iterable.text))
      ? 'bulk'
      : 'per-request';
  return 'bulk';
}

const MAX_HANDLER_DEPTH = 25;

/**
 * Functions called only from request handlers (directly or through other such functions, across
 * files): their loops serve one request, like loops written inside the handler. A function with
 * no caller in the workspace may be a script's entry point, so it is not one of them.
 */
function handlerOnly(
  files: Map<string, FileFacts>,
  index: WorkspaceIndex | undefined,
  callers: ReturnType<typeof callersByName>,
): (file: string, fn: string | undefined) => boolean {
  const memo = new Map<string, boolean>();
  const check = (file: string, fn: string | undefined, depth: number): boolean => {
    if (!index || !fn || depth > MAX_HANDLER_DEPTH) return false;
    const key = `${file}#${fn}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    memo.set(key, false); // cycles do not prove anything
    const leaf = fn.split('.').pop()!;
    const calls = callers(leaf).filter(({ file: from, call }) =>
      index.resolveCall(from, call).some((ref) => ref.file === file && ref.fn.qualifiedName === fn),
    );
    const result =
      calls.length > 0 &&
      calls.every(({ file: from, call }) => (call.inRequestHandler && !call.inTest) || check(from, call.enclosingFunction, depth + 1));
    memo.set(key, result);
    return result;
  };
  return (file, fn) => !!files.get(file) && check(file, fn, 0);
}

/** A harvest a per-request loop cannot explain away: model outputs written as a dataset file. */
function datasetHarvest(harvest: HarvestSink | undefined, group: AnalysedSite[]): boolean {
  if (!harvest || !harvest.sink.writesModelOutput) return false;
  // The write sits in the loop, or in the named function of a site or of its wrapper.
  const fns = new Set(
    group
      .flatMap((s) => [s.enclosingFunction, s.target.enclosingFunction])
      .filter(Boolean)
      .map((f) => f!.split('.').pop()),
  );
  const inLoop = group.some((s) => s.repetition.length > 0 && covers(outermost(s.repetition), harvest.sink.range));
  if (!inLoop && !(harvest.sink.enclosingFunction && fns.has(harvest.sink.enclosingFunction))) return false;
  return (
    harvest.sink.format === 'jsonl' || harvest.sink.format === 'dataset' || harvest.sink.format === 'parquet' || !!harvest.sink.writesPairs
  );
}

/** Groups the sites that drive bulk work; plain linked sites get their control loops separated first. */
export function buildWorkloads(
  input: (LinkedCallSite | AnalysedSite)[],
  files: Map<string, FileFacts>,
  index?: WorkspaceIndex,
  lineText?: LineReader,
): Workload[] {
  const sites = input.map((s) => ('controlLoops' in s ? s : separateControlLoops([s], files)[0]));
  const groups = new Map<string, AnalysedSite[]>();
  const callers = callersByName(files);
  const reachedOnlyFromHandlers = handlerOnly(files, index, callers);
  const perRequestSites = new Set<AnalysedSite>();
  for (const site of sites) {
    const perRequest = !!site.inRequestHandler || (!site.inTest && reachedOnlyFromHandlers(site.file, site.enclosingFunction));
    const drives = drivesBulkWork(site, perRequest);
    if (!drives) continue;
    if (drives === 'per-request') perRequestSites.add(site);
    const moduleLoop = site.enclosingFunction ? '' : outermost(site.repetition).startLine;
    const key = `${site.file}#${site.enclosingFunction ?? '<module>'}#${moduleLoop}`;
    groups.set(key, [...(groups.get(key) ?? []), site]);
  }
  const workloads: Workload[] = [];
  for (const [key, initial] of groups) {
    let group = initial;
    group.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
    let sinks = sinksFor(group, files, index, callers);
    // Per-request loops (in a handler, or in helpers only handlers reach) are product traffic
    // unless the workload writes model outputs as a dataset.
    if (group.some((s) => perRequestSites.has(s)) && !datasetHarvest(strongestHarvest(sinks), group)) {
      group = group.filter((s) => !perRequestSites.has(s));
      if (!group.length) continue;
      sinks = sinksFor(group, files, index, callers);
    }
    const first = group[0];
    const facts = files.get(first.file)!;
    const volumes = group.map((s) => estimateVolume(s.repetition, samplesPerCall(s)));
    const volume = volumes.includes('unbounded')
      ? 'unbounded'
      : volumes.reduce<number | null>((sum, v) => (typeof v === 'number' ? (sum ?? 0) + v : sum), null);
    const baseName = first.file.split('/').pop()!;
    const workload: Workload = {
      id: key,
      name: first.enclosingFunction ? `${baseName}:${first.enclosingFunction}` : `${baseName}:${outermost(first.repetition).startLine + 1}`,
      file: first.file,
      range: first.range,
      enclosingFunction: first.enclosingFunction,
      sites: group,
      providers: [...new Set(group.map((s) => s.provider))],
      repetition: first.repetition,
      volume,
      sinks,
      // Vectors written to a file are an index, not model text kept as data.
      harvest: group.every((s) => s.api === 'embeddings') ? undefined : strongestHarvest(sinks),
      training: [],
      promptFeatures: featuresFor(group, files, lineText, index),
      agentInside: group.some((s) => s.controlLoops.includes('agent')),
      annotation: annotationFor(first, facts),
      evalLike: false,
      testLike: group.every((s) => s.inTest),
    };
    workload.capabilityLoop = capabilityLoopOf(workload);
    workload.modelSweep = modelSweepOf(workload);
    workload.temperatureSweep = temperatureSweepOf(workload);
    workload.bulkRequest = bulkRequestOf(workload);
    workload.training = trainingFor(workload, files);
    workload.gradedIn = graderOf(workload, files);
    workload.evalLike = isEvalLike(workload);
    workloads.push(workload);
  }
  return workloads;
}

function outermost(reps: Repetition[]): Range {
  return reps[reps.length - 1].range;
}

/**
 * Sinks in the driver's function and along the wrapper chain; failing those, output writes
 * elsewhere in the driver's file or in the functions that call the driver.
 */
/**
 * Local calls by the last segment of their name, in file order, built on first use: looking for a
 * driver's callers by walking every call of the workspace for each workload is quadratic.
 */
export function callersByName(files: Map<string, FileFacts>): (name: string) => { file: string; call: LocalCall }[] {
  let byName: Map<string, { file: string; call: LocalCall }[]> | undefined;
  return (name) => {
    if (!byName) {
      byName = new Map();
      for (const facts of files.values()) {
        for (const call of facts.localCalls) {
          // `from .simple_task import generate as generate_simple_task`: a caller of `generate` too.
          const leaves = new Set([call.name.split('.').pop()!, call.importedName?.split('.').pop() ?? '']);
          for (const leaf of leaves) {
            if (!leaf || leaf === 'default' || leaf === '*') continue;
            const list = byName.get(leaf) ?? [];
            list.push({ file: facts.file, call });
            byName.set(leaf, list);
          }
        }
      }
    }
    return byName.get(name) ?? [];
  };
}

export function sinksFor(
  group: AnalysedSite[],
  files: Map<string, FileFacts>,
  index: WorkspaceIndex | undefined,
  callers: ReturnType<typeof callersByName>,
): { file: string; sink: Sink }[] {
  const out: { file: string; sink: Sink }[] = [];
  const seen = new Set<Sink>();
  const sinksOf = (file: string) => index?.sinksOf(file) ?? files.get(file)?.sinks ?? [];
  const add = (file: string, keep: (sink: Sink) => boolean) => {
    for (const sink of sinksOf(file)) {
      if (seen.has(sink) || !keep(sink)) continue;
      seen.add(sink);
      out.push({ file, sink });
    }
  };
  const inFunction = (fn: string | undefined) => (sink: Sink) => sink.enclosingFunction === fn?.split('.').pop();
  // A write in another arm of a conditional than the call runs in another pass (`elif stage == 2:`).
  const sameArm = (site: AnalysedSite) => (sink: Sink) => !inOtherArm(files.get(site.file), site.range, sink.range);
  for (const site of group) {
    // `out.write(json.dumps({"response": generate(x)}))`: the write holds the call itself.
    for (const sink of sinksOf(site.file)) {
      if (seen.has(sink) || sink.writesModelOutput || !covers(sink.range, site.range)) continue;
      seen.add(sink);
      out.push({ file: site.file, sink: { ...sink, writesModelOutput: true, writesPairs: sink.pairShaped } });
    }
    add(site.file, (sink) => inFunction(site.enclosingFunction)(sink) && sameArm(site)(sink));
    if (site.viaWrapper) add(site.target.file, (s) => inFunction(site.target.enclosingFunction)(s) && s.writesModelOutput);
  }
  if (out.some(({ sink }) => sink.writesModelOutput)) return out;
  // Elsewhere in the file, in code the workload's function works with (it calls it, is called by
  // it, or shares a caller), but not in another function that makes its own provider calls: those
  // writes belong to that function's workload.
  const own = new Set(group.map((s) => s.enclosingFunction?.split('.').pop()));
  for (const site of group) {
    const facts = files.get(site.file);
    if (!facts) continue;
    const others = new Set(facts.callSites.map((c) => c.enclosingFunction?.split('.').pop()).filter((fn) => fn && !own.has(fn)));
    const linked = fileCallGroups(facts);
    const from = site.enclosingFunction?.split('.').pop();
    add(
      site.file,
      (sink) =>
        sink.writesModelOutput &&
        !(sink.enclosingFunction && others.has(sink.enclosingFunction)) &&
        linked(from, sink.enclosingFunction) &&
        sameArm(site)(sink),
    );
  }
  if (!out.some(({ sink }) => sink.writesModelOutput) && group[0].enclosingFunction && index)
    callerSinks(group[0].file, group[0].enclosingFunction, index, callers, add);
  return out;
}

/** Generators handing on another generator's items (`async for item in f(x): yield item`), followed this deep. */
const MAX_FORWARDS = 3;

/**
 * Output writes in the functions that call the driver, and in the callers of those that hand the
 * driver's results on as their own (a category's generator forwarding a shared one's items).
 */
function callerSinks(
  file: string,
  fnName: string,
  index: WorkspaceIndex,
  callers: ReturnType<typeof callersByName>,
  add: (file: string, keep: (sink: Sink) => boolean) => void,
  depth = 0,
): void {
  const leaf = fnName.split('.').pop()!;
  const byName = callers(leaf).filter(({ file: from, call }) =>
    index.resolveCall(from, call).some((ref) => ref.file === file && (depth === 0 || ref.fn.qualifiedName === fnName)),
  );
  // A generator picked from a table of them (`async for item in method_map[category](self)`) has
  // no caller by its own name: the table's caller is found through the arguments it binds.
  const throughTables = index.callersOf(file, fnName).filter(({ call }) => call.calleeTable);
  for (const { file: from, call } of [...byName, ...throughTables]) {
    add(from, (sink) => sink.writesModelOutput && sink.enclosingFunction === call.enclosingFunction?.split('.').pop());
    if (call.forwardsResults && call.enclosingFunction && depth < MAX_FORWARDS)
      callerSinks(from, call.enclosingFunction, index, callers, add, depth + 1);
  }
}

/** A sink that keeps model outputs as data (not scores, logs or reports). */
export function isHarvestSink(sink: Sink): boolean {
  if (!sink.writesModelOutput || sink.format === 'db') return false;
  return sink.format === 'dataset' || !(SCORE_TARGET.test(sink.target ?? '') || PROJECT_FILE_TARGET.test(sink.target ?? ''));
}

function harvestStrength(sink: Sink): 'strong' | 'weak' {
  const format = sink.format === 'jsonl' || sink.format === 'dataset' || sink.format === 'parquet' || sink.format === 'pickle';
  return format || sink.writesPairs || sink.writesReasoning || sink.namedAsTrainingData || DATASET_TARGET.test(sink.target ?? '')
    ? 'strong'
    : 'weak';
}

export function strongestHarvest(sinks: { file: string; sink: Sink }[]): HarvestSink | undefined {
  const harvested = sinks.filter(({ sink }) => isHarvestSink(sink)).map((s) => ({ ...s, strength: harvestStrength(s.sink) }));
  return harvested.find((h) => h.strength === 'strong') ?? harvested[0];
}

/** Reads one line of a workspace file (0-based); lets workloads see which constants a driver uses. */
export type LineReader = (file: string, line: number) => string;

/**
 * Prompt features the workload uses: those inside the driver's or the wrapper's function, module
 * constants those functions mention (also when imported from another file), and functions they
 * call. Without a line reader every feature of the files involved counts.
 */
export function featuresFor(
  group: AnalysedSite[],
  files: Map<string, FileFacts>,
  lineText?: LineReader,
  index?: WorkspaceIndex,
): { file: string; feature: PromptFeature }[] {
  const out: { file: string; feature: PromptFeature }[] = [];
  const seen = new Set<PromptFeature>();
  const add = (file: string, feature: PromptFeature) => {
    if (seen.has(feature)) return;
    seen.add(feature);
    out.push({ file, feature });
  };
  for (const site of group) {
    const scopes: [string, string | undefined, Range | undefined][] = [
      [site.file, site.enclosingFunction, site.repetition.length ? outermost(site.repetition) : undefined],
      [site.target.file, site.target.enclosingFunction, undefined],
    ];
    for (const [file, fnName, moduleScope] of scopes) {
      const facts = files.get(file);
      if (!facts) continue;
      const scope = (fnName ? facts.functions.find((f) => f.qualifiedName === fnName)?.range : undefined) ?? moduleScope;
      if (!lineText || !scope) {
        for (const feature of facts.promptFeatures) add(file, feature);
        continue;
      }
      const text = rangeText(lineText, file, scope);
      const mentioned = (name: string) => new RegExp(`\\b${escapeRegExp(name)}\\b`).test(text);
      for (const feature of facts.promptFeatures) {
        if (feature.kind === 'capability-list' || feature.kind === 'model-list' || covers(scope, feature.range)) add(file, feature);
        else if (feature.assignedTo && mentioned(feature.assignedTo)) add(file, feature);
        else {
          const helper = facts.functions
            .filter((f) => covers(f.range, feature.range))
            .sort((a, b) => a.range.endLine - a.range.startLine - (b.range.endLine - b.range.startLine))[0];
          if (helper && mentioned(helper.name)) add(file, feature);
        }
      }
      // `from prompts import EVOLVE_PROMPT`: the constant lives in another workspace file.
      for (const imp of facts.imports) {
        if (!index || !mentioned(imp.localName)) continue;
        const source = index.resolveModule(file, imp.source);
        for (const feature of source ? (files.get(source)?.promptFeatures ?? []) : []) {
          if (feature.assignedTo === imp.importedName || feature.kind === 'capability-list' || feature.kind === 'model-list')
            add(source!, feature);
        }
      }
    }
  }
  return out;
}

const MAX_SCOPE_LINES = 400;

function rangeText(lineText: LineReader, file: string, range: Range): string {
  const lines: string[] = [];
  for (let i = range.startLine; i <= Math.min(range.endLine, range.startLine + MAX_SCOPE_LINES); i++) lines.push(lineText(file, i));
  return lines.join('\n');
}

export function annotationFor(site: LinkedCallSite, facts: FileFacts): { file: string; annotation: UsageAnnotation } | undefined {
  const covering = facts.annotations.filter((a) => covers(a.covers, site.range) || site.repetition.some((r) => covers(a.covers, r.range)));
  covering.sort((a, b) => a.covers.endLine - a.covers.startLine - (b.covers.endLine - b.covers.startLine));
  return covering[0] ? { file: facts.file, annotation: covering[0] } : undefined;
}

/** `a` and `b` sit in different arms of one conditional of the file (`FileFacts.exclusiveArms`). */
function inOtherArm(facts: FileFacts | undefined, a: Range, b: Range): boolean {
  for (const arms of facts?.exclusiveArms ?? []) {
    const armOfA = arms.findIndex((arm) => covers(arm, a));
    const armOfB = arms.findIndex((arm) => covers(arm, b));
    if (armOfA >= 0 && armOfB >= 0 && armOfA !== armOfB) return true;
  }
  return false;
}

export function covers(outer: Range, inner: Range): boolean {
  return (
    (outer.startLine < inner.startLine || (outer.startLine === inner.startLine && outer.startColumn <= inner.startColumn)) &&
    (outer.endLine > inner.endLine || (outer.endLine === inner.endLine && outer.endColumn >= inner.endColumn))
  );
}
