// A workload is the unit people act on: one loop or job with its calls, sinks and trainer. The
// rules report per rule (JSON and SARIF keep one result per rule, so CI and per-rule settings
// work); this module folds those per-rule findings back into workloads — one summary per workload
// for the JSON report, and one entry per workload per location for the editor's diagnostics —
// with a message that leads with the outcome and the volume and lists the rules as facets.
import type { Finding, ProviderId, Range, Severity } from '../types';
import { SEVERITY_POINTS, fingerprintOf } from '../score';
import { formatVolume, providerName } from '../rules/describe';
import { RULES_BY_ID } from '../rules';
import { redactSecrets } from '../secrets';

export interface WorkloadSummary {
  name: string;
  severity: Severity;
  /** Rule ids, strongest first. */
  rules: string[];
  volume: number | 'unbounded' | null;
  /** Files holding the workload's findings (driver, provider calls, trainer). */
  files: string[];
  providers: ProviderId[];
  /** Stable across edits: the workload's name and driver file. */
  fingerprint: string;
  /** The documented purpose, when an annotation in force documents it. */
  purpose?: string;
  /** Active (unsuppressed) findings behind the summary. */
  findings: number;
}

/** One rule of a workload at a location: what the hover and related information list. */
export interface WorkloadFacet {
  ruleId: string;
  title: string;
  severity: Severity;
  finding: Finding;
}

/** A workload at one location of one file: what the editor shows as one diagnostic. */
export interface WorkloadLocation {
  /** Key of the workload (name and driver file), shared by its locations. */
  workloadKey: string;
  workload: string;
  file: string;
  range: Range;
  severity: Severity;
  /** Strongest first; the first is the diagnostic's code. */
  facets: WorkloadFacet[];
  message: string;
  /** Places in other files that contributed, once each. */
  related: Finding['related'];
}

/**
 * What the workload looks like, by the strongest rule it triggers; the first row that matches
 * names the outcome the message leads with.
 */
const OUTCOMES: readonly [ruleId: string, outcome: string][] = [
  ['training-on-outputs', 'distillation-like'],
  ['credential-rotation', 'key pool'],
  ['system-prompt-extraction', 'system-prompt extraction'],
  ['logprob-extraction', 'logprob extraction'],
  ['reasoning-trace-harvest', 'reasoning harvest'],
  ['capability-coverage-sweep', 'capability sweep'],
  ['output-harvesting', 'output harvesting'],
  ['agent-trace-capture', 'agent-trace capture'],
  ['multi-model-harvest', 'multi-model harvest'],
  ['rate-limit-evasion', 'rate-limit evasion'],
  ['endpoint-rotation', 'endpoint rotation'],
  ['templated-prompt-sweep', 'templated sweep'],
  ['sampling-sweep', 'sampling sweep'],
  ['live-api-test-sweep', 'live API test sweep'],
  ['polling-loop', 'polling'],
  ['unbounded-fanout', 'fan-out'],
  ['bulk-generation-loop', 'bulk generation'],
  ['batch-without-clearance', 'large batch'],
  ['evaluation-call', 'evaluation'],
  ['missing-end-user-attribution', 'no end-user id'],
];

const EVAL_SIGNAL = 'scores outputs like an eval harness';
/** The training signal's text (score.ts): a workload whose outputs a trainer reads is distillation-like wherever it is shown. */
const TRAINER_SIGNAL = 'trainer in ';
const MAX_FACET_SIGNALS = 5;

const rank = (s: Severity) => SEVERITY_POINTS[s];

/** The file that drives the workload: named by the workload (`generate.py:main`) or pointed at as "driven from here". */
function driverFile(f: Finding): string {
  const driven = f.related.find((r) => r.message.startsWith('driven from here'));
  if (driven) return driven.file;
  const base = f.workload.split(':')[0];
  const candidates = [f.file, ...f.related.map((r) => r.file)];
  return candidates.find((c) => c.split('/').pop() === base) ?? f.file;
}

export function workloadKeyOf(f: Finding): string {
  return `${driverFile(f)}\u0000${f.workload}`;
}

function strongestFirst(a: Finding, b: Finding): number {
  return rank(b.severity) - rank(a.severity) || b.score - a.score || a.ruleId.localeCompare(b.ruleId);
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** One summary per workload with active findings, strongest first. */
export function workloadSummaries(findings: readonly Finding[]): WorkloadSummary[] {
  const active = findings.filter((f) => !f.suppressed);
  return [...groupBy(active, workloadKeyOf).values()]
    .map((group): WorkloadSummary => {
      const sorted = [...group].sort(strongestFirst);
      const top = sorted[0];
      const documented = sorted.find((f) => f.documentation)?.documentation;
      return {
        name: top.workload,
        severity: top.severity,
        rules: [...new Set(sorted.map((f) => f.ruleId))],
        volume: sorted.find((f) => f.volume !== null)?.volume ?? null,
        files: [...new Set(sorted.map((f) => f.file))].sort(),
        providers: [...new Set(sorted.map((f) => f.provider).filter((p) => p !== 'unknown'))],
        fingerprint: fingerprintOf('workload', driverFile(top), top.workload, ''),
        ...(documented ? { purpose: documented.purpose } : {}),
        findings: group.length,
      };
    })
    .sort((a, b) => rank(b.severity) - rank(a.severity) || a.name.localeCompare(b.name));
}

/**
 * One entry per workload per location (file and start line) for the findings given — already
 * filtered by the caller's display settings. Severity is the strongest rule's.
 */
export function workloadLocations(findings: readonly Finding[]): WorkloadLocation[] {
  const byLocation = groupBy([...findings], (f) => `${workloadKeyOf(f)}\u0000${f.file}\u0000${f.range.startLine}`);
  // The outcome is the whole workload's: its provider call is distillation-like even where the trainer is not seen.
  const rulesOfWorkload = new Map([...groupBy([...findings], workloadKeyOf)].map(([k, g]) => [k, new Set(g.map((f) => f.ruleId))]));
  const out: WorkloadLocation[] = [];
  for (const group of byLocation.values()) {
    const sorted = [...group].sort(strongestFirst);
    const top = sorted[0];
    const facets = uniqueByRule(sorted).map((f) => ({
      ruleId: f.ruleId,
      title: RULES_BY_ID.get(f.ruleId)?.meta.title ?? f.ruleId,
      severity: f.severity,
      finding: f,
    }));
    const related = new Map<string, Finding['related'][number]>();
    for (const f of sorted)
      for (const r of f.related) {
        const k = `${r.file}:${r.range.startLine}:${r.message}`;
        if (!related.has(k)) related.set(k, r);
      }
    out.push({
      workloadKey: workloadKeyOf(top),
      workload: top.workload,
      file: top.file,
      range: top.range,
      severity: top.severity,
      facets,
      message: workloadMessage(sorted, rulesOfWorkload.get(workloadKeyOf(top))),
      related: [...related.values()],
    });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.range.startLine - b.range.startLine || rank(b.severity) - rank(a.severity));
}

function uniqueByRule(sorted: Finding[]): Finding[] {
  const seen = new Set<string>();
  return sorted.filter((f) => !seen.has(f.ruleId) && seen.add(f.ruleId));
}

/**
 * "distillation-like: ~12,000 requests to Anthropic, thinking captured, written to distilled.jsonl;
 * trainer in train_sft.py". A single finding that is not about a workload (an annotation problem)
 * keeps its own message.
 */
export function workloadMessage(findings: readonly Finding[], workloadRules?: ReadonlySet<string>): string {
  const sorted = [...findings].sort(strongestFirst);
  const top = sorted[0];
  const rules = new Set([...(workloadRules ?? []), ...sorted.map((f) => f.ruleId)]);
  // A file shows only its own findings (live analysis): the trainer elsewhere still names the outcome.
  if (sorted.some((f) => f.signals.some((s) => s.startsWith(TRAINER_SIGNAL)))) rules.add('training-on-outputs');
  if (sorted.length === 1 && !top.volume && !OUTCOMES.some(([id]) => id === top.ruleId)) return top.message;
  const evalLike = sorted.some((f) => f.signals.includes(EVAL_SIGNAL));
  const outcome =
    (evalLike && ![...rules].some((r) => r === 'training-on-outputs' || r === 'credential-rotation') ? 'eval-like' : undefined) ??
    OUTCOMES.find(([id]) => rules.has(id))?.[1] ??
    RULES_BY_ID.get(top.ruleId)?.meta.title ??
    top.ruleId;
  const volume = sorted.find((f) => f.volume !== null)?.volume ?? null;
  const providers = [...new Set(sorted.map((f) => f.provider).filter((p) => p !== 'unknown'))].map(providerName);
  const head = [
    volume !== null ? (volume === 'unbounded' ? 'unbounded requests' : `~${formatVolume(volume)}`) : '',
    providers.length ? `to ${providers.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const said = new Set<string>();
  const facets: string[] = [];
  let training: string | undefined;
  for (const f of sorted) {
    for (const s of f.signals) {
      if (
        said.has(s) ||
        [...said].some((x) => x.startsWith(s) || s.startsWith(x)) ||
        s === EVAL_SIGNAL ||
        /^~[\d,.]+\w* requests$/.test(s) ||
        /^loop over /.test(s)
      )
        continue;
      said.add(s);
      if (s.startsWith(TRAINER_SIGNAL)) training ??= s;
      else facets.push(s);
    }
  }
  const driven = top.related.find((r) => r.message.startsWith('driven from here'));
  let message = `${outcome}: ${[head, ...facets.slice(0, MAX_FACET_SIGNALS)].filter(Boolean).join(', ')}`;
  if (training) message += `; ${training}`;
  if (driven) message += `; driven from ${driven.file}:${driven.range.startLine + 1}`;
  const documented = sorted.find((f) => f.documentation)?.documentation;
  if (documented) {
    message += ` — documented: ${shorten(documented.purpose)}`;
    if (documented.clearance) message += `; clearance: ${shorten(documented.clearance)}`;
    else if (rank(top.severity) > rank('info')) {
      message +=
        RULES_BY_ID.get(top.ruleId)?.meta.lowering === 'never'
          ? ' (key pools are reported whatever the annotation says)'
          : ' (severity kept until a clearance: is recorded)';
    }
  }
  return redactSecrets(message);
}

function shorten(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}
