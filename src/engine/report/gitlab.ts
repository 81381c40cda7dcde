// GitLab's code quality report (the subset of the CodeClimate issue format GitLab reads), so merge
// requests show findings inline without SARIF. Paths are relative to the repository root, which is
// where GitLab CI runs: the scan root's label (relative to the current folder) is put in front.
// Suppressed findings are left out: the format has no way to say a finding was reviewed.
import type { Finding, Severity } from '../types';
import type { ReportInput } from './json';
import { redactSecrets } from '../secrets';

export type GitLabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** Five levels onto GitLab's five, in order. */
export const GITLAB_SEVERITY: Record<Severity, GitLabSeverity> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'major',
  low: 'minor',
  info: 'info',
};

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitLabSeverity;
  location: { path: string; lines: { begin: number; end?: number } };
}

export function toGitLabCodeQuality(input: ReportInput): CodeQualityIssue[] {
  const prefix = input.root === '.' || input.root === '' ? '' : `${input.root.replace(/\/+$/, '')}/`;
  const used = new Map<string, number>();
  return input.findings
    .filter((f) => !f.suppressed)
    .map((f) => ({
      description: redactSecrets(`${f.message} [${f.workload}]`),
      check_name: f.ruleId,
      fingerprint: uniqueFingerprint(f, used),
      severity: GITLAB_SEVERITY[f.severity],
      location: { path: normalise(prefix + f.file), lines: { begin: f.range.startLine + 1, end: f.range.endLine + 1 } },
    }));
}

/** GitLab keys issues by fingerprint: the same rule on two identical lines of a file must differ. */
function uniqueFingerprint(f: Finding, used: Map<string, number>): string {
  const seen = used.get(f.fingerprint) ?? 0;
  used.set(f.fingerprint, seen + 1);
  return seen ? `${f.fingerprint}-${seen + 1}` : f.fingerprint;
}

/** `../x` and `./x` segments resolved, so a root label like `../repo` still gives a clean path. */
function normalise(file: string): string {
  const out: string[] = [];
  for (const part of file.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
