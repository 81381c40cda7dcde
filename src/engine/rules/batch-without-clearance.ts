// batch-without-clearance: a provider Batch API job, or a workload whose estimated volume per run
// reaches the volume threshold, with no `clearance:` recorded in an `@llm-usage` annotation in force.
// The hit carries no workload on purpose: it is a process reminder, so harvesting or training
// signals (reported by their own rules) must not escalate it past its base severity.
import { defineRule, type RuleContext, type RuleHit, type Signal } from './types';
import type { ProviderId, Range } from '../types';
import type { AnalysedSite, Workload } from '../workloads';
import { documentingAnnotation } from '../annotation-effects';
import { DEFAULT_SCORING } from '../score';
import { formatVolume, providerName } from './describe';

export const batchWithoutClearance = defineRule({
  meta: {
    id: 'batch-without-clearance',
    title: 'Large or batch workload without a recorded clearance',
    severity: 'low',
    tags: ['volume', 'pre-clearance'],
    summary: 'A Batch API job or a workload above the volume threshold has no clearance recorded in its @llm-usage annotation.',
    lowering: 'purpose',
    docs: {
      flags:
        `Calls that create provider batch jobs (Anthropic Message Batches, OpenAI and Mistral batches, Gemini batch jobs, ` +
        `Bedrock model invocation jobs, litellm's batch calls) or poll them and read their results, ` +
        `files of Batch API request records written for a later upload (\`custom_id\` with ` +
        `\`method\`/\`url\`/\`body\` or \`params\`, linked to the upload that names the same file), and workloads whose ` +
        `estimated volume per run is at least the volume threshold ` +
        `(${DEFAULT_SCORING.volumeThreshold.toLocaleString('en-US')} requests by default), when no \`@llm-usage\` annotation ` +
        `covering them records a \`clearance\`.`,
      whyProvidersCare:
        'Providers ask builders to pre-clear load tests, migrations and large batch work. A clearance on file turns a burst ' +
        'that resembles extraction into an expected, explained job; without one the burst is judged on its shape alone.',
      legitimateCases:
        "Small batch jobs under the provider's review thresholds, and internal gateways that already pre-clear traffic " +
        'centrally (record that as the clearance).',
      howToDocument:
        "Contact the provider's support or account team with the pre-clearance note (`prompt-pattern-review note <path>`), " +
        'then record their answer: `clearance: support ticket 48213, approved 2026-10-02`.',
      example: {
        language: 'python',
        code:
          'batch = client.messages.batches.create(requests=[\n' +
          '    {"custom_id": row.id, "params": {"model": "claude-sonnet-4-5", "max_tokens": 512,\n' +
          '     "messages": [{"role": "user", "content": row.text}]}} for row in rows])',
      },
      instead:
        '# @llm-usage\n' +
        '#   purpose: monthly re-classification of our own product catalogue\n' +
        '#   volume: ~40,000 requests/month via the Batch API\n' +
        '#   clearance: Anthropic support ticket 48213, approved 2026-10-02\n' +
        '#   owner: catalog-ml@example.com',
    },
  },
  reads: ['files', 'sites', 'workloads', 'today'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    const report = (file: string, range: Range, provider: ProviderId, lead: string, listedUnder?: Workload, signals: Signal[] = []) => {
      const key = `${file}:${range.startLine}:${range.startColumn}`;
      if (seen.has(key) || cleared(context, file, range)) return;
      seen.add(key);
      // Listed under its workload, but scored on its own: harvesting signals must not escalate a clearance reminder.
      hits.push({ ruleId: 'batch-without-clearance', file, range, provider, signals, lead, listedUnder });
    };
    for (const site of context.sites) {
      if (site.target.api !== 'batch' || site.provider === 'local') continue;
      // A driver that calls a helper of another file to create the batch (`createBatch(openai, file)`)
      // is where the batch work is decided: reported there too, on that call only (not on the
      // `main()` at the bottom of the file that reaches it through the driver).
      if (site.viaWrapper && (site.file === site.target.file || site.viaWrapper.chain.length > 1)) continue;
      const through = site.viaWrapper ? ` through ${site.viaWrapper.chain.join(' → ')}` : '';
      report(
        site.file,
        site.range,
        site.provider,
        `${providerName(site.provider)} batch job ${batchStep(site.target.callee)}${through} with no clearance recorded`,
      );
    }
    // A file of request records is the batch before it is uploaded, wherever the upload is.
    for (const [file, facts] of context.files) {
      for (const sink of facts.sinks) {
        if (!sink.batchRequests) continue;
        const upload = uploadOf(context, sink.target);
        const signals: Signal[] = upload
          ? [{ key: 'batch', text: `uploaded in ${upload.file}:${upload.range.startLine + 1}`, file: upload.file, range: upload.range }]
          : [];
        const into = sink.target ? ` to ${sink.target}` : '';
        report(
          file,
          sink.range,
          sink.batchRequests,
          `${providerName(sink.batchRequests)} Batch API requests written${into} with no clearance recorded`,
          undefined,
          signals,
        );
      }
    }
    for (const workload of context.workloads) {
      if (typeof workload.volume !== 'number' || workload.volume < DEFAULT_SCORING.volumeThreshold) continue;
      const providers = workload.providers.map(providerName).join(', ');
      report(
        workload.file,
        workload.range,
        workload.providers[0],
        `~${formatVolume(workload.volume)} per run to ${providers} with no clearance recorded`,
        workload,
      );
    }
    return hits;
  },
});

/** What a batch call does to its job: the script that polls a batch or reads its results is part of the same job. */
function batchStep(callee: string): string {
  const method = callee.split('.').pop() ?? callee;
  if (/create|submit/i.test(method)) return 'created';
  if (/cancel/i.test(method)) return 'cancelled';
  return /results/i.test(method) ? 'results read' : 'polled';
}

/**
 * The upload of a request file: a files or batch call in a file that names the same data file
 * (`client.files.create(file=open("requests.jsonl", "rb"), purpose="batch")`).
 */
function uploadOf(context: Pick<RuleContext, 'files' | 'sites'>, target: string | undefined): AnalysedSite | undefined {
  const name = target?.split(/[\\/]/).pop()?.toLowerCase();
  if (!name) return undefined;
  return context.sites.find(
    (s) => (s.target.api === 'files' || s.target.api === 'batch') && !!context.files.get(s.file)?.dataFiles.includes(name),
  );
}

/** An annotation in force covering the location records a clearance that is not a placeholder. */
function cleared(context: Pick<RuleContext, 'files' | 'workloads' | 'today'>, file: string, range: Range): boolean {
  const annotation = documentingAnnotation(
    { file, range, workload: context.workloads.find((w) => w.file === file && w.range === range) },
    context.files.get(file),
    context.today,
  );
  const clearance = annotation?.fields.clearance?.trim();
  return !!clearance && !/^(TODO|TBD|none|n\/a|pending)\b/i.test(clearance);
}
