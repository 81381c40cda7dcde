// capability-coverage-sweep: iteration over skill/task/domain lists; evol/self-instruct mutation prompts.
import { defineRule, type RuleHit, type Signal } from './types';
import { hitAtSite, loopSignal, workloadSites } from './hits';

export const capabilityCoverageSweep = defineRule({
  meta: {
    id: 'capability-coverage-sweep',
    title: 'Sweep across capabilities or domains',
    severity: 'high',
    tags: ['distillation', 'capability-mapping'],
    summary: 'A bulk workload walks a list of skills, tasks, domains or benchmarks, or mutates seed instructions evol/self-instruct style.',
    lowering: 'clearance',
    docs: {
      flags:
        'Hosted-model calls in a loop over a list named like capabilities, skills, tasks, categories, domains, subjects, ' +
        'topics or benchmarks (with at least three entries), or in a workload whose prompts ask the model to evolve, ' +
        'complicate or invent new instructions (evol-instruct, self-instruct, "generate 20 new diverse tasks"). Prompts that ' +
        'ask for generated examples count when the outputs are saved as a dataset.',
      whyProvidersCare:
        'Systematic coverage of capability areas is how extraction campaigns map what a model can do and gather training data ' +
        "for each skill. Providers' reports describe exactly this: prompts aimed at narrow capabilities, rotated across " +
        'domains.',
      legitimateCases:
        'A product that serves several domains and tests each one, curriculum content your team writes with model help and ' +
        "reviews, an eval suite whose categories mirror your product's features.",
      howToDocument:
        'State in `purpose` why each domain is covered and what the outputs are used for; give the total `volume`; record ' +
        '`clearance` from the provider before generating data at scale.',
      example: {
        language: 'python',
        code:
          'SKILLS = ["algebra", "contract law", "organic chemistry", "python debugging"]\n' +
          'for skill in SKILLS:\n' +
          '    for i in range(200):\n' +
          '        client.messages.create(model="claude-sonnet-4-5", max_tokens=1024,\n' +
          '            messages=[{"role": "user", "content": f"Write a hard {skill} problem and solve it."}])',
      },
      instead:
        'Limit generation to the domains your product needs, review and edit generated material, and pre-clear any dataset ' +
        'generation with the provider.',
    },
  },
  reads: ['workloads'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const { workload, site } of workloadSites(context)) {
      const own: Signal[] = [];
      if (workload.capabilityLoop) {
        const name = workload.capabilityLoop.iterable.names[0]?.split('.').pop() ?? 'a capability list';
        own.push({ key: 'capability', text: `sweeps ${name}`, file: site.file, range: workload.capabilityLoop.range });
      }
      const mutation = workload.promptFeatures.find(
        ({ feature }) => feature.kind === 'seed-task-mutation' && !feature.text.startsWith('samples seed tasks'),
      );
      const generation = workload.promptFeatures.find(({ feature }) => feature.kind === 'data-generation');
      if (mutation)
        own.push({ key: 'synthetic', text: 'self-instruct/evol-instruct prompt', file: mutation.file, range: mutation.feature.range });
      else if (generation && workload.harvest?.strength === 'strong')
        own.push({ key: 'synthetic', text: 'prompt asks for generated examples', file: generation.file, range: generation.feature.range });
      if (!own.length) continue;
      hits.push(hitAtSite('capability-coverage-sweep', site, workload, [loopSignal(site), ...own]));
    }
    return hits;
  },
});
