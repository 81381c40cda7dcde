// What a pre-clearance note says about one workload, gathered from the facts: endpoints, models,
// accounts, concurrency, prompt shape, outputs and the mitigations visible in code. Every string
// taken from the workspace is redacted here, before any formatting.
import type { FileFacts, Repetition } from '../types';
import type { Workload } from '../workloads';
import { isHarvestSink } from '../workloads';
import { describeRepetition, formatCount, providerName } from '../rules/describe';
import { redactSecrets } from '../secrets';
import { fullTemplateText } from './note-template';

export type MitigationStatus = 'in place' | 'missing' | 'not needed' | 'not detected';

export interface Mitigation {
  name: string;
  status: MitigationStatus;
  detail: string;
}

export interface WorkloadFacts {
  providers: string[];
  models: string[];
  /** `client.messages.create (chat)`, with the wrapper chain and base URL host when known. */
  endpoints: string[];
  apiFamilies: string[];
  accounts: { count: 'one' | 'several'; detail: string };
  perRun: string;
  concurrency: string;
  tokens: string;
  /** Whole prompt templates, each with where it is defined when known. */
  templates: { text: string; name?: string; at?: string }[];
  varies: string[];
  sampling: string[];
  outputs: string[];
  /** One entry per training file: the file and what in it trains. */
  training: string[];
  mitigations: Mitigation[];
}

const POOL_KINDS = new Set(['key-list', 'key-env-family', 'key-choice', 'key-switch-on-error', 'multi-client', 'key-minting']);
/** `texts` (file → source text) lets the note quote whole templates; without it, the noticed pieces are quoted. */
export function gatherWorkloadFacts(w: Workload, files: Map<string, FileFacts>, texts?: ReadonlyMap<string, string>): WorkloadFacts {
  const touched = new Set([w.file, ...w.sites.map((s) => s.target.file)]);
  const touchedFacts = [...touched].map((f) => files.get(f)).filter((f): f is FileFacts => !!f);
  const targets = w.sites.map((s) => s.target);
  const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v).map(redactSecrets))];

  const credentials = touchedFacts.flatMap((f) =>
    f.credentials.filter((c) => POOL_KINDS.has(c.kind)).map((c) => `${c.kind} in ${f.file}:${c.range.startLine + 1}`),
  );
  const retries = touchedFacts.flatMap((f) => f.retries);
  const concurrentReps = w.sites.flatMap((s) => s.repetition).filter((r) => r.concurrent);
  const templates = promptTemplates(w, touchedFacts, texts);
  const prompts = templates.map((t) => t.text);
  const promptChars = Math.max(0, ...prompts.map((t) => t.length), ...targets.map((t) => t.prompt?.text.length ?? 0));

  return {
    providers: [...new Set(w.providers.map(providerName))],
    models: unique(targets.map((t) => t.model ?? (t.modelDynamic ? 'TODO: model chosen at run time (variable)' : undefined))),
    endpoints: unique(
      w.sites.map((s) => {
        const via = s.viaWrapper ? ` via ${s.viaWrapper.chain.join(' → ')}` : '';
        const host = s.target.host ? ` at ${s.target.host}` : '';
        return `\`${s.target.callee}\` (${s.target.api})${via}${host}`;
      }),
    ),
    apiFamilies: [...new Set(targets.map((t) => t.api))],
    accounts: credentials.length
      ? {
          count: 'several',
          detail:
            `several keys or clients: ${redactSecrets(credentials.join('; '))}. Providers expect one account per workload; ` +
            `explain or consolidate.`,
        }
      : { count: 'one', detail: '1 (a single client and key seen in code; TODO: confirm the account/organisation id)' },
    perRun: perRunVolume(w),
    concurrency: describeConcurrency(concurrentReps),
    tokens: tokenEstimate(w.volume, promptChars),
    templates: templates.map((t) => ({ ...t, text: redactSecrets(t.text) })),
    varies: varyingParts(w, prompts),
    sampling: samplingNotes(w),
    outputs: unique(
      w.sinks.map(
        ({ file, sink }) =>
          `${isHarvestSink(sink) ? 'model outputs written' : 'results written'} to ${sink.target ?? 'an unnamed target'} ` +
          `(${sink.format}) in ${file}:${sink.range.startLine + 1}${sink.writesReasoning ? ', including reasoning/thinking text' : ''}`,
      ),
    ),
    training: trainingByFile(w),
    mitigations: [
      backoff(retries.map((r) => r.kind)),
      concurrencyLimit(concurrentReps),
      endUserIds(w),
      {
        name: 'Logging of template ids and input hashes',
        status: 'not detected',
        detail: 'TODO: describe how requests are logged (template id, input hash, run id) so they can be tied back to this job',
      },
    ],
  };
}

/**
 * Prompt literals at the calls, and prompt-like strings the rules noticed in the workload's files,
 * each as the whole constant it belongs to when the file's text is known. A text contained in
 * another is the same template seen twice.
 */
function promptTemplates(
  w: Workload,
  touched: FileFacts[],
  texts?: ReadonlyMap<string, string>,
): { text: string; name?: string; at?: string }[] {
  const found: { text: string; name?: string; at?: string }[] = [];
  for (const p of w.sites.map((s) => s.target.prompt)) {
    if (p && p.kind !== 'variable' && p.kind !== 'unknown') found.push({ text: p.text });
  }
  for (const f of touched) {
    for (const p of f.promptFeatures) {
      if (p.kind === 'model-list' || p.kind === 'capability-list') continue;
      const source = texts?.get(f.file);
      const whole = p.assignedTo && source ? fullTemplateText(source, p.assignedTo, p.range.startLine) : undefined;
      found.push({
        text: whole && whole.includes(p.text.slice(0, 20)) ? whole : p.text,
        name: p.assignedTo,
        at: `${f.file}:${p.range.startLine + 1}`,
      });
    }
  }
  // `[{"role": "user", "content": prompt}]` says nothing about the prompt: keep texts with prose in them.
  const prose = found.filter((t) => /[A-Za-z]{3,}(\s+[A-Za-z{}]+){3,}/.test(t.text));
  const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
  return prose.filter(
    (t, i) => !prose.some((o, j) => j !== i && norm(o.text).includes(norm(t.text)) && (norm(o.text) !== norm(t.text) || j < i)),
  );
}

/** Training code, one entry per file however many training signals the file holds. */
function trainingByFile(w: Workload): string[] {
  const byFile = new Map<string, string[]>();
  for (const { file, signal } of w.training) {
    const list = byFile.get(file) ?? [];
    const what = `${signal.kind} (${signal.detail}) at line ${signal.range.startLine + 1}`;
    if (!list.includes(what)) list.push(what);
    byFile.set(file, list);
  }
  return [...byFile].map(([file, what]) => redactSecrets(`${file}: ${what.join('; ')}`));
}

function perRunVolume(w: Workload): string {
  const how = describeRepetition(w.repetition);
  if (w.volume === 'unbounded') return `unbounded from the code (${how}); TODO: give the real number of items per run`;
  if (w.volume === null) return 'single call per run';
  return `${formatCount(w.volume)} requests per run (${how})`;
}

function describeConcurrency(concurrent: Repetition[]): string {
  if (!concurrent.length) return 'sequential: one request at a time';
  if (concurrent.every((r) => r.limited)) return 'concurrent with a limit in code (TODO: state the limit)';
  return 'concurrent with no limit in code (every item at once); TODO: add and state a limit';
}

/** Prompt tokens from the template's length (~4 characters a token); output tokens stay a TODO. */
function tokenEstimate(volume: number | 'unbounded' | null, promptChars: number): string {
  const perPrompt = Math.max(1, Math.round(promptChars / 4));
  if (typeof volume !== 'number')
    return (
      `~${formatCount(perPrompt)} prompt tokens per request from the template; ` +
      `TODO: total once the volume is known, plus output tokens`
    );
  return (
    `~${formatCount(volume * perPrompt)} prompt tokens per run (${formatCount(volume)} × ~${formatCount(perPrompt)}), ` +
    `plus output tokens (TODO: typical response length × ${formatCount(volume)})`
  );
}

/** Placeholders in the template(s) and the names the loops iterate over. */
function varyingParts(w: Workload, prompts: string[]): string[] {
  const placeholders = new Set<string>();
  for (const text of prompts) {
    for (const m of text.matchAll(/\{([A-Za-z_][\w.]*)\}|\$\{([^}]{1,40})\}/g)) placeholders.add((m[1] ?? m[2]).trim());
  }
  const out = [...placeholders].map((p) => `placeholder \`${p}\``);
  for (const rep of [...w.repetition].reverse()) {
    const what = rep.iterable.names[0] ?? rep.iterable.text;
    if (what)
      out.push(
        `${rep.kind === 'for' || rep.kind === 'comprehension' ? 'loop' : rep.kind} over ` +
          `\`${truncate(what, 60)}\`${rep.iterable.count !== undefined ? ` (${formatCount(rep.iterable.count)} items)` : ''}`,
      );
  }
  return out.map(redactSecrets);
}

function samplingNotes(w: Workload): string[] {
  const notes = new Set<string>();
  for (const { params: p } of w.sites.map((s) => s.target)) {
    if (p.thinking || p.reasoning || p.includeThoughts) notes.add('extended thinking / reasoning requested');
    if (typeof p.n === 'number' && p.n > 1) notes.add(`n=${p.n} samples per request`);
    if (typeof p.candidateCount === 'number' && p.candidateCount > 1) notes.add(`candidate_count=${p.candidateCount}`);
    if (p.temperature !== undefined) notes.add(`temperature ${p.temperature === 'dynamic' ? 'varied at run time' : p.temperature}`);
    if (p.logprobs || p.topLogprobs) notes.add('log-probabilities requested');
  }
  return [...notes];
}

function backoff(kinds: string[]): { name: string; status: MitigationStatus; detail: string } {
  const name = 'Backoff on rate-limit errors';
  if (kinds.includes('retry-no-backoff') || kinds.includes('switch-on-quota'))
    return { name, status: 'missing', detail: 'retries without backoff or client switching on quota errors found in code' };
  if (kinds.includes('retry-with-backoff')) return { name, status: 'in place', detail: 'retry with backoff found in code' };
  return { name, status: 'not detected', detail: 'no retry code found (SDK defaults only); TODO: confirm 429s back off' };
}

function concurrencyLimit(concurrent: Repetition[]): Mitigation {
  const name = 'Concurrency limit';
  if (!concurrent.length) return { name, status: 'not needed', detail: 'requests are sequential' };
  if (concurrent.every((r) => r.limited)) return { name, status: 'in place', detail: 'a limit (pool size, semaphore, p-limit) is visible' };
  return { name, status: 'missing', detail: 'fan-out with no visible limit' };
}

function endUserIds(w: Workload): Mitigation {
  const name = 'End-user ids on requests';
  const targets = w.sites.map((s) => s.target);
  if (targets.every((t) => t.params.endUserId))
    return { name, status: 'in place', detail: 'every request passes an end-user / safety identifier' };
  if (targets.some((t) => t.params.endUserId))
    return { name, status: 'missing', detail: 'some requests pass an end-user id, others do not' };
  return {
    name,
    status: 'missing',
    detail: 'no end-user or job identifier in the request metadata; TODO: add one (metadata.user_id, user, safety_identifier)',
  };
}

function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}
