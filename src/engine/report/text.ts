// Terminal output: findings grouped by workload (then file), each with its why, and a summary line.
import type { Finding, Severity } from '../types';
import { SEVERITIES } from '../types';
import { countBySeverity, withoutModelUse, type ReportInput } from './json';
import { redactSecrets } from '../secrets';

export interface TextOptions {
  color: boolean;
}

const COLORS: Record<Severity, string> = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };

export function toText(input: ReportInput, options: TextOptions): string {
  const paint = (s: Severity, text: string) => (options.color ? `${COLORS[s]}${text}\x1b[0m` : text);
  const dim = (text: string) => (options.color ? `\x1b[2m${text}\x1b[0m` : text);
  const bold = (text: string) => (options.color ? `\x1b[1m${text}\x1b[0m` : text);
  const lines: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of input.findings) {
    const key = f.workload;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  const ordered = [...groups.entries()].sort(
    (a, b) => Math.min(...a[1].map((f) => rank(f.severity))) - Math.min(...b[1].map((f) => rank(f.severity))) || a[0].localeCompare(b[0]),
  );
  for (const [workload, findings] of ordered) {
    const volume = findings.find((f) => f.volume !== null)?.volume;
    const providers = [...new Set(findings.map((f) => f.provider))].join(', ');
    const volumeText =
      volume !== undefined && volume !== null ? `, volume ${typeof volume === 'number' ? volume.toLocaleString('en-US') : volume}` : '';
    lines.push(bold(`● ${workload}`) + dim(`  ${providers}${volumeText}`));
    for (const f of findings.sort((a, b) => rank(a.severity) - rank(b.severity) || a.range.startLine - b.range.startLine)) {
      const where = `${f.file}:${f.range.startLine + 1}:${f.range.startColumn + 1}`;
      const tag = f.suppressed ? dim('suppressed') : f.annotated ? dim('documented') : '';
      lines.push(`  ${paint(f.severity, f.severity.padEnd(8))} ${where}  ${dim(f.ruleId)} ${tag}`.trimEnd());
      lines.push(`           ${redactSecrets(f.message)}`);
      if (f.suppression) lines.push(dim(`           suppressed (${f.suppression.kind}): ${redactSecrets(f.suppression.reason)}`));
    }
    lines.push('');
  }
  if (input.skipped.length) {
    lines.push(dim(`Skipped ${input.skipped.length} file(s):`));
    for (const s of input.skipped.slice(0, 20)) lines.push(dim(`  ${s.file}: ${s.reason}`));
    if (input.skipped.length > 20) lines.push(dim(`  … and ${input.skipped.length - 20} more`));
    lines.push('');
  }
  const counts = countBySeverity(input.findings);
  const active = input.findings.filter((f) => !f.suppressed).length;
  const suppressed = input.findings.length - active;
  const bySeverity = SEVERITIES.filter((s) => counts[s])
    .map((s) => paint(s, `${counts[s]} ${s}`))
    .join(', ');
  lines.push(
    `${active} finding${active === 1 ? '' : 's'}${bySeverity ? ` (${bySeverity})` : ''}${suppressed ? `, ${suppressed} suppressed` : ''} ` +
      `in ${input.files} file${input.files === 1 ? '' : 's'} (${input.parsed} parsed, ${withoutModelUse(input)} without model ` +
      `use, ${input.skipped.length} skipped)`,
  );
  return lines.join('\n');
}
