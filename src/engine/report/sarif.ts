// SARIF 2.1.0 as GitHub code scanning accepts it: every rule with descriptions and helpUri,
// relative URIs, a region on every result, partialFingerprints, suppressions with justification.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../types';
import { RULES } from '../rules';
import { docsUrl } from '../rules/types';
import type { ReportInput } from './json';
import { TOOL } from './json';
import { redactDeep } from '../secrets';

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.0', high: '7.5', medium: '5.0', low: '3.0', info: '1.0' };

export function toSarif(input: ReportInput): Log {
  const rules: ReportingDescriptor[] = RULES.map((rule) => ({
    id: rule.meta.id,
    name: toPascal(rule.meta.id),
    shortDescription: { text: rule.meta.title },
    fullDescription: { text: rule.meta.summary },
    help: {
      text:
        `${rule.meta.docs.flags}\n\n` +
        `Why providers care: ${rule.meta.docs.whyProvidersCare}\n\n` +
        `How to document or pre-clear: ${rule.meta.docs.howToDocument}`,
      markdown:
        `${rule.meta.docs.flags}\n\n` +
        `**Why providers care.** ${rule.meta.docs.whyProvidersCare}\n\n` +
        `**How to document or pre-clear.** ${rule.meta.docs.howToDocument}\n\n` +
        `[Rule documentation](${docsUrl(rule.meta.id)})`,
    },
    helpUri: docsUrl(rule.meta.id),
    defaultConfiguration: { level: LEVEL[rule.meta.severity] },
    properties: { tags: rule.meta.tags, 'security-severity': SECURITY_SEVERITY[rule.meta.severity], precision: 'medium' },
  }));
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const results: Result[] = input.findings.map((f) => {
    const result: Result = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUri(f.file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: f.range.startLine + 1,
              startColumn: f.range.startColumn + 1,
              endLine: f.range.endLine + 1,
              endColumn: f.range.endColumn + 1,
            },
          },
        },
      ],
      partialFingerprints: { 'promptPatternReview/v1': f.fingerprint },
      properties: {
        severity: f.severity,
        score: f.score,
        provider: f.provider,
        workload: f.workload,
        signals: f.signals,
        volume: f.volume,
        annotated: f.annotated,
      },
    };
    if (f.related.length) {
      result.relatedLocations = f.related.map((r, i) => ({
        id: i + 1,
        message: { text: r.message },
        physicalLocation: {
          artifactLocation: { uri: encodeUri(r.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: r.range.startLine + 1, startColumn: r.range.startColumn + 1 },
        },
      }));
    }
    if (f.suppressed && f.suppression) {
      result.suppressions = [
        { kind: f.suppression.kind === 'config' ? 'external' : 'inSource', status: 'accepted', justification: f.suppression.reason },
      ];
    }
    return result;
  });
  return redactDeep({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Prompt Pattern Review',
            semanticVersion: TOOL.version,
            informationUri: 'https://github.com/prompt-pattern-review/prompt-pattern-review',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The scanned folder.' } } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  } as Log);
}

function toPascal(id: string): string {
  return id
    .split('-')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

function encodeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
