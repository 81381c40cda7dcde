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
import { annotationInForce, isFilled } from '../annotation-effects';
import { gatherWorkloadFacts, type WorkloadFacts } from './note-facts';

export interface NoteInput {
  facts: Map<string, FileFacts>;
  findings: Finding[];
  /** ISO date printed in the note. */
  today: string;
  /** Only this workload: its name (`generate.py:main`), function name, id, or file path. */
  workload?: string;
  /** Source texts by file (a scan's `texts`), so whole prompt templates can be quoted. */
  texts?: ReadonlyMap<string, string>;
}

export interface PreClearanceNote {
  workload: string;
  file: string;
  markdown: string;
}

export class UnknownWorkloadError extends Error {
  constructor(
    readonly requested: string,
    readonly known: string[],
  ) {
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
  return isFilled(w.annotation.annotation.fields.clearance);
}

export function buildNotes(input: NoteInput): PreClearanceNote[] {
  const workloads = workloadsOf(input.facts);
  let selected: Workload[];
  if (input.workload) {
    const wanted = input.workload.toLowerCase();
    selected = workloads.filter((w) => [w.name, w.id, w.enclosingFunction ?? '', w.file].some((n) => n.toLowerCase() === wanted));
    if (!selected.length)
      throw new UnknownWorkloadError(
        input.workload,
        workloads.map((w) => w.name),
      );
  } else {
    selected = workloads.filter(
      (w) => !hasClearance(w, input.today) && findingsOf(w, input.findings).some((f) => !f.suppressed && f.score >= SEVERITY_POINTS.medium),
    );
  }
  return selected.map((w) => ({
    workload: w.name,
    file: w.file,
    markdown: noteMarkdown(w, findingsOf(w, input.findings), input.facts, input.today, input.texts),
  }));
}

export function noteMarkdown(
  w: Workload,
  findings: Finding[],
  files: Map<string, FileFacts>,
  today: string,
  texts?: ReadonlyMap<string, string>,
): string {
  const facts = gatherWorkloadFacts(w, files, texts);
  const fields = w.annotation?.annotation.fields ?? {};
  // Only what the team wrote counts as said: an empty or TODO field is still a question.
  const field = (key: string, fallback: string) => (isFilled(fields[key]) ? redactSecrets(fields[key]) : fallback);
  const purpose = hasRealPurpose(fields)
    ? redactSecrets(fields.purpose)
    : 'TODO: one or two sentences a provider support engineer would understand (what the job is for, whose data, why this volume)';
  const total =
    typeof w.volume === 'number' ? `${w.volume.toLocaleString('en-US')} requests per run × TODO: runs` : 'TODO: requests per run × runs';
  const lines: string[] = [
    `# Pre-clearance note: ${w.name}`,
    '',
    `_Draft generated on ${today} by Prompt Pattern Review from \`${w.file}\`. Replace every \`TODO:\` before sending; this ` +
      `note was not sent anywhere._`,
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
    `- Total: ${total}`,
    `- Schedule: TODO: one-off, nightly, monthly…`,
    `- Peak concurrency: ${facts.concurrency}`,
    `- Rough token estimate: ${facts.tokens}`,
    '',
    '## Prompt shape',
    '',
    ...(facts.templates.length ? facts.templates.flatMap(templateLines) : ['- Template: built at run time (TODO: describe it)']),
    `- What varies between requests: ${facts.varies.join('; ') || 'TODO: describe'}`,
    ...(facts.sampling.length ? [`- Sampling: ${facts.sampling.join('; ')}`] : []),
    '- Secret values are never included.',
    '',
    '## What happens to the outputs',
    '',
    ...(facts.outputs.length
      ? facts.outputs.map((o) => `- ${o}`)
      : ['- No file or database writes of the outputs were found in code (TODO: confirm)']),
    ...facts.training.map((t) => `- Training code in the workspace: ${t}`),
    ...(facts.training.length ? ['- TODO: explain what the training code trains and on which data'] : []),
    `- Retention: ${field('data', 'TODO: how long outputs are kept and who can read them')}`,
    '- TODO: say whether the outputs train or improve any model, and which one.',
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

/** A template quoted whole, in a fence longer than any backtick run inside it. */
function templateLines(t: WorkloadFacts['templates'][number]): string[] {
  const fence = '`'.repeat(Math.max(3, ...[...t.text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const label = t.name ? `\`${t.name}\`${t.at ? ` (${t.at})` : ''}` : (t.at ?? '');
  return [`- Template${label ? ' ' + label : ''}:`, '', `  ${fence}text`, ...t.text.split('\n').map((l) => `  ${l}`), `  ${fence}`, ''];
}

/** One line per rule: a workload reported on its driver and on the calls it reaches is one signal. */
function signalLines(findings: Finding[]): string[] {
  const active = findings.filter((f) => !f.suppressed);
  if (!active.length) return ['- No findings are active for this workload.'];
  const byRule = new Map<string, Finding[]>();
  for (const f of active) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  return [...byRule].map(([ruleId, group]) => {
    const f = group.reduce((a, b) => (SEVERITY_POINTS[b.severity] > SEVERITY_POINTS[a.severity] ? b : a));
    const title = RULES_BY_ID.get(ruleId)?.meta.title ?? ruleId;
    const scored = severityOfScore(f.score);
    const level = f.annotated && scored !== f.severity ? `${scored}, shown as ${f.severity} because documented` : f.severity;
    const files = [...new Set(group.map((g) => g.file))];
    return (
      `- **${title}** ` +
      `(\`${ruleId}\`, ${level}; ${files.map((x) => `\`${x}\``).join(', ')}): ${redactSecrets(f.signals.join(', ') || f.message)}`
    );
  });
}

/**
 * Ticked only when the field is filled in the annotation, or the code shows the mitigation in
 * place; what the code cannot settle (one account, a mitigation that is not needed) stays open
 * with the reason beside it, so the note never claims what nobody said.
 */
function checklist(w: Workload, facts: WorkloadFacts, fields: Record<string, string>, today: string): string[] {
  const box = (done: boolean, text: string) => `- [${done ? 'x' : ' '}] ${text}`;
  const status = (name: string) => facts.mitigations.find((m) => m.name.startsWith(name))?.status;
  const concurrency = status('Concurrency');
  const accounts =
    facts.accounts.count === 'one' ? ' (the code shows one client and key; confirm the account id)' : ' (the code shows several)';
  return [
    box(hasRealPurpose(fields), 'Purpose written in the `@llm-usage` annotation'),
    box(isFilled(fields.owner), 'Owner named'),
    box(isFilled(fields.volume), 'Volume declared (per run and per day or month)'),
    box(isFilled(fields.data), 'Output retention stated, and whether the outputs train any model'),
    box(false, `One account and key for this workload${accounts}`),
    box(status('Backoff') === 'in place', 'Backoff on 429 / overloaded responses'),
    box(
      concurrency === 'in place',
      `Concurrency limited${concurrency === 'not needed' ? ' (not needed: the code sends requests one at a time)' : ''}`,
    ),
    box(status('End-user') === 'in place', 'End-user or job id sent with each request'),
    box(false, 'Requests logged with template id and input hash'),
    box(facts.apiFamilies.includes('batch'), "Large runs sent through the provider's Batch API where it fits"),
    box(hasClearance(w, today), "Provider's answer recorded as `clearance:` in the annotation"),
  ];
}
