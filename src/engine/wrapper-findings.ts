// A workload driven from one file often makes its provider calls in another (a wrapper module, a
// service class, a helper package). Users open that file too, so each workload finding is also
// reported on the provider calls it reaches in other files: same rule and severity, a message
// that says where it is driven from, and `related` pointing back to the driver.
import type { Finding } from './types';
import type { RuleHit } from './rules/types';
import { fingerprintOf } from './score';

/** Where a provider call is, as a key. */
export const siteKey = (site: { file: string; range: { startLine: number; startColumn: number } }) =>
  `${site.file}:${site.range.startLine}:${site.range.startColumn}`;

/**
 * Copies of `finding` on the workload's provider calls outside the driver's file. A call that also
 * serves the product's request handlers (`perRequest`, by siteKey) is shared product code: the
 * workload stays on its driver there.
 */
export function findingsOnWrappers(finding: Finding, hit: RuleHit, perRequest: ReadonlySet<string>): Finding[] {
  const workload = hit.workload;
  if (!workload) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const site of workload.sites) {
    const target = site.target;
    if (target.file === finding.file || perRequest.has(siteKey(target))) continue;
    const key = `${target.file}:${target.range.startLine}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const driver = `${workload.file}:${workload.range.startLine + 1}`;
    out.push({
      ...finding,
      file: target.file,
      range: target.range,
      message: `Reached from ${workload.name} (${driver}): ${finding.message}`,
      // Filled in by `fingerprintCopies` for the copies that are kept (reading a line costs a scan of the file).
      fingerprint: '',
      related: [
        { file: workload.file, range: workload.range, message: `driven from here: ${workload.name}` },
        ...finding.related.filter((r) => r.file !== target.file || r.range.startLine !== target.range.startLine),
      ],
      suppressed: false,
      suppression: undefined,
    });
  }
  return out;
}

/** The fingerprints of the copies that made it into the results. */
export function fingerprintCopies(copies: Iterable<Finding>, lineText: (file: string, line: number) => string): void {
  for (const copy of copies)
    if (!copy.fingerprint)
      copy.fingerprint = fingerprintOf(copy.ruleId, copy.file, copy.workload, lineText(copy.file, copy.range.startLine));
}
