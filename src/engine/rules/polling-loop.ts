// polling-loop: a model called on a timer, in an infinite loop, or once per job of a queue consumer.
import { defineRule, type RuleHit } from './types';
import { hitAtSite, workloadSites } from './hits';

export const pollingLoop = defineRule({
  meta: {
    id: 'polling-loop',
    title: 'Model called on a timer or per queued job',
    severity: 'medium',
    tags: ['volume', 'polling'],
    summary: 'A hosted model is called from `setInterval`, a scheduler or an infinite loop, usually with the same prompt.',
    lowering: 'purpose',
    docs: {
      flags:
        'Calls inside `setInterval`, scheduler callbacks and cron jobs (node-cron, APScheduler, `schedule`, NestJS `@Cron`, ' +
        'Celery periodic tasks), `while True:` or `for (;;)` loops (often with a sleep) and `while running:` loops that sleep ' +
        'between calls; at low, calls made once per job by a queue consumer (BullMQ and Bull workers, Kafka and AMQP ' +
        'consumers, Celery, Dramatiq and RQ tasks, Inngest and Trigger.dev functions). Chat loops that wait for the next ' +
        "user message, agent loops, retry loops and loops that poll a batch job's or file's status are not reported.",
      whyProvidersCare:
        'A model hit at a steady cadence with a fixed prompt is unattended, unbounded traffic; providers ask for such jobs to ' +
        'be documented and pre-cleared, and a runaway poller is indistinguishable from abuse.',
      legitimateCases:
        'A dashboard that summarises new tickets every hour, a monitor that classifies incoming events, a scheduled report, ' +
        'a background worker that summarises each upload.',
      howToDocument: 'Add an `@llm-usage` block with the schedule and the daily `volume`, and an `owner` who is paged when it misbehaves.',
      example: {
        language: 'python',
        code:
          'while True:\n' +
          '    summary = client.messages.create(model="claude-haiku-4-5", max_tokens=300,\n' +
          '        messages=[{"role": "user", "content": "Summarise the latest alerts."}])\n' +
          '    time.sleep(60)',
      },
      instead: 'Call only when there is new input (event-driven), cache results, cap the daily volume and document the schedule.',
    },
  },
  reads: ['workloads'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const { workload, site } of workloadSites(context)) {
      // Waiting on a batch job or an uploaded file polls its status, not the model.
      if (site.api === 'batch' || site.api === 'files' || site.api === 'fine-tuning' || site.api === 'count_tokens') continue;
      const loop = site.repetition.find(
        (r) => r.kind === 'infinite' || r.kind === 'timer' || r.kind === 'queue' || (r.kind === 'while' && r.sleeps),
      );
      if (!loop) continue;
      const what =
        loop.kind === 'timer'
          ? 'called on a timer'
          : loop.kind === 'queue'
            ? 'called once per queued job'
            : loop.kind === 'infinite'
              ? 'called in an infinite loop'
              : 'called in a loop that sleeps between calls';
      const signals = [{ key: 'polling' as const, text: what, file: site.file, range: loop.range }];
      // A queue's pace is set by whoever enqueues: unattended traffic worth a note, not a poll.
      hits.push(hitAtSite('polling-loop', site, workload, signals, loop.kind === 'queue' ? { severity: 'low' } : {}));
    }
    return hits;
  },
});
