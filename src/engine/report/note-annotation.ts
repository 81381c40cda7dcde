// The `@llm-usage` block the "Document this workload" quick fix inserts: pre-filled with what the
// code shows (volume estimate, providers, models) and the owner when known; the purpose is left
// as `TODO:` on purpose, so stale-usage-annotation keeps asking until a person writes it.
import type { Language, ProviderId } from '../types';
import { formatVolume, providerName } from '../rules/describe';
import { redactSecrets } from '../secrets';

export interface AnnotationSkeletonInput {
  language: Language;
  /** Leading whitespace of the line the block goes above. */
  indent: string;
  volume: number | 'unbounded' | null;
  providers: ProviderId[];
  models?: string[];
  owner?: string;
  /** ISO date; `expires` is set a year later so the block gets re-read. */
  today: string;
}

export function annotationSkeleton(input: AnnotationSkeletonInput): string {
  const marker = input.language === 'python' ? '#' : '//';
  const to = input.providers.map(providerName).join(', ') || 'an LLM provider';
  const models = input.models?.length ? ` (${input.models.join(', ')})` : '';
  const volume = input.volume === 'unbounded'
    ? `TODO: requests per run (the loop size is not a literal) to ${to}${models}`
    : `~${formatVolume(input.volume)} per run to ${to}${models} (estimated from code); TODO: runs per day`;
  const lines = [
    '@llm-usage',
    '  purpose: TODO: what this workload is for, whose data, why this volume',
    `  volume: ${volume}`,
    '  data: TODO: where outputs go, how long they are kept; not used to train other models',
    `  owner: ${input.owner || 'TODO: team and contact address'}`,
    `  expires: ${oneYearAfter(input.today)}`,
  ];
  return lines.map((l) => `${input.indent}${marker} ${redactSecrets(l)}\n`).join('');
}

export function oneYearAfter(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  // 29 February has no twin next year: fall back to 28 February.
  const next = new Date(Date.UTC(y + 1, m - 1, m === 2 && d === 29 ? 28 : d));
  return next.toISOString().slice(0, 10);
}
