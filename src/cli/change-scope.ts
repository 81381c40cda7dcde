// Which findings a change brought: those of the workloads that touch a changed file (a finding's
// own file or a place it cites: the driver, a wrapper, a sink, a trainer) whose fingerprint is new
// against the earlier version, or was there only suppressed or at a lower severity.
import { SEVERITIES, type Finding } from '../engine/types';

/** Workload names with a finding in, or citing a place in, one of `files`. */
export function workloadsTouching(findings: readonly Finding[], files: ReadonlySet<string>): Set<string> {
  const touched = new Set<string>();
  for (const f of findings) if (files.has(f.file) || f.related.some((r) => files.has(r.file))) touched.add(f.workload);
  return touched;
}

/** Findings that did not exist in `before` by fingerprint, or only suppressed or less severe. */
export function newOrWorse(findings: readonly Finding[], before: readonly Finding[]): Finding[] {
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  // Per fingerprint, the most reportable earlier state: unsuppressed beats suppressed, then severity.
  const earlier = new Map<string, Finding>();
  for (const f of before) {
    const known = earlier.get(f.fingerprint);
    if (!known || (known.suppressed && !f.suppressed) || (known.suppressed === f.suppressed && rank(f) < rank(known)))
      earlier.set(f.fingerprint, f);
  }
  return findings.filter((f) => {
    const known = earlier.get(f.fingerprint);
    if (!known) return true;
    if (known.suppressed && !f.suppressed) return true;
    return !f.suppressed && rank(f) < rank(known);
  });
}

export interface ChangedFindings {
  findings: Finding[];
  /** Every workload that touches a changed file, reported findings or not. */
  workloads: string[];
}

/** The findings of workloads touching `changed`; with `before`, only the new or worse ones. */
export function findingsOfChange(findings: readonly Finding[], changed: ReadonlySet<string>, before?: readonly Finding[]): ChangedFindings {
  const touched = workloadsTouching(findings, changed);
  const inScope = findings.filter((f) => touched.has(f.workload));
  return { findings: before ? newOrWorse(inScope, before) : inScope, workloads: [...touched].sort() };
}
