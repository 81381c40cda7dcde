// Which `@llm-usage` annotation documents a rule hit, and what that documentation may change.
// The hit's workload annotation counts first, else the smallest annotation in the hit's file whose
// covered node contains it. Only an annotation in force counts — one with a real purpose and no
// past or malformed `expires` — so an expired block puts its findings back to their scored
// severity (stale-usage-annotation says why). Documentation informs: its purpose is shown in the
// message; it lowers a severity only where the rule's `lowering` allows (see RuleMeta).
import type { FileFacts, UsageAnnotation } from './types';
import type { Lowering, RuleHit } from './rules/types';
import { hasRealPurpose, isIsoDate } from './facts/comments';
import { covers } from './workloads';

/** What an annotation in force says about a workload, redacted by the caller before display. */
export interface Documentation {
  purpose: string;
  /** The provider's written permission (ticket id, date), when recorded. */
  clearance?: string;
}

export function annotationInForce(annotation: UsageAnnotation, today: string): boolean {
  const expires = annotation.fields.expires;
  // An empty `expires:` (the skeleton's) is not given yet, not malformed.
  if (expires && (!isIsoDate(expires) || expires < today)) return false;
  return hasRealPurpose(annotation.fields);
}

/** A field a person filled in: not empty and not a placeholder (`TODO`, `TBD`, `none`…). */
export function isFilled(value: string | undefined): boolean {
  const v = value?.trim();
  return !!v && !/^(TODO|TBD|none|n\/a|pending)\b/i.test(v);
}

export function documentationOf(annotation: UsageAnnotation): Documentation {
  const { purpose, clearance } = annotation.fields;
  return { purpose: purpose.trim(), clearance: isFilled(clearance) ? clearance.trim() : undefined };
}

export function documentingAnnotation(
  hit: Pick<RuleHit, 'file' | 'range' | 'workload'>,
  facts: FileFacts | undefined,
  today: string,
): UsageAnnotation | undefined {
  const own = hit.workload?.annotation?.annotation;
  if (own && annotationInForce(own, today)) return own;
  const covering = (facts?.annotations ?? [])
    .filter((a) => covers(a.covers, hit.range) && annotationInForce(a, today))
    .sort((a, b) => a.covers.endLine - a.covers.startLine - (b.covers.endLine - b.covers.startLine));
  return covering[0];
}

/** Signals that make harvested outputs training-shaped: pairs, reasoning, synthetic examples, preferences, a trainer. */
const TRAINING_SHAPED = new Set(['pairs', 'reasoning', 'synthetic', 'preference', 'training']);

/**
 * Whether the documentation caps a finding at info. `signalKeys` are the keys of the finding's
 * own and workload signals (training-shaped harvesting needs a clearance, plain harvesting a purpose).
 */
export function documentationLowers(lowering: Lowering, documentation: Documentation | undefined, signalKeys: Iterable<string>): boolean {
  if (!documentation) return false;
  switch (lowering) {
    case 'purpose':
      return true;
    case 'clearance':
      return !!documentation.clearance;
    case 'clearance-when-training-shaped':
      return !!documentation.clearance || ![...signalKeys].some((k) => TRAINING_SHAPED.has(k));
    case 'never':
      return false;
  }
}
