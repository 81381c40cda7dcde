// A Markdown report for people (pull requests, tickets, reviews): summary, counts by severity,
// provider and rule, volume per workload, and every finding with its location.
import type { Finding, Severity } from '../types';
import { SEVERITIES } from '../types';
import { countBySeverity, TOOL, withoutModelUse, type ReportInput } from './json';
import { formatVolume, providerName } from '../rules/describe';
import { redactDeep } from '../secrets';
import { workloadSummaries } from './workloads';

/** Text safe inside a Markdown table cell: no pipes, newlines or HTML. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

function countBy(findings: Finding[], key: (f: Finding) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** A row of the report's workload table. */
export interface WorkloadRow {
  workload: string;
  file: string;
  provider: string;
  volume: number | 'unbounded' | null;
  findings: number;
  worst: Severity;
}

/** One row per workload (from the shared workload summaries), largest volume first; suppressed findings left out. */
export function workloadRows(findings: Finding[]): WorkloadRow[] {
  const size = (v: WorkloadRow['volume']) => (v === 'unbounded' ? Infinity : (v ?? 0));
  return workloadSummaries(findings)
    .map((w) => ({
      workload: w.name,
      file: w.files[0],
      provider: w.providers.map(providerName).join(', ') || providerName('unknown'),
      volume: w.volume,
      findings: w.findings,
      worst: w.severity,
    }))
    .sort((a, b) => size(b.volume) - size(a.volume) || a.workload.localeCompare(b.workload));
}

export function toMarkdownReport(input: ReportInput): string {
  const active = input.findings.filter((f) => !f.suppressed);
  const suppressed = input.findings.filter((f) => f.suppressed);
  const bySeverity = countBySeverity(input.findings);
  const lines: string[] = [
    `# Prompt Pattern Review report`,
    '',
    `Scanned \`${cell(input.root)}\` with ${TOOL.name} ${TOOL.version}: ${input.files} files, ${input.parsed} ` +
      `parsed, ${withoutModelUse(input)} without model use, ${input.skipped.length} skipped.`,
    `**${active.length} finding${active.length === 1 ? '' : 's'}**${suppressed.length ? `, ${suppressed.length} suppressed` : ''}.`,
    '',
    '## By severity',
    '',
    '| severity | findings |',
    '|---|---:|',
    ...SEVERITIES.map((s) => `| ${s} | ${bySeverity[s]} |`),
  ];
  if (active.length) {
    lines.push(
      '',
      '## By provider',
      '',
      '| provider | findings |',
      '|---|---:|',
      ...countBy(active, (f) => providerName(f.provider)).map(([k, n]) => `| ${cell(k)} | ${n} |`),
    );
    lines.push(
      '',
      '## By rule',
      '',
      '| rule | findings |',
      '|---|---:|',
      ...countBy(active, (f) => f.ruleId).map(([k, n]) => `| ${cell(k)} | ${n} |`),
    );
    lines.push(
      '',
      '## Workloads',
      '',
      '| workload | file | provider | estimated volume | worst severity | findings |',
      '|---|---|---|---:|---|---:|',
      ...workloadRows(active).map(
        (w) => `| ${cell(w.workload)} | ${cell(w.file)} | ${cell(w.provider)} | ${formatVolume(w.volume)} | ${w.worst} | ${w.findings} |`,
      ),
    );
  }
  if (input.findings.length) {
    lines.push(
      '',
      '## Findings',
      '',
      '| severity | rule | location | message |',
      '|---|---|---|---|',
      ...input.findings.map(
        (f) =>
          `| ${f.suppressed ? `~~${f.severity}~~ (suppressed: ${cell(f.suppression?.reason ?? '')})` : f.severity} ` +
          `| ${cell(f.ruleId)} | ${cell(f.file)}:${f.range.startLine + 1} | ${cell(f.message)} |`,
      ),
    );
  }
  if (input.skipped.length) {
    lines.push('', '## Skipped files', '', ...input.skipped.map((s) => `- ${cell(s.file)}: ${cell(s.reason)}`));
  }
  return redactDeep(lines.join('\n') + '\n');
}
