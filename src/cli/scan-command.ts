// `prompt-pattern-review scan [paths…]`: scan, print text/JSON/SARIF/GitLab code quality, exit by --fail-on.
// With --since, --staged or --workspace it reports only what a change brought (src/cli/change-scan.ts).
import type { Severity } from '../engine/types';
import { SEVERITIES } from '../engine/types';
import { toJsonReport } from '../engine/report/json';
import { toText } from '../engine/report/text';
import { toSarif } from '../engine/report/sarif';
import { toGitLabCodeQuality } from '../engine/report/gitlab';
import { runScan, type CliScanOptions } from './run-scan';
import { runChangeScan, runScopedScan, type ChangeSummary } from './change-scan';
import { UsageError } from './errors';
import { emitOutput } from './command-options';

/** The formats `--format` offers, and the thresholds `--fail-on` takes; commander refuses any other. */
export const SCAN_FORMATS = ['text', 'json', 'sarif', 'gitlab'] as const;
export const FAIL_ON = [...SEVERITIES, 'none'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export interface ScanFlags extends CliScanOptions {
  format: ScanFormat;
  output?: string;
  failOn: Severity | 'none';
  color?: boolean;
  /** Report what the working tree changed since this commit. */
  since?: string;
  /** Report what the index changes against HEAD. */
  staged?: boolean;
  /** Analyse this folder whole and report the workloads touching the paths given (a pre-commit hook's files). */
  workspace?: string;
}

export async function scanCommand(paths: string[], flags: ScanFlags): Promise<number> {
  const modes = [flags.since !== undefined && '--since', flags.staged && '--staged', flags.workspace !== undefined && '--workspace'].filter(
    Boolean,
  );
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be combined`);
  if (flags.since !== undefined && !flags.since.trim())
    throw new UsageError('--since needs a commit (a branch, a tag or an id); in a pull request, its base');
  if (flags.workspace !== undefined && !paths.length)
    throw new UsageError('--workspace needs the files to report on after it (a pre-commit hook passes them)');
  const result =
    flags.workspace !== undefined
      ? await runScopedScan(flags.workspace, paths, flags)
      : flags.since !== undefined || flags.staged
        ? await runChangeScan(paths, flags)
        : await runScan(paths, { ...flags, findingsOnly: true });
  const changes = 'changes' in result ? (result.changes as ChangeSummary) : undefined;
  const input = {
    root: result.rootLabel,
    files: result.scan.files,
    parsed: result.scan.parsed,
    findings: result.findings,
    skipped: result.scan.skipped,
  };
  let output: string;
  if (flags.format === 'json') output = JSON.stringify({ ...toJsonReport(input), ...(changes ? { changes } : {}) }, null, 2);
  else if (flags.format === 'sarif') output = JSON.stringify(toSarif(input), null, 2);
  else if (flags.format === 'gitlab') output = JSON.stringify(toGitLabCodeQuality(input), null, 2);
  else {
    const text = toText(input, { color: flags.color ?? (!flags.output && process.stdout.isTTY === true) });
    output = changes ? `${changeHeadline(changes)}\n\n${text}` : text;
  }
  emitOutput(output, flags.output);
  if (flags.failOn === 'none') return 0;
  const threshold = SEVERITIES.indexOf(flags.failOn);
  return result.findings.some((f) => !f.suppressed && SEVERITIES.indexOf(f.severity) <= threshold) ? 1 : 0;
}

/** One line over the text report: what was compared, and how much of the workspace it touched. */
function changeHeadline(changes: ChangeSummary): string {
  const files = `${changes.files.length} changed file${changes.files.length === 1 ? '' : 's'}`;
  const workloads =
    `${changes.workloads.length} workload${changes.workloads.length === 1 ? '' : 's'} ` +
    `touching ${changes.files.length === 1 ? 'it' : 'them'}`;
  if (changes.since === 'files') return `${files.replace('changed ', '')} given, ${workloads}; all of their findings:`;
  const against = changes.since === 'HEAD' ? 'Staged changes against HEAD' : `Changes since ${changes.since}`;
  const commit = changes.commit && changes.since !== changes.commit ? ` (${changes.commit.slice(0, 12)})` : '';
  return `${against}${commit}: ${files}, ${workloads}; new or worse findings only:`;
}
