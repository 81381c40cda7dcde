// bulk-generation-loop: a provider call repeated over a dataset, file, range or list.
import type { Rule, RuleHit } from './types';
import { describeRepetition } from './describe';

export const bulkGenerationLoop: Rule = {
  meta: {
    id: 'bulk-generation-loop',
    title: 'Provider call repeated over a dataset',
    severity: 'medium',
    tags: ['volume', 'distillation'],
    summary: 'A hosted-model call runs once per item of a dataset, file, range or list.',
    documentable: true,
    docs: {
      flags: 'A call to a hosted model (directly or through a workspace wrapper) inside a loop, comprehension, `.map`, pool or `Promise.all` over a dataset, file lines, `range(N)` or a list, with the volume estimated from literals where they allow.',
      whyProvidersCare: 'Distillation and capability-extraction campaigns look like this from the provider\'s side: many near-identical templated requests in a burst. Detection systems count requests per key with similar structure; a large unexplained sweep can trigger rate limiting, review or suspension.',
      legitimateCases: 'Batch enrichment of your own records, evaluation of your prompts, migrations, classification and summarisation jobs over your own data.',
      howToDocument: 'Add an `@llm-usage` block above the loop with `purpose`, `volume` and `owner`; for large or recurring runs use the provider\'s Batch API and record the provider\'s confirmation under `clearance`.',
      example: { language: 'python', code: 'for row in load_dataset("squad")["train"]:\n    client.messages.create(model="claude-sonnet-4-5", max_tokens=512,\n        messages=[{"role": "user", "content": row["question"]}])' },
      instead: 'Document the workload, bound its volume, add a concurrency limit and backoff, and send large jobs through the Batch API after pre-clearing them with the provider.',
    },
  },
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const workload of context.workloads) {
      for (const site of workload.sites) {
        const loop = site.repetition.find((r) => r.kind !== 'timer' && r.kind !== 'infinite');
        if (!loop || site.api === 'count_tokens' || site.api === 'fine-tuning' || site.api === 'files') continue;
        if (site.inRequestHandler && !loop.iterable.count && loop.iterable.kind === 'unknown') continue;
        hits.push({
          ruleId: 'bulk-generation-loop',
          file: site.file,
          range: site.range,
          provider: site.provider,
          workload,
          signals: [{ key: 'loop', text: describeRepetition(site.repetition), file: site.file, range: loop.range }],
        });
      }
    }
    return hits;
  },
};
