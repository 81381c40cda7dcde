// Findings → vscode.Diagnostics: one per workload per location (the engine's report layer folds
// the per-rule findings), with a short source, the strongest rule as code linking to its shipped
// docs page, the severity mapping, the workload's rules as related-information facets, and the
// sinks, training code and wrappers in other files.
import vscode = require('vscode');
import { SEVERITIES, type Finding, type Severity } from '../engine/types';
import type { WorkloadLocation } from '../engine/report/workloads';
import { engine } from './lazy-engine';
import { ruleDocsUri } from './rule-docs';

/** Short, as ESLint's "eslint": the Problems row is for the message. */
export const DIAGNOSTIC_SOURCE = 'ppr';

const DEFAULT_LEVELS: Record<Severity, vscode.DiagnosticSeverity> = {
  critical: vscode.DiagnosticSeverity.Error,
  high: vscode.DiagnosticSeverity.Warning,
  medium: vscode.DiagnosticSeverity.Warning,
  low: vscode.DiagnosticSeverity.Information,
  // A hint is a faint dotted underline and never reaches Problems: an informative finding is information.
  info: vscode.DiagnosticSeverity.Information,
};

const LEVEL_NAMES: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function diagnosticLevel(severity: Severity, scope?: vscode.Uri): vscode.DiagnosticSeverity {
  const mapping = vscode.workspace.getConfiguration('promptPatternReview', scope).get<Record<string, string>>('severityLevels') ?? {};
  return LEVEL_NAMES[mapping[severity]?.toLowerCase()] ?? DEFAULT_LEVELS[severity];
}

export function toRange(r: Finding['range']): vscode.Range {
  return new vscode.Range(r.startLine, r.startColumn, r.endLine, r.endColumn);
}

/** "rule-id (severity): Title" — the related-information line that names one rule of the workload. */
export function facetText(ruleId: string, severity: Severity, title: string): string {
  return `${ruleId} (${severity}): ${title}`;
}

const FACET = /^([a-z][a-z-]*) \((critical|high|medium|low|info)\): /;

/** The rules of a workload diagnostic, strongest first (its code, then its facets). */
export function ruleIdsOf(diagnostic: vscode.Diagnostic): string[] {
  const code = diagnostic.code;
  const first = typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
  const facets = (diagnostic.relatedInformation ?? []).map((r) => FACET.exec(r.message)?.[1]).filter((id): id is string => !!id);
  return [...new Set([...(first ? [first] : []), ...facets])];
}

export function toDiagnostic(location: WorkloadLocation, folderUri: vscode.Uri | undefined, docUri: vscode.Uri): vscode.Diagnostic {
  const range = toRange(location.range);
  const d = new vscode.Diagnostic(range, location.message, diagnosticLevel(location.severity, docUri));
  d.source = DIAGNOSTIC_SOURCE;
  const top = location.facets[0].ruleId;
  const docs = ruleDocsUri(top);
  d.code = docs ? { value: top, target: docs } : top;
  const facets = location.facets.map(
    (f) => new vscode.DiagnosticRelatedInformation(new vscode.Location(docUri, range), facetText(f.ruleId, f.severity, f.title)),
  );
  const elsewhere = folderUri
    ? location.related.map(
        (r) =>
          new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.joinPath(folderUri, r.file), toRange(r.range)), r.message),
      )
    : [];
  d.relatedInformation = [...facets, ...elsewhere];
  return d;
}

/** The diagnostics of one document: its visible findings folded into one per workload per location. */
export function toDiagnostics(findings: Finding[], folderUri: vscode.Uri | undefined, docUri: vscode.Uri): vscode.Diagnostic[] {
  const shown = visibleFindings(findings, docUri);
  return engine()
    .workloadLocations(shown)
    .map((l) => toDiagnostic(l, folderUri, docUri));
}

/** Least severe first (the reverse of the engine's SEVERITIES). */
export const SEVERITY_ORDER: Severity[] = [...SEVERITIES].reverse();

interface RuleCustomization {
  rule: string;
  files?: string;
  severity: Severity | 'off';
}

/** The first `ruleCustomizations` entry matching the finding's rule and path wins; `off` hides it. */
function customizedSeverity(finding: Finding, customizations: RuleCustomization[]): Severity | 'off' {
  for (const c of customizations) {
    if (c.rule !== finding.ruleId && c.rule !== '*') continue;
    if (c.files && !engine().minimatch(finding.file, c.files, { dot: true, matchBase: !c.files.includes('/') })) continue;
    return c.severity;
  }
  return finding.severity;
}

/**
 * Findings the user wants to see: not suppressed, severities customised by glob (settings), at or
 * above the minimum severity. Returns copies so the engine's results stay untouched.
 */
export function visibleFindings(findings: Finding[], scope: vscode.Uri | undefined): Finding[] {
  const settings = vscode.workspace.getConfiguration('promptPatternReview', scope);
  const min = settings.get<Severity>('minimumSeverity') ?? 'info';
  const customizations = settings.get<RuleCustomization[]>('ruleCustomizations') ?? [];
  const minRank = SEVERITY_ORDER.indexOf(min);
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.suppressed) continue;
    const severity = customizedSeverity(f, customizations);
    if (severity === 'off' || SEVERITY_ORDER.indexOf(severity) < minRank) continue;
    out.push(severity === f.severity ? f : { ...f, severity });
  }
  return out;
}

export type LiveRunMode = 'onType' | 'onSave' | 'off';

/** When live analysis runs for a document or notebook, from the enable and run settings. */
export function liveRunMode(scope: vscode.Uri): LiveRunMode {
  const settings = vscode.workspace.getConfiguration('promptPatternReview', scope);
  if (settings.get<boolean>('enable') === false) return 'off';
  return settings.get<LiveRunMode>('run') ?? 'onType';
}
