// bulk-generation-loop: a provider call repeated over a dataset, file, range or list.
import { defineRule, type RuleHit } from './types';
import { hitAtSite, loopSignal, workloadSites } from './hits';

/** Below this many known requests a loop is a handful of calls, reported low. */
const SMALL_RUN = 20;

export const bulkGenerationLoop = defineRule({
  meta: {
    id: 'bulk-generation-loop',
    title: 'Provider call repeated over a dataset',
    severity: 'medium',
    tags: ['volume', 'distillation'],
    summary: 'A hosted-model call runs once per item of a dataset, file, range or list.',
    lowering: 'purpose',
    docs: {
      flags:
        'A call to a hosted model (directly or through a workspace wrapper, across files) inside a loop, comprehension, ' +
        '`.map`, pool or `Promise.all` over a dataset, file lines, `range(N)` or a list, with the volume estimated from ' +
        'literals where they allow. Evaluation frameworks that run a task once per item of their data (evalite, Braintrust ' +
        '`Eval`, vitest-evals, LangSmith `evaluate`) and helpers that call each function of a table they are handed count as ' +
        'loops too. Agent tool loops, retry loops, chat loops that read the next user turn and loops inside request handlers ' +
        'are not counted: one user drives them. A loop over the chunks of one input the function was handed (one document, one ' +
        'subtitle file) is per-input work and reported low, as is an embedding batch over a corpus.',
      whyProvidersCare:
        "Distillation and capability-extraction campaigns look like this from the provider's side: many near-identical " +
        'templated requests in a burst. Detection systems count requests per key with similar structure; a large unexplained ' +
        'sweep can trigger rate limiting, review or suspension.',
      legitimateCases:
        'Batch enrichment of your own records, evaluation of your prompts, migrations, classification and summarisation jobs ' +
        'over your own data. These stay medium or low unless outputs are kept as a dataset or other extraction signals ' +
        'co-occur.',
      howToDocument:
        'Add an `@llm-usage` block above the loop with `purpose`, `volume` and `owner`; for large or recurring runs use the ' +
        "provider's Batch API and record the provider's confirmation under `clearance`.",
      example: {
        language: 'python',
        code:
          'for row in load_dataset("squad")["train"]:\n' +
          '    client.messages.create(model="claude-sonnet-4-5", max_tokens=512,\n' +
          '        messages=[{"role": "user", "content": row["question"]}])',
      },
      instead:
        'Document the workload, bound its volume, add a concurrency limit and backoff, and send large jobs through the Batch ' +
        'API after pre-clearing them with the provider.',
    },
  },
  reads: ['workloads'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const { workload, site } of workloadSites(context)) {
      const loop = site.repetition.find(
        (r) => r.kind !== 'timer' && r.kind !== 'infinite' && r.kind !== 'queue' && r.kind !== 'parametrize',
      );
      if (!loop || workload.testLike || site.api === 'fine-tuning' || site.api === 'batch') continue;
      // Embedding a corpus is a batch job: reported low, raised only by what its workload keeps.
      const small = (typeof workload.volume === 'number' && workload.volume < SMALL_RUN) || site.api === 'embeddings';
      hits.push(hitAtSite('bulk-generation-loop', site, workload, [loopSignal(site)], small ? { severity: 'low' } : {}));
    }
    return hits;
  },
});
