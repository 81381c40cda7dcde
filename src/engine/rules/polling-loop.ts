// polling-loop: a model called on a timer or in an infinite loop.
import { defineRule, type RuleHit } from './types';
import { hitAtSite, workloadSites } from './hits';

export const pollingLoop = defineRule({
  meta: {
    id: 'polling-loop',
    title: 'Model called on a timer',
    severity: 'medium',
    tags: ['volume', 'polling'],
    summary: 'A hosted model is called from `setInterval`, a scheduler or an infinite loop, usually with the same prompt.',
    lowering: 'purpose',
    docs: {
      flags:
        'Calls inside `setInterval`, scheduler callbacks, `while True:` or `for (;;)` loops (often with a sleep) and `while ' +
        'running:` loops that sleep between calls. Chat loops that wait for the next user message, agent loops, retry loops ' +
        "and loops that poll a batch job's or file's status are not reported.",
      whyProvidersCare:
        'A model hit at a steady cadence with a fixed prompt is unattended, unbounded traffic; providers ask for such jobs to ' +
        'be documented and pre-cleared, and a runaway poller is indistinguishable from abuse.',
      legitimateCases: 'A dashboard that summarises new tickets every hour, a monitor that classifies incoming events, a scheduled report.',
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
      const loop = site.repetition.find((r) => r.kind === 'infinite' || r.kind === 'timer' || (r.kind === 'while' && r.sleeps));
      if (!loop) continue;
      const what =
        loop.kind === 'timer'
          ? 'called on a timer'
          : loop.kind === 'infinite'
            ? 'called in an infinite loop'
            : 'called in a loop that sleeps between calls';
      hits.push(hitAtSite('polling-loop', site, workload, [{ key: 'polling', text: what, file: site.file, range: loop.range }]));
    }
    return hits;
  },
});
