// The `@llm-usage` block the "Document this workload" quick fix inserts. Its fields are empty:
// a value in the block is the team's statement to the provider, so nothing is pre-filled. What
// the code shows (the volume estimate, providers and models) and what git knows (an owner) goes
// into the guidance comment above the block, for the person filling it in. An empty purpose keeps
// stale-usage-annotation asking until somebody writes it.
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
  /** ISO date; the guidance suggests an `expires` a year later so the block gets re-read. */
  today: string;
}

/** The annotation's keys in the order the skeleton lists them, with what each should say. */
export const SKELETON_FIELDS: readonly { key: string; guidance: (input: AnnotationSkeletonInput) => string }[] = [
  { key: 'purpose', guidance: () => 'what this workload is for, whose data, why this volume' },
  { key: 'volume', guidance: (i) => `requests per run and per day or month (the code suggests ${codeVolume(i)})` },
  { key: 'data', guidance: () => 'where the outputs go, how long they are kept, and whether they train any model' },
  { key: 'clearance', guidance: () => "the provider's written permission (ticket or e-mail, date), once you have it" },
  { key: 'owner', guidance: (i) => `team and contact address${i.owner ? ` (git config names ${i.owner})` : ''}` },
  { key: 'expires', guidance: (i) => `YYYY-MM-DD to re-read this block, e.g. ${oneYearAfter(i.today)}` },
];

export function annotationSkeleton(input: AnnotationSkeletonInput): string {
  const marker = input.language === 'python' ? '#' : '//';
  const lines = [
    'Describe this workload for the provider; leave a field empty rather than guess.',
    ...SKELETON_FIELDS.map((f) => `  ${f.key} — ${f.guidance(input)}`),
    '@llm-usage',
    ...SKELETON_FIELDS.map((f) => `  ${f.key}:`),
  ];
  return lines.map((l) => `${input.indent}${marker} ${redactSecrets(l)}\n`).join('');
}

function codeVolume(input: AnnotationSkeletonInput): string {
  const to = input.providers.map(providerName).join(', ') || 'an LLM provider';
  const models = input.models?.length ? ` (${input.models.join(', ')})` : '';
  if (input.volume === 'unbounded') return `an unbounded number of requests per run to ${to}${models}: the loop size is not a literal`;
  if (input.volume === null) return `one request per run to ${to}${models}`;
  return `~${formatVolume(input.volume)} per run to ${to}${models}`;
}

export function oneYearAfter(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  // 29 February has no twin next year: fall back to 28 February.
  const next = new Date(Date.UTC(y + 1, m - 1, m === 2 && d === 29 ? 28 : d));
  return next.toISOString().slice(0, 10);
}
