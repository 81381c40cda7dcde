// `prompt-pattern-review scan [paths…]`: scan, print text/JSON/SARIF, exit by --fail-on.
import type { Severity } from '../engine/types';
import { SEVERITIES } from '../engine/types';
import { toJsonReport } from '../engine/report/json';
import { toText } from '../engine/report/text';
import { toSarif } from '../engine/report/sarif';
import { runScan, type CliScanOptions } from './run-scan';
import { UsageError } from './errors';
import { emitOutput } from './command-options';

export interface ScanFlags extends CliScanOptions {
  format: 'text' | 'json' | 'sarif';
  output?: string;
  failOn: Severity | 'none';
  color?: boolean;
}

export async function scanCommand(paths: string[], flags: ScanFlags): Promise<number> {
  if (!['text', 'json', 'sarif'].includes(flags.format)) throw new UsageError(`--format must be text, json or sarif (got "${flags.format}")`);
  if (flags.failOn !== 'none' && !SEVERITIES.includes(flags.failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} or none`);
  const result = await runScan(paths, { ...flags, findingsOnly: true });
  const input = { root: result.rootLabel, files: result.scan.files, parsed: result.scan.parsed, findings: result.findings, skipped: result.scan.skipped };
  let output: string;
  if (flags.format === 'json') output = JSON.stringify(toJsonReport(input), null, 2);
  else if (flags.format === 'sarif') {
    output = JSON.stringify(toSarif(input), null, 2);
  } else output = toText(input, { color: flags.color ?? (!flags.output && process.stdout.isTTY === true) });
  emitOutput(output, flags.output);
  if (flags.failOn === 'none') return 0;
  const threshold = SEVERITIES.indexOf(flags.failOn);
  return result.findings.some((f) => !f.suppressed && SEVERITIES.indexOf(f.severity) <= threshold) ? 1 : 0;
}
