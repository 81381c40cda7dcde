// Finding → vscode.Diagnostic: source, code with the docs link, severity mapping, and related
// information pointing at sinks, training code and wrappers in other files.
import vscode = require('vscode');
import type { Finding, Severity } from '../engine/types';
import { engine } from './lazy-engine';

export const DIAGNOSTIC_SOURCE = 'Prompt Pattern Review';

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

export function toDiagnostic(finding: Finding, folderUri: vscode.Uri | undefined, docUri: vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(finding.range), finding.message, diagnosticLevel(finding.severity, docUri));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: finding.ruleId, target: vscode.Uri.parse(engine().docsUrl(finding.ruleId)) };
  if (finding.annotated) d.tags = [];
  if (folderUri && finding.related.length) {
    d.relatedInformation = finding.related.map((r) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(vscode.Uri.joinPath(folderUri, r.file), toRange(r.range)), r.message));
  }
  return d;
}

export const SEVERITY_ORDER: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

interface RuleCustomization { rule: string; files?: string; severity: Severity | 'off' }

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
