// Test support: the accounting invariant of a scan. Every listed file is in exactly one place:
// parsed (facts), read and found to name no model API, or skipped with a reason; no file hit an
// internal error; and the counts a report prints add up.
import assert from 'node:assert/strict';
import { isInternalError, type ScanResult } from '../../../src/engine/scan';
import { withoutModelUse } from '../../../src/engine/report/json';

export function assertEveryFileAccountedFor(files: readonly string[], result: ScanResult, label = ''): void {
  const seen = new Map<string, string>();
  const place = (file: string, where: string) => {
    assert.ok(!seen.has(file), `${label}${file} is both ${seen.get(file)} and ${where}`);
    seen.set(file, where);
  };
  for (const file of result.facts.keys()) place(file, 'parsed');
  for (const file of result.withoutModelUse) place(file, 'without model use');
  for (const skip of result.skipped) {
    place(skip.file, `skipped (${skip.reason})`);
    assert.ok(skip.reason.trim().length > 5, `${label}${skip.file}: skipped without a reason`);
  }
  const unaccounted = files.filter((f) => !seen.has(f));
  assert.deepEqual(unaccounted, [], `${label}files neither analysed nor skipped`);
  const unknown = [...seen.keys()].filter((f) => !files.includes(f));
  assert.deepEqual(unknown, [], `${label}results for files that were not listed`);
  assertNoInternalErrors(result.skipped, label);
  assert.equal(result.files, files.length, `${label}files`);
  assert.equal(result.parsed, result.facts.size, `${label}parsed`);
  assert.equal(withoutModelUse(result), result.withoutModelUse.length, `${label}summary counts add up`);
}

/**
 * What a scan reports, for comparing two scans of one tree. `asStored` compares the facts as a facts
 * file holds them (JSON, where an undefined property is no property), for a scan rebuilt from one.
 */
export function scanOutcome(r: ScanResult, options: { asStored?: boolean } = {}) {
  return {
    files: r.files,
    parsed: r.parsed,
    withoutModelUse: r.withoutModelUse,
    findings: r.findings,
    skipped: r.skipped,
    facts: options.asStored ? JSON.parse(JSON.stringify([...r.facts])) : [...r.facts],
  };
}

export function assertNoInternalErrors(skipped: ScanResult['skipped'], label = ''): void {
  assert.deepEqual(skipped.filter(isInternalError), [], `${label}internal errors are bugs, not skips`);
}
