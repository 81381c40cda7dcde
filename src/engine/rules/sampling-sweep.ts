// sampling-sweep: several samples per prompt, or temperature/seed sweeps, in bulk.
import { defineRule, type RuleHit, type Signal } from './types';
import { hitAtSite, loopSignal, workloadSites } from './hits';
import { samplesPerCall } from '../workloads';

export const samplingSweep = defineRule({
  meta: {
    id: 'sampling-sweep',
    title: 'Several samples per prompt',
    severity: 'low',
    tags: ['volume', 'sampling'],
    summary: 'A bulk workload asks for several completions per prompt (n, best_of, candidate_count) or sweeps temperatures or seeds.',
    lowering: 'clearance',
    docs: {
      flags:
        '`n`, `best_of` or `candidate_count` above 1, or a loop over temperatures or seeds, on calls inside a bulk workload. ' +
        'It multiplies the volume estimate. A single request with `n=3` (suggestions for one user) is not reported.',
      whyProvidersCare:
        'Many samples per prompt is how distillation pipelines build diverse outputs and preference pairs; it multiplies ' +
        'traffic without adding new prompts, which detectors notice.',
      legitimateCases:
        'Self-consistency voting in an eval, pass@k measurement on a code benchmark, generating a few candidates for a ' +
        'reviewer to choose from.',
      howToDocument:
        'Include the multiplier in the `volume` of the `@llm-usage` block ("2,000 prompts × 5 samples") and say what the samples are for.',
      example: {
        language: 'python',
        code:
          'for problem in problems:\n' +
          '    client.chat.completions.create(model="gpt-4o", n=8, temperature=1.0,\n' +
          '        messages=[{"role": "user", "content": problem}])',
      },
      instead: 'Use the fewest samples that answer the question, and document the multiplier.',
    },
  },
  reads: ['workloads'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const { workload, site } of workloadSites(context)) {
      const own: Signal[] = [];
      const samples = samplesPerCall(site);
      if (samples > 1)
        own.push({ key: 'multi-sample', text: `${samples} samples per prompt`, file: site.target.file, range: site.target.range });
      const sweep = site.repetition.find((r) => r === workload.temperatureSweep);
      if (sweep) own.push({ key: 'temperature-sweep', text: 'sweeps temperatures or seeds', file: site.file, range: sweep.range });
      if (own.length) hits.push(hitAtSite('sampling-sweep', site, workload, [loopSignal(site), ...own]));
    }
    return hits;
  },
});
