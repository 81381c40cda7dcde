// Test support: the one fixture check both fixture suites use (rule fixtures, SDK call-site
// fixtures). Marks say where something must be reported and where it must not; each case is
// validated, missing (marked, not reported) or noisy (reported where marked silent, or reported
// on a line no mark mentions): a fixture runner that ignored unmarked lines could not catch a
// false positive nobody thought to mark.

export interface FixtureMark {
  /** Where the mark points, e.g. `file:line`. */
  key: string;
  expect: 'reported' | 'silent';
}

export interface FixtureOutcome<R> {
  /** Marked to be reported and reported: the reports there, for further checks. */
  validated: Map<string, R[]>;
  missing: string[];
  noisy: string[];
}

export function checkFixtureMarks<R>(
  marks: readonly FixtureMark[],
  reported: ReadonlyMap<string, R[]>,
  describe: (reports: R[]) => string,
): FixtureOutcome<R> {
  const outcome: FixtureOutcome<R> = { validated: new Map(), missing: [], noisy: [] };
  const marked = new Set<string>();
  for (const mark of marks) {
    marked.add(mark.key);
    const reports = reported.get(mark.key) ?? [];
    if (mark.expect === 'silent') {
      if (reports.length) outcome.noisy.push(`${mark.key} marked silent (${describe(reports)})`);
    } else if (reports.length) outcome.validated.set(mark.key, reports);
    else outcome.missing.push(mark.key);
  }
  for (const [key, reports] of reported)
    if (!marked.has(key) && reports.length) outcome.noisy.push(`${key} unmarked (${describe(reports)})`);
  return outcome;
}

/** Reports grouped by their key. */
export function groupBy<R>(items: readonly R[], keyOf: (item: R) => string): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const item of items) out.set(keyOf(item), [...(out.get(keyOf(item)) ?? []), item]);
  return out;
}
