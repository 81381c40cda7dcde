// Co-occurrence scoring: a rule hit's base severity covers the rule's own evidence; the other
// signals of its workload raise it (harvesting, training, reasoning capture, capability sweeps,
// samples, models, fan-out, volume) or lower it (eval harness, tests, a documented purpose).
import { SEVERITIES, type Finding, type Repetition, type Severity } from './types';
import type { RuleHit, RuleMeta, Signal } from './rules/types';
import { capturesReasoning, type Workload } from './workloads';
import { formatCount, formatVolume, providerName } from './rules/describe';
import { redactSecrets } from './secrets';
import { documentationLowers, documentationOf, type Documentation } from './annotation-effects';
import { hasRealPurpose } from './facts/comments';
import { SIGNAL_POINTS, type SignalKey } from './signals';
import { createHash } from 'node:crypto';

export const SEVERITY_POINTS: Record<Severity, number> = { critical: 80, high: 60, medium: 40, low: 20, info: 0 };

export function severityOfScore(score: number): Severity {
  return SEVERITIES.find((s) => score >= SEVERITY_POINTS[s]) ?? 'info';
}

function dataLoops(w: Workload): Repetition[] {
  return w.sites.flatMap((s) => s.repetition).filter((r) => r.kind !== 'timer' && r.kind !== 'infinite' && r.kind !== 'queue');
}

/** Every data loop of the workload walks the chunks of one input its function was handed. */
function perInput(w: Workload): boolean {
  const loops = dataLoops(w);
  return (
    loops.some((r) => r.iterable.perInput) &&
    !loops.some((r) => r.iterable.kind === 'dataset' || r.iterable.kind === 'file-lines' || r.iterable.kind === 'product')
  );
}

/** Every data loop of the workload walks the parts of one model response: an agent's step, not a sweep. */
function oneResponse(w: Workload): boolean {
  const loops = dataLoops(w);
  return loops.length > 0 && loops.every((r) => r.iterable.ofOneResponse);
}

export interface ScoringOptions {
  /** Requests per run above which volume escalates. */
  volumeThreshold: number;
  /**
   * What the annotation in force that documents the hit says (decided by the caller, which knows
   * today's date); null when none does. Left out, the hit's workload annotation is read.
   */
  documentation?: Documentation | null;
}

export const DEFAULT_SCORING: ScoringOptions = { volumeThreshold: 10_000 };

/** Workload-level signals every finding of the workload carries. */
export function workloadSignals(w: Workload, options: ScoringOptions = DEFAULT_SCORING): Signal[] {
  const out: Signal[] = [];
  const wrapped = w.sites.find((s) => s.viaWrapper);
  if (wrapped?.viaWrapper)
    out.push({
      key: 'wrapper',
      text: `via ${wrapped.viaWrapper.chain.join(' → ')}`,
      file: wrapped.target.file,
      range: wrapped.target.range,
    });
  const reasoning = w.sites.find((s) => capturesReasoning(s, w));
  const elicits = w.promptFeatures.find(({ feature }) => feature.kind === 'reasoning-elicitation');
  if (reasoning) {
    out.push({
      key: 'reasoning',
      text: reasoning.params.includeThoughts
        ? 'thoughts included'
        : reasoning.params.thinking
          ? 'thinking captured'
          : 'reasoning requested',
      file: reasoning.target.file,
      range: reasoning.target.range,
    });
  } else if (elicits) {
    out.push({ key: 'reasoning', text: 'prompt asks for step-by-step reasoning', file: elicits.file, range: elicits.feature.range });
  } else if (w.harvest?.sink.writesReasoning) {
    out.push({ key: 'reasoning', text: 'reasoning saved', file: w.harvest.file, range: w.harvest.sink.range });
  }
  if (w.harvest) {
    const { sink, file, strength } = w.harvest;
    out.push({
      key: strength === 'strong' ? 'harvest' : 'harvest-weak',
      text: `written to ${sink.target ?? sink.format}`,
      file,
      range: sink.range,
    });
    if (sink.writesPairs) out.push({ key: 'pairs', text: 'saved as prompt/response records', file, range: sink.range });
    else if (sink.namedAsTrainingData) out.push({ key: 'pairs', text: 'the records are named as training data', file, range: sink.range });
  }
  if (w.harvest && w.training.length) {
    const t = w.training[0];
    out.push({ key: 'training', text: `trainer in ${t.file}`, file: t.file, range: t.signal.range });
  }
  if (w.capabilityLoop) {
    const name = w.capabilityLoop.iterable.names[0]?.split('.').pop() ?? 'a capability list';
    out.push({
      key: 'capability',
      text: `sweeps ${name}${w.capabilityLoop.iterable.count ? ` (${formatCount(w.capabilityLoop.iterable.count)})` : ''}`,
      file: w.file,
      range: w.capabilityLoop.range,
    });
  }
  const mutation =
    w.promptFeatures.find(({ feature }) => feature.kind === 'seed-task-mutation') ??
    w.promptFeatures.find(({ feature }) => feature.kind === 'data-generation');
  if (mutation) {
    out.push({
      key: 'synthetic',
      text: mutation.feature.kind === 'seed-task-mutation' ? 'self-instruct/evol-instruct prompt' : 'prompt asks for generated examples',
      file: mutation.file,
      range: mutation.feature.range,
    });
  }
  if (w.bulkRequest) {
    const { count, text, file, range } = w.bulkRequest;
    out.push({
      key: 'bulk-request',
      text: typeof count === 'number' ? `asks for ${formatCount(count)} items per request` : `asks for many items per request ("${text}")`,
      file,
      range,
    });
  }
  const rubric = w.promptFeatures.find(({ feature }) => feature.kind === 'rubric-grading');
  if (rubric && w.harvest?.strength === 'strong')
    out.push({ key: 'preference', text: 'grades or ranks responses and keeps them', file: rubric.file, range: rubric.feature.range });
  const samples = w.sites.find((s) => [s.params.n, s.params.bestOf, s.params.candidateCount].some((v) => typeof v === 'number' && v > 1));
  if (samples)
    out.push({ key: 'multi-sample', text: 'several samples per prompt', file: samples.target.file, range: samples.target.range });
  if (w.modelSweep) out.push({ key: 'multi-model', text: w.modelSweep.text, file: w.modelSweep.file, range: w.modelSweep.range });
  if (w.temperatureSweep)
    out.push({ key: 'temperature-sweep', text: 'sweeps temperatures or seeds', file: w.file, range: w.temperatureSweep.range });
  const logprobs = w.sites.find((s) => s.params.logprobs || s.params.topLogprobs || s.params.logitBias);
  if (logprobs)
    out.push({
      key: 'logprobs',
      text: logprobs.params.logitBias ? 'logit_bias set' : 'logprobs requested',
      file: logprobs.target.file,
      range: logprobs.target.range,
    });
  if (w.sites.some((s) => s.repetition.some((r) => r.concurrent && !r.limited)))
    out.push({ key: 'fanout', text: 'concurrent with no limit' });
  if (typeof w.volume === 'number' && w.volume >= options.volumeThreshold) out.push({ key: 'volume', text: `~${formatVolume(w.volume)}` });
  if (w.evalLike) out.push({ key: 'eval', text: w.gradedIn ? `outputs graded in ${w.gradedIn}` : 'scores outputs like an eval harness' });
  if (w.testLike) out.push({ key: 'test', text: 'in tests' });
  return out;
}

export interface ScoredHit {
  severity: Severity;
  score: number;
  signals: Signal[];
  annotated: boolean;
  /** The documentation capped the severity at info (the rule's `lowering` allowed it). */
  lowered: boolean;
  documentation?: Documentation;
}

export function scoreHit(hit: RuleHit, meta: RuleMeta, options: ScoringOptions = DEFAULT_SCORING): ScoredHit {
  let score = SEVERITY_POINTS[hit.severity ?? meta.severity];
  // The rule's own evidence is what its base severity stands for; only other signals escalate.
  const own = new Set(hit.signals.map((s) => s.key));
  const signals = [...hit.signals];
  if (hit.workload) {
    for (const s of workloadSignals(hit.workload, options))
      if (!own.has(s.key) && !(s.key === 'harvest-weak' && own.has('harvest'))) signals.push(s);
  }
  const counted = new Set<string>();
  for (const s of signals) {
    if (own.has(s.key) || counted.has(s.key)) continue;
    counted.add(s.key);
    score += SIGNAL_POINTS[s.key];
  }
  // An eval harness or test suite that keeps no outputs as data stays below medium; one that keeps
  // its raw answers is capped at medium. A graded eval is still worth pre-clearing: never below low.
  const keeps = counted.has('harvest') || own.has('harvest');
  if (counted.has('eval') || counted.has('test'))
    score = Math.min(score, keeps && counted.has('eval') ? SEVERITY_POINTS.high - 1 : keeps ? score : SEVERITY_POINTS.medium - 1);
  if (counted.has('eval')) score = Math.max(score, SEVERITY_POINTS.low);
  // Vectors are not text a model could learn from: an embedding batch stays below high.
  if (hit.workload?.sites.length && hit.workload.sites.every((s) => s.api === 'embeddings'))
    score = Math.min(score, SEVERITY_POINTS.high - 1);
  // Chunks of one input (a subtitle file translated piece by piece) are one request's worth of work
  // spread over calls: low, unless the pieces are turned into training-shaped data.
  if (
    hit.workload &&
    perInput(hit.workload) &&
    !['synthetic', 'training', 'pairs', 'bulk-request'].some((k) => counted.has(k as SignalKey))
  )
    score = Math.min(score, SEVERITY_POINTS.medium - 1);
  // The tool calls of one answer, run as the agent was asked: nothing above info unless kept as training data.
  if (hit.workload && oneResponse(hit.workload) && !['synthetic', 'training', 'pairs'].some((k) => counted.has(k as SignalKey)))
    score = Math.min(score, SEVERITY_POINTS.low - 1);
  score = Math.max(0, Math.min(100, score));
  let severity = severityOfScore(score);
  const annotation = hit.workload?.annotation?.annotation;
  const documentation =
    options.documentation === undefined
      ? annotation && hasRealPurpose(annotation.fields)
        ? documentationOf(annotation)
        : undefined
      : (options.documentation ?? undefined);
  const lowered = documentationLowers(meta.lowering, documentation, [...own, ...counted]);
  if (lowered) severity = 'info';
  return { severity, score, signals, annotated: !!documentation, lowered, documentation };
}

/**
 * One line that says why: "loop over 12,000 prompts → Anthropic, thinking captured in
 * llm_client.py, written to distilled.jsonl; trainer in train/sft.py".
 */
export function composeMessage(
  hit: RuleHit,
  meta: RuleMeta,
  scored: Pick<ScoredHit, 'signals' | 'severity' | 'annotated' | 'lowered' | 'documentation'>,
): string {
  const { signals } = scored;
  const lead = hit.lead ?? signals[0]?.text ?? meta.summary;
  const where = (s: Signal) => (s.file && s.file !== hit.file && !s.text.includes(s.file) ? ` in ${s.file}` : '');
  const rest = signals
    .filter((s) => s.key !== 'training' && !repeats(lead, s))
    .sort((a, b) => priority(a.key) - priority(b.key))
    .slice(0, MAX_MESSAGE_SIGNALS)
    .map((s) => s.text + where(s));
  const training = signals.find((s) => s.key === 'training');
  const target = hit.provider && !hit.lead && hit.workload ? ` → ${providerName(hit.provider)}` : '';
  const others = rest.length ? ', ' + rest.join(', ') : '';
  const trained = training && !lead.includes(training.text) ? `; ${training.text}` : '';
  let message = `${lead}${target}${others}${trained}`;
  if (hit.workload?.volume !== undefined && hit.workload.volume !== null && !/requests|unbounded/.test(message)) {
    message += ` (volume: ${formatVolume(hit.workload.volume)})`;
  }
  if (scored.documentation) message += ` — ${documentedNote(meta, scored)}`;
  else if (hit.workload && (scored.severity === 'low' || scored.severity === 'medium') && meta.lowering !== 'never') {
    message +=
      ' — if this is evaluation or enrichment of your own data, document it with @llm-usage and pre-clear large runs with the provider';
  }
  return redactSecrets(`${meta.title}: ${message}`);
}

/** "documented: <purpose>", and why the severity stayed when the documentation does not lower it. */
export function documentedNote(meta: RuleMeta, scored: Pick<ScoredHit, 'lowered' | 'documentation'>): string {
  const d = scored.documentation!;
  let note = `documented: ${shorten(d.purpose, MAX_PURPOSE_CHARS)}`;
  if (d.clearance) note += `; clearance: ${shorten(d.clearance, MAX_PURPOSE_CHARS)}`;
  if (!scored.lowered)
    note +=
      meta.lowering === 'never'
        ? ' (key pools are reported whatever the annotation says)'
        : ' (severity kept until a clearance: is recorded)';
  return note;
}

function shorten(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}

const MAX_PURPOSE_CHARS = 80;
const MAX_MESSAGE_SIGNALS = 6;
const MESSAGE_ORDER = [
  'reasoning',
  'harvest',
  'harvest-weak',
  'pairs',
  'capability',
  'synthetic',
  'bulk-request',
  'template',
  'preference',
  'multi-model',
  'multi-sample',
  'temperature-sweep',
  'logprobs',
  'volume',
  'fanout',
  'eval',
  'test',
  'wrapper',
];

function priority(key: string): number {
  const i = MESSAGE_ORDER.indexOf(key);
  return i < 0 ? -1 : i;
}

/** A signal the lead already says ("written to x.jsonl", the swept list's name). */
function repeats(lead: string, s: Signal): boolean {
  if (lead.includes(s.text)) return true;
  const subject = /^(sweeps|written to) (\S+)/.exec(s.text)?.[2];
  return !!subject && lead.includes(subject);
}

/**
 * Stable across edits elsewhere in the file: rule, file, workload and the flagged line's text,
 * hashed (SHA-256, the first 64 bits in hex: the length SARIF baselines and suppressions keep).
 */
export function fingerprintOf(ruleId: string, file: string, workload: string, lineText: string): string {
  return createHash('sha256')
    .update(`${ruleId}\u0000${file}\u0000${workload}\u0000${lineText.trim().replace(/\s+/g, ' ')}`)
    .digest('hex')
    .slice(0, 16);
}

export type { Finding };
