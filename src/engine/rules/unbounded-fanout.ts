// unbounded-fanout: concurrent fan-out of model calls with no concurrency limit.
import { defineRule, type RuleHit } from './types';
import { hitAtSite, loopSignal, workloadSites } from './hits';

export const unboundedFanout = defineRule({
  meta: {
    id: 'unbounded-fanout',
    title: 'Concurrent calls with no limit',
    severity: 'low',
    tags: ['volume', 'concurrency'],
    summary: 'Model calls for a whole collection are started at once (Promise.all, asyncio.gather, pools) with no concurrency limit.',
    lowering: 'purpose',
    docs: {
      flags:
        '`Promise.all(items.map(...))`, `asyncio.gather(*[...])`, `asyncio.create_task` per item, un-awaited calls pushed to a ' +
        'list then awaited together, thread or process pools and similar fan-out of hosted-model calls over a collection, ' +
        'where no `p-limit`, semaphore, `max_workers` bound or rate limiter is visible and the items are not taken one ' +
        "fixed-size chunk at a time. Fan-out inside a request handler over one user's items is not reported.",
      whyProvidersCare:
        'Synchronised bursts of parallel requests are a detection signal of their own ("synchronized fan-out" in providers\' ' +
        'reports) and trip rate limits, which in turn tempts retry storms.',
      legitimateCases: 'A handful of parallel calls for one task, an eval over a small fixed suite.',
      howToDocument:
        'Give the expected peak concurrency in the `volume` field of the `@llm-usage` block; better, add a limit so the number ' +
        'is true by construction.',
      example: {
        language: 'typescript',
        code:
          'await Promise.all(rows.map((row) =>\n' +
          '  client.messages.create({ model: "claude-haiku-4-5", max_tokens: 256,\n' +
          '    messages: [{ role: "user", content: row.text }] })));',
      },
      instead: 'Bound concurrency (`p-limit`, `asyncio.Semaphore`, `max_workers`) and rate, and use the Batch API for large jobs.',
    },
  },
  reads: ['workloads'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const { workload, site } of workloadSites(context)) {
      const fan = site.repetition.find((r) => r.concurrent && !r.limited);
      if (!fan) continue;
      hits.push(
        hitAtSite('unbounded-fanout', site, workload, [
          loopSignal(site),
          { key: 'fanout', text: 'concurrent with no limit', file: site.file, range: fan.range },
        ]),
      );
    }
    return hits;
  },
});
