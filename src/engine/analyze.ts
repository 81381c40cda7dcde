// From every file's facts to findings: link wrappers and build workloads (rule-inputs.ts), run each
// rule on the inputs it declares, score, then apply annotations, suppressions and the config's
// overrides and ignore list.
import { minimatch } from 'minimatch';
import { SEVERITIES, type FileFacts, type Finding, type Severity } from './types';
import type { ResolvedConfig } from './config';
import { RULES } from './rules';
import type { RuleHit, RuleMeta } from './rules/types';
import { inputsOf, ruleContext } from './rule-inputs';
import { composeMessage, fingerprintOf, scoreHit } from './score';
import { documentationOf, documentingAnnotation } from './annotation-effects';
import { isIsoDate } from './facts/comments';
import { redactSecrets } from './secrets';
import { fingerprintCopies, findingsOnWrappers, siteKey } from './wrapper-findings';
import { findingsOnEntryCalls } from './entry-findings';

export interface AnalysisInput {
  files: Map<string, FileFacts>;
  /** Text of a line (0-based) of a file, for fingerprints. */
  lineText: (file: string, line: number) => string;
  config: ResolvedConfig;
  /** ISO date (YYYY-MM-DD) for expiry checks. */
  today: string;
}

export function analyzeWorkspace(input: AnalysisInput): Finding[] {
  const { files, config } = input;
  const context = ruleContext(input);
  const { sites, index } = context;
  const findings: Finding[] = [];
  // Provider calls the product's request handlers reach once per request: shared code, not a
  // workload's own. A handler that starts a loop over a data set (an "evaluate all cases" button)
  // runs a workload, and the calls it reaches are that workload's.
  const perRequest = new Set(sites.filter((s) => s.inRequestHandler && !s.repetition.length).map((s) => siteKey(s.target)));
  const seen = new Map<string, number>();
  const keyOf = (f: { ruleId: string; file: string; range: { startLine: number; startColumn: number } }) =>
    `${f.ruleId}:${f.file}:${f.range.startLine}:${f.range.startColumn}`;
  // A location reached by several workloads carries the strongest of them, once per rule.
  const keepStrongest = (copy: Finding) => {
    const at = seen.get(keyOf(copy));
    if (at === undefined) seen.set(keyOf(copy), findings.push(copy) - 1);
    else if (SEVERITIES.indexOf(copy.severity) < SEVERITIES.indexOf(findings[at].severity)) findings[at] = copy;
  };
  const workloadHits: { finding: Finding; hit: RuleHit }[] = [];
  for (const rule of RULES) {
    const setting = config.rules[rule.meta.id];
    if (setting === 'off') continue;
    const mirrored: Finding[] = [];
    for (const hit of rule.check(inputsOf(context, rule))) {
      const key = keyOf(hit);
      if (seen.has(key)) continue;
      const finding = toFinding(hit, rule.meta, setting, input);
      seen.set(key, findings.push(finding) - 1);
      mirrored.push(...findingsOnWrappers(finding, hit, perRequest));
      if (hit.workload) workloadHits.push({ finding, hit });
    }
    for (const copy of mirrored) keepStrongest(copy);
  }
  // Entry scripts that only start a workload defined elsewhere carry its findings too.
  for (const copy of findingsOnEntryCalls(workloadHits, files, index)) keepStrongest(copy);
  fingerprintCopies(findings, input.lineText);
  for (const f of findings) applySuppressions(f, files.get(f.file), config, input.today);
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.range.startLine - b.range.startLine || a.ruleId.localeCompare(b.ruleId));
}

function toFinding(hit: RuleHit, meta: RuleMeta, override: Severity | undefined, input: AnalysisInput): Finding {
  const annotation = documentingAnnotation(hit, input.files.get(hit.file), input.today);
  const scored = scoreHit(hit, meta, {
    volumeThreshold: input.config.thresholds.volume,
    documentation: annotation ? documentationOf(annotation) : null,
  });
  const listed = hit.workload ?? hit.listedUnder;
  const workloadName = listed?.name ?? hit.file.split('/').pop()!;
  const severity = override && !scored.lowered ? override : scored.severity;
  return {
    ruleId: hit.ruleId,
    severity,
    score: scored.score,
    message: composeMessage(hit, meta, { ...scored, severity }),
    file: hit.file,
    range: hit.range,
    provider: hit.provider,
    workload: workloadName,
    signals: scored.signals.map((s) => redactSecrets(s.text)),
    volume: listed?.volume ?? null,
    annotated: scored.annotated,
    ...(scored.documentation
      ? {
          documentation: {
            purpose: redactSecrets(scored.documentation.purpose),
            ...(scored.documentation.clearance ? { clearance: redactSecrets(scored.documentation.clearance) } : {}),
          },
        }
      : {}),
    suppressed: false,
    fingerprint: fingerprintOf(hit.ruleId, hit.file, workloadName, input.lineText(hit.file, hit.range.startLine)),
    related: scored.signals
      .filter((s) => s.file && s.range && (s.file !== hit.file || s.range.startLine !== hit.range.startLine))
      .map((s) => ({ file: s.file!, range: s.range!, message: redactSecrets(s.text) })),
  };
}

/** Inline (`llm-usage-ignore`), file-level and config suppressions; each needs a reason and may expire. */
function applySuppressions(finding: Finding, facts: FileFacts | undefined, config: ResolvedConfig, today: string): void {
  for (const s of facts?.suppressions ?? []) {
    if (s.ruleId !== finding.ruleId && s.ruleId !== 'all') continue;
    if (!s.reason) continue; // reported by stale-usage-annotation; suppresses nothing
    if (s.until && (!isIsoDate(s.until) || s.until < today)) continue; // expired or unreadable: reported, not applied
    const applies =
      s.scope === 'file' ||
      s.appliesToLine === finding.range.startLine ||
      (s.appliesToLine >= finding.range.startLine && s.appliesToLine <= finding.range.endLine);
    if (!applies) continue;
    finding.suppressed = true;
    finding.suppression = { kind: s.scope === 'file' ? 'file' : 'inline', reason: s.reason };
    return;
  }
  for (const entry of config.ignore) {
    if (entry.rule !== finding.ruleId && entry.rule !== '*') continue;
    if (!entry.reason || (entry.expires && entry.expires < today)) continue;
    if (!minimatch(finding.file, entry.path, { dot: true, matchBase: !entry.path.includes('/') })) continue;
    finding.suppressed = true;
    finding.suppression = { kind: 'config', reason: entry.reason };
    return;
  }
}
