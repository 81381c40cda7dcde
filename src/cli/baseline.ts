// --baseline: fingerprints from an earlier JSON or SARIF result; only new findings are reported.
import { readFileSync } from 'node:fs';
import { UsageError } from './errors';

export function loadBaselineFingerprints(file: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read baseline ${file}: ${(e as Error).message}`);
  }
  const out = new Set<string>();
  const d = data as { findings?: { fingerprint?: string }[]; runs?: { results?: { partialFingerprints?: Record<string, string> }[] }[] };
  for (const f of d.findings ?? []) if (f.fingerprint) out.add(f.fingerprint);
  for (const run of d.runs ?? [])
    for (const r of run.results ?? []) {
      const fp = r.partialFingerprints?.['promptPatternReview/v1'];
      if (fp) out.add(fp);
    }
  if (!d.findings && !d.runs) throw new UsageError(`baseline ${file} is neither a JSON report nor a SARIF log`);
  return out;
}
