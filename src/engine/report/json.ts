// The CLI's JSON result: the shape DESIGN.md "Outputs" fixes, paths relative to the scan root,
// 1-based lines and columns.
import type { Finding, Severity, SkippedFile } from '../types';
import { SEVERITIES } from '../types';
import { redactDeep } from '../secrets';
import { workloadSummaries, type WorkloadSummary } from './workloads';

export const REPORT_FORMAT_VERSION = '1.0';
export const TOOL = { name: 'prompt-pattern-review', version: '0.1.0' };

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  score: number;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  provider: string;
  workload: string;
  signals: string[];
  volume: number | 'unbounded' | null;
  annotated: boolean;
  suppressed: boolean;
  suppression?: { kind: string; reason: string };
  fingerprint: string;
  related?: { file: string; line: number; message: string }[];
}

export interface JsonReport {
  version: string;
  tool: { name: string; version: string };
  root: string;
  summary: {
    files: number;
    parsed: number;
    withoutModelUse: number;
    skipped: number;
    findings: number;
    suppressed: number;
    bySeverity: Record<Severity, number>;
  };
  findings: JsonFinding[];
  /** One entry per workload with active findings: its rules, severity (the strongest), volume, files and fingerprint. */
  workloads: JsonWorkload[];
  skipped: SkippedFile[];
}

export type JsonWorkload = WorkloadSummary;

export interface ReportInput {
  root: string;
  files: number;
  parsed: number;
  findings: Finding[];
  skipped: SkippedFile[];
}

/** Files read and found to name no model API: every file is parsed, one of these, or skipped. */
export function withoutModelUse(input: Pick<ReportInput, 'files' | 'parsed' | 'skipped'>): number {
  return input.files - input.parsed - input.skipped.length;
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) if (!f.suppressed) counts[f.severity]++;
  return counts;
}

export function toJsonReport(input: ReportInput): JsonReport {
  const findings = input.findings.map(
    (f): JsonFinding => ({
      ruleId: f.ruleId,
      severity: f.severity,
      score: f.score,
      message: f.message,
      file: f.file,
      line: f.range.startLine + 1,
      column: f.range.startColumn + 1,
      endLine: f.range.endLine + 1,
      endColumn: f.range.endColumn + 1,
      provider: f.provider,
      workload: f.workload,
      signals: f.signals,
      volume: f.volume,
      annotated: f.annotated,
      suppressed: f.suppressed,
      ...(f.suppression ? { suppression: f.suppression } : {}),
      fingerprint: f.fingerprint,
      ...(f.related.length ? { related: f.related.map((r) => ({ file: r.file, line: r.range.startLine + 1, message: r.message })) } : {}),
    }),
  );
  return redactDeep({
    version: REPORT_FORMAT_VERSION,
    tool: TOOL,
    root: input.root,
    summary: {
      files: input.files,
      parsed: input.parsed,
      withoutModelUse: withoutModelUse(input),
      skipped: input.skipped.length,
      findings: input.findings.filter((f) => !f.suppressed).length,
      suppressed: input.findings.filter((f) => f.suppressed).length,
      bySeverity: countBySeverity(input.findings),
    },
    findings,
    workloads: workloadSummaries(input.findings),
    skipped: input.skipped,
  });
}
