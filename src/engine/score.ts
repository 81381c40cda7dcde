// Co-occurrence scoring: a rule hit's base severity, raised by the workload's escalators
// (harvesting, training, reasoning capture, capability lists, samples, models, fan-out, volume)
// and lowered by its de-escalators (eval harness, tests, a documented purpose).
import type { Finding, Severity } from './types';
import type { RuleHit, RuleMeta, Signal } from './rules/types';
import { isHarvestSink, type Workload } from './workloads';
import { formatVolume, providerName } from './rules/describe';
import { redactSecrets } from './secrets';

export const SEVERITY_POINTS: Record<Severity, number> = { critical: 80, high: 60, medium: 40, low: 20, info: 0 };

export function severityOfScore(score: number): Severity {
  if (score >= 80) return 'critical';
  if (score >= 60) return 'high';
  if (score >= 40) return 'medium';
  if (score >= 20) return 'low';
  return 'info';
}

export function severityRank(s: Severity): number {
  return SEVERITY_POINTS[s] / 20;
}

export interface ScoringOptions {
  /** Requests per run above which volume escalates. */
  volumeThreshold: number;
  /** Whether an annotation in force documents the hit (decided by the caller, which knows today's date). */
  documented?: boolean;
}

export const DEFAULT_SCORING: ScoringOptions = { volumeThreshold: 10_000 };

/** Workload-level signals every finding of the workload carries. */
export function workloadSignals(w: Workload, options: ScoringOptions = DEFAULT_SCORING): Signal[] {
  const out: Signal[] = [];
  const harvest = w.sinks.find(({ sink }) => isHarvestSink(sink) && sink.format !== 'text' && sink.format !== 'unknown')
    ?? w.sinks.find(({ sink }) => isHarvestSink(sink));
  if (harvest) out.push({ key: 'harvest', text: `written to ${harvest.sink.target ?? harvest.sink.format}`, file: harvest.file, range: harvest.sink.range });
  const reasoning = w.sites.find((s) => s.params.thinking || s.params.reasoning || s.params.includeThoughts);
  if (reasoning) out.push({ key: 'reasoning', text: reasoning.params.includeThoughts ? 'thoughts included' : reasoning.params.thinking ? 'thinking captured' : 'reasoning requested', file: reasoning.target.file, range: reasoning.target.range });
  if (harvest && w.training.length) {
    const t = w.training[0];
    out.push({ key: 'training', text: `trainer in ${t.file}`, file: t.file, range: t.signal.range });
  }
  const samples = w.sites.find((s) => typeof s.params.n === 'number' && s.params.n > 1 || typeof s.params.candidateCount === 'number' && s.params.candidateCount > 1 || typeof s.params.bestOf === 'number' && s.params.bestOf > 1);
  if (samples) out.push({ key: 'multi-sample', text: 'several samples per prompt' });
  if (w.sites.some((s) => s.repetition.some((r) => r.concurrent && !r.limited))) out.push({ key: 'fanout', text: 'concurrent with no limit' });
  if (typeof w.volume === 'number' && w.volume >= options.volumeThreshold) out.push({ key: 'volume', text: `~${formatVolume(w.volume)}` });
  if (w.evalLike) out.push({ key: 'eval', text: 'scores outputs like an eval harness' });
  if (w.testLike) out.push({ key: 'test', text: 'in tests' });
  return out;
}

const ESCALATION: Record<string, number> = {
  harvest: 20, training: 20, reasoning: 15, capability: 15, 'multi-sample': 10, 'multi-model': 10, fanout: 5, volume: 10,
  eval: -20, test: -10,
};

export interface ScoredHit {
  severity: Severity;
  score: number;
  signals: Signal[];
  annotated: boolean;
}

export function scoreHit(hit: RuleHit, meta: RuleMeta, options: ScoringOptions = DEFAULT_SCORING): ScoredHit {
  const base = SEVERITY_POINTS[hit.severity ?? meta.severity];
  const signals = [...hit.signals];
  if (hit.workload) {
    for (const s of workloadSignals(hit.workload, options)) if (!signals.some((x) => x.key === s.key)) signals.push(s);
  }
  let score = base;
  const counted = new Set<string>();
  for (const s of signals) {
    if (counted.has(s.key)) continue;
    counted.add(s.key);
    score += ESCALATION[s.key] ?? 0;
  }
  // An eval harness stays low whatever else it does; a finding never escalates past critical.
  if (counted.has('eval') && !counted.has('harvest')) score = Math.min(score, SEVERITY_POINTS.medium - 1);
  score = Math.max(0, Math.min(100, score));
  let severity = severityOfScore(score);
  const annotated = options.documented ?? (!!hit.workload?.annotation && hasPurpose(hit.workload.annotation.annotation.fields));
  if (annotated && meta.documentable) severity = 'info';
  return { severity, score, signals, annotated };
}

function hasPurpose(fields: Record<string, string>): boolean {
  return !!fields.purpose && !/^TODO\b/i.test(fields.purpose);
}

/** "loop over 12,000 prompts → Anthropic, thinking captured, written to distilled.jsonl; trainer in train/sft.py" */
export function composeMessage(hit: RuleHit, meta: RuleMeta, signals: Signal[]): string {
  const lead = hit.lead ?? signals[0]?.text ?? meta.summary;
  const rest = signals.filter((s) => s.text !== lead && s.key !== 'training').map((s) => s.text);
  const training = signals.find((s) => s.key === 'training');
  const target = hit.provider && !hit.lead ? ` → ${providerName(hit.provider)}` : '';
  let message = `${lead}${target}${rest.length ? ', ' + rest.join(', ') : ''}${training ? `; ${training.text}` : ''}`;
  if (hit.workload?.volume !== undefined && hit.workload.volume !== null && !/requests|unbounded/.test(message)) {
    message += ` (volume: ${formatVolume(hit.workload.volume)})`;
  }
  return redactSecrets(`${meta.title}: ${message}`);
}

/** Stable across edits elsewhere in the file: rule, file, workload and the flagged line's text. */
export function fingerprintOf(ruleId: string, file: string, workload: string, lineText: string): string {
  return fnv1a64(`${ruleId}\u0000${file}\u0000${workload}\u0000${lineText.trim().replace(/\s+/g, ' ')}`);
}

function fnv1a64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

export type { Finding };
