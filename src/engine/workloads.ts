// Workloads: a driver (loop, fan-out, timer) plus the call sites it reaches and the sinks and
// training code around it. Rules and scoring reason per workload, so signals found in different
// files (loop in one, SDK call in a wrapper, jsonl write in a third) combine.
import type { FileFacts, ProviderId, Range, Repetition, Sink, TrainingSignal, UsageAnnotation } from './types';
import type { LinkedCallSite } from './workspace';
import { estimateVolume } from './facts/repetition';

export interface Workload {
  id: string;
  /** Human name: the driver function, or the file for module-level loops. */
  name: string;
  file: string;
  /** Where the driver is (first repeated call site; findings anchor here). */
  range: Range;
  enclosingFunction?: string;
  sites: LinkedCallSite[];
  providers: ProviderId[];
  /** Outermost-to-innermost repetitions of the first site, for messages. */
  repetition: Repetition[];
  volume: number | 'unbounded' | null;
  sinks: { file: string; sink: Sink }[];
  /** Training code anywhere in the workspace (repo-level signal). */
  training: { file: string; signal: TrainingSignal }[];
  annotation?: { file: string; annotation: UsageAnnotation };
  /** Looks like an evaluation harness (scores outputs) rather than a data generator. */
  evalLike: boolean;
  /** Looks like a test suite. */
  testLike: boolean;
}

const EVAL_WORDS = /\b(eval|evals|evaluate|evaluation|benchmark|bench|judge|grader|grade|score|scoring|accuracy|metric|metrics|harness|leaderboard|assert|regression)\b|(^|[/_-])(evals?|benchmarks?|judges?)([/_.-]|$)/i;

export function samplesPerCall(site: LinkedCallSite): number {
  const p = site.params;
  const pick = (v: number | 'dynamic' | undefined) => (typeof v === 'number' && v > 1 ? v : 1);
  return pick(p.n) * pick(p.bestOf) * pick(p.candidateCount);
}

export function buildWorkloads(sites: LinkedCallSite[], files: Map<string, FileFacts>): Workload[] {
  const groups = new Map<string, LinkedCallSite[]>();
  for (const site of sites) {
    if (site.repetition.length === 0 || site.provider === 'local') continue;
    // A call to a wrapper outside any loop adds no driver: the loop inside the wrapper is reported there.
    if (site.viaWrapper && site.callerRepetitions === 0) continue;
    const key = `${site.file}#${site.enclosingFunction ?? '<module>'}#${site.enclosingFunction ? '' : outermost(site.repetition).startLine}`;
    const list = groups.get(key) ?? [];
    list.push(site);
    groups.set(key, list);
  }
  const workloads: Workload[] = [];
  for (const [key, group] of groups) {
    group.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
    const first = group[0];
    const facts = files.get(first.file)!;
    const volumes = group.map((s) => estimateVolume(s.repetition, samplesPerCall(s)));
    const volume = volumes.includes('unbounded') ? 'unbounded' : volumes.reduce<number | null>((sum, v) => (typeof v === 'number' ? (sum ?? 0) + v : sum), null);
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
      sinks: sinksFor(group, files),
      training: [],
      annotation: annotationFor(first, facts),
      evalLike: false,
      testLike: group.every((s) => s.inTest),
    };
    workload.training = trainingFor(workload, files);
    workload.evalLike = isEvalLike(workload, facts);
    workloads.push(workload);
  }
  return workloads;
}

function outermost(reps: Repetition[]): Range {
  return reps[reps.length - 1].range;
}

/** Sinks in the driver's function and in the functions along the wrapper chain. */
function sinksFor(group: LinkedCallSite[], files: Map<string, FileFacts>): { file: string; sink: Sink }[] {
  const out: { file: string; sink: Sink }[] = [];
  const seen = new Set<Sink>();
  const add = (file: string, fn: string | undefined, anyInFileIfModule: boolean) => {
    const facts = files.get(file);
    if (!facts) return;
    for (const sink of facts.sinks) {
      if (seen.has(sink)) continue;
      const sameFn = sink.enclosingFunction === fn?.split('.').pop() || (fn === undefined && anyInFileIfModule);
      if (sameFn || (sink.writesModelOutput && sink.repetition.length > 0 && !sink.enclosingFunction)) {
        seen.add(sink);
        out.push({ file, sink });
      }
    }
  };
  for (const site of group) {
    add(site.file, site.enclosingFunction, true);
    if (site.viaWrapper) add(site.target.file, site.target.enclosingFunction, false);
  }
  return out;
}

const SCORE_TARGET = /score|metric|accuracy|eval_?results|report|summary|leaderboard|stats/i;

/** A sink that keeps model outputs as data (not scores, logs or reports). */
export function isHarvestSink(sink: Sink): boolean {
  return sink.writesModelOutput && !SCORE_TARGET.test(sink.target ?? '') && sink.format !== 'db' || (sink.format === 'dataset' && sink.writesModelOutput);
}

/**
 * Training code that consumes this workload's outputs: it names the same data file, or it sits
 * beside the workload when the output file name is not a literal.
 */
function trainingFor(w: Workload, files: Map<string, FileFacts>): { file: string; signal: TrainingSignal }[] {
  const harvested = w.sinks.filter(({ sink }) => isHarvestSink(sink));
  if (!harvested.length) return [];
  const targets = new Set(harvested.map(({ sink }) => sink.target?.split('/').pop()?.toLowerCase()).filter(Boolean) as string[]);
  const dir = w.file.includes('/') ? w.file.slice(0, w.file.lastIndexOf('/')) : '';
  const out: { file: string; signal: TrainingSignal }[] = [];
  for (const f of files.values()) {
    if (!f.training.length) continue;
    const fdir = f.file.includes('/') ? f.file.slice(0, f.file.lastIndexOf('/')) : '';
    const namesOutput = f.dataFiles.some((d) => targets.has(d) || [...targets].some((t) => t.includes('{') && d.endsWith(t.slice(t.lastIndexOf('.')))));
    const beside = targets.size === 0 && (fdir === dir || fdir.startsWith(dir + '/') || dir.startsWith(fdir + '/'));
    if (namesOutput || beside || f.file === w.file) out.push(...f.training.map((signal) => ({ file: f.file, signal })));
  }
  return out;
}

function annotationFor(site: LinkedCallSite, facts: FileFacts): { file: string; annotation: UsageAnnotation } | undefined {
  const covering = facts.annotations.filter((a) => covers(a.covers, site.range) || site.repetition.some((r) => covers(a.covers, r.range)));
  covering.sort((a, b) => (a.covers.endLine - a.covers.startLine) - (b.covers.endLine - b.covers.startLine));
  return covering[0] ? { file: facts.file, annotation: covering[0] } : undefined;
}

export function covers(outer: Range, inner: Range): boolean {
  return (outer.startLine < inner.startLine || (outer.startLine === inner.startLine && outer.startColumn <= inner.startColumn))
    && (outer.endLine > inner.endLine || (outer.endLine === inner.endLine && outer.endColumn >= inner.endColumn));
}

/** Eval harness: named like one and keeps scores rather than raw outputs. */
function isEvalLike(w: Workload, facts: FileFacts): boolean {
  const named = EVAL_WORDS.test(w.file) || EVAL_WORDS.test(w.enclosingFunction ?? '') || w.repetition.some((r) => /bench|eval|test_?set|mmlu|gsm8k|humaneval|cases/i.test(r.iterable.text));
  if (!named) return false;
  const harvests = w.sinks.some(({ sink }) => isHarvestSink(sink) && (sink.format === 'jsonl' || sink.format === 'dataset' || sink.format === 'parquet' || sink.format === 'csv'));
  void facts;
  return !harvests;
}
