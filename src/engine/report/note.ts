// Pre-clearance notes: Markdown a team sends to a provider's support team before running a large,
// systematic workload. One note per workload at medium or above (by its uncapped score) that has
// no clearance recorded, or for the workload the caller names. Placeholders are marked `TODO:`;
// every string from the workspace is redacted.
import type { FileFacts, Finding } from '../types';
import { buildWorkloads, type Workload } from '../workloads';
import { WorkspaceIndex } from '../workspace';
import { severityOfScore, SEVERITY_POINTS } from '../score';
import { RULES_BY_ID } from '../rules';
import { hasRealPurpose } from '../facts/comments';
import { redactSecrets } from '../secrets';
import { annotationInForce } from '../annotation-effects';
import { gatherWorkloadFacts, type WorkloadFacts } from './note-facts';

export interface NoteInput {
  facts: Map<string, FileFacts>;
  findings: Finding[];
  /** ISO date printed in the note. */
  today: string;
  /** Only this workload: its name (`generate.py:main`), function name, id, or file path. */
  workload?: string;
}

export interface PreClearanceNote {
  workload: string;
  file: string;
  markdown: string;
}

export class UnknownWorkloadError extends Error {
  constructor(readonly requested: string, readonly known: string[]) {
    super(`no workload matches "${requested}"; workloads found: ${known.length ? known.join(', ') : 'none'}`);
  }
}

/** The workloads of a scan, as the rules saw them. */
export function workloadsOf(facts: Map<string, FileFacts>): Workload[] {
  return buildWorkloads(new WorkspaceIndex(facts).linkedCallSites(), facts);
}

export function findingsOf(w: Workload, findings: Finding[]): Finding[] {
  return findings.filter((f) => f.workload === w.name && (f.file === w.file || f.related.some((r) => r.file === w.file)));
}

/** A clearance counts only in an annotation in force (real purpose, not expired), as for batch-without-clearance. */
export function hasClearance(w: Workload, today: string): boolean {
  if (!w.annotation || !annotationInForce(w.annotation.annotation, today)) return false;
  const clearance = w.annotation.annotation.fields.clearance?.trim();
  return !!clearance && !/^(TODO|TBD|none|n\/a|pending)\b/i.test(clearance);
}

export function buildNotes(input: NoteInput): PreClearanceNote[] {
  const workloads = workloadsOf(input.facts);
  let selected: Workload[];
  if (input.workload) {
    const wanted = input.workload.toLowerCase();
    selected = workloads.filter((w) => [w.name, w.id, w.enclosingFunction ?? '', w.file].some((n) => n.toLowerCase() === wanted));
    if (!selected.length) throw new UnknownWorkloadError(input.workload, workloads.map((w) => w.name));
  } else {
    selected = workloads.filter((w) => !hasClearance(w, input.today) && findingsOf(w, input.findings).some((f) => !f.suppressed && f.score >= SEVERITY_POINTS.medium));
  }
  return selected.map((w) => ({ workload: w.name, file: w.file, markdown: noteMarkdown(w, findingsOf(w, input.findings), input.facts, input.today) }));
}

export function noteMarkdown(w: Workload, findings: Finding[], files: Map<string, FileFacts>, today: string): string {
  const facts = gatherWorkloadFacts(w, files);
  const fields = w.annotation?.annotation.fields ?? {};
  const field = (key: string, fallback: string) => (fields[key] ? redactSecrets(fields[key]) : fallback);
  const purpose = hasRealPurpose(fields) ? redactSecrets(fields.purpose) : 'TODO: one or two sentences a provider support engineer would understand (what the job is for, whose data, why this volume)';
  const lines: string[] = [
    `# Pre-clearance note: ${w.name}`,
    '',
    `_Draft generated on ${today} by Prompt Pattern Review from \`${w.file}\`. Replace every \`TODO:\` before sending; this note was not sent anywhere._`,
    '',
    '## Summary',
    '',
    '| | |',
    '|---|---|',
    row('Workload', `\`${w.name}\` in \`${w.file}\`, line ${w.range.startLine + 1}`),
    row('Provider(s)', facts.providers.join(', ')),
    row('Models', facts.models.join(', ') || 'TODO: model name (not a literal in code)'),
    row('Endpoints', facts.endpoints.join('; ')),
    row('API families', facts.apiFamilies.join(', ')),
    row('Accounts / API keys', facts.accounts.detail),
    row('Purpose', purpose),
    row('Owner', field('owner', 'TODO: team and contact address')),
    row('Clearance', field('clearance', 'none recorded yet (this note is the request)')),
    '',
    '## Volume',
    '',
    `- Estimated from code: ${facts.perRun}`,
    `- Declared by the team: ${field('volume', 'TODO: requests per run, runs per day or month')}`,
    `- Total: ${typeof w.volume === 'number' ? `${w.volume.toLocaleString('en-US')} requests per run × TODO: runs` : 'TODO: requests per run × runs'}`,
    `- Schedule: TODO: one-off, nightly, monthly…`,
    `- Peak concurrency: ${facts.concurrency}`,
    `- Rough token estimate: ${facts.tokens}`,
    '',
    '## Prompt shape',
    '',
    ...(facts.templates.length ? facts.templates.map((t) => `- Template (truncated): \`${t.replace(/`/g, "'")}\``) : ['- Template: built at run time (TODO: describe it)']),
    `- What varies between requests: ${facts.varies.join('; ') || 'TODO: describe'}`,
    ...(facts.sampling.length ? [`- Sampling: ${facts.sampling.join('; ')}`] : []),
    '- Secret values are never included; samples are truncated.',
    '',
    '## What happens to the outputs',
    '',
    ...(facts.outputs.length ? facts.outputs.map((o) => `- ${o}`) : ['- No file or database writes of the outputs were found in code (TODO: confirm)']),
    ...facts.training.map((t) => `- Training code in the workspace: ${t} (TODO: explain what it trains and on which data)`),
    `- Retention: ${field('data', 'TODO: how long outputs are kept and who can read them')}`,
    '- TODO: confirm — outputs are not used to train or improve models that compete with the provider.',
    '',
    '## Detected signals',
    '',
    ...signalLines(findings),
    '',
    '## Mitigations',
    '',
    '| Mitigation | Status | Detail |',
    '|---|---|---|',
    ...facts.mitigations.map((m) => `| ${m.name} | ${m.status} | ${cell(m.detail)} |`),
    '',
    '## Checklist',
    '',
    ...checklist(w, facts, fields, today),
    '',
  ];
  return redactSecrets(lines.join('\n'));
}

function row(label: string, value: string): string {
  return `| ${label} | ${cell(value)} |`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function signalLines(findings: Finding[]): string[] {
  const active = findings.filter((f) => !f.suppressed);
  if (!active.length) return ['- No findings are active for this workload.'];
  return active.map((f) => {
    const title = RULES_BY_ID.get(f.ruleId)?.meta.title ?? f.ruleId;
    const scored = severityOfScore(f.score);
    const level = f.annotated && scored !== f.severity ? `${scored}, shown as ${f.severity} because documented` : f.severity;
    return `- **${title}** (\`${f.ruleId}\`, ${level}): ${redactSecrets(f.signals.join(', ') || f.message)}`;
  });
}

function checklist(w: Workload, facts: WorkloadFacts, fields: Record<string, string>, today: string): string[] {
  const box = (done: boolean, text: string) => `- [${done ? 'x' : ' '}] ${text}`;
  const status = (name: string) => facts.mitigations.find((m) => m.name.startsWith(name))?.status;
  return [
    box(hasRealPurpose(fields), 'Purpose written in the `@llm-usage` annotation'),
    box(!!fields.owner, 'Owner named'),
    box(!!fields.volume, 'Volume declared (per run and per day or month)'),
    box(!!fields.data, 'Output retention stated, and that outputs do not train competing models'),
    box(facts.accounts.count === 'one', 'One account and key for this workload'),
    box(status('Backoff') === 'in place', 'Backoff on 429 / overloaded responses'),
    box(status('Concurrency') !== 'missing', 'Concurrency limited'),
    box(status('End-user') === 'in place', 'End-user or job id sent with each request'),
    box(false, 'Requests logged with template id and input hash'),
    box(facts.apiFamilies.includes('batch'), 'Large runs sent through the provider\'s Batch API where it fits'),
    box(hasClearance(w, today), 'Provider\'s answer recorded as `clearance:` in the annotation'),
  ];
}
