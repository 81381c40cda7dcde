// Which `@llm-usage` annotation documents a rule hit: the hit's workload annotation, else the
// smallest annotation in the hit's file whose covered node contains it. Only an annotation in
// force counts — one with a real purpose and no past or malformed `expires` — so an expired
// block puts its findings back to their scored severity (stale-usage-annotation says why).
import type { FileFacts, UsageAnnotation } from './types';
import type { RuleHit } from './rules/types';
import { hasRealPurpose, isIsoDate } from './facts/comments';
import { covers } from './workloads';

export function annotationInForce(annotation: UsageAnnotation, today: string): boolean {
  const expires = annotation.fields.expires;
  if (expires !== undefined && (!isIsoDate(expires) || expires < today)) return false;
  return hasRealPurpose(annotation.fields);
}

export function documentingAnnotation(hit: Pick<RuleHit, 'file' | 'range' | 'workload'>, facts: FileFacts | undefined, today: string): UsageAnnotation | undefined {
  const own = hit.workload?.annotation?.annotation;
  if (own && annotationInForce(own, today)) return own;
  const covering = (facts?.annotations ?? [])
    .filter((a) => covers(a.covers, hit.range) && annotationInForce(a, today))
    .sort((a, b) => (a.covers.endLine - a.covers.startLine) - (b.covers.endLine - b.covers.startLine));
  return covering[0];
}

