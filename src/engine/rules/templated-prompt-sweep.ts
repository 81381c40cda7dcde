// templated-prompt-sweep: a prompt template filled from a product of lists, or from sampled seed tasks.
import type { Repetition } from '../types';
import { defineRule, type RuleHit } from './types';
import { hitAtSite, loopSignal, workloadSites } from './hits';
import { formatCount } from './describe';

export const templatedPromptSweep = defineRule({
  meta: {
    id: 'templated-prompt-sweep',
    title: 'Prompt template swept over combinations',
    severity: 'medium',
    tags: ['distillation', 'prompts'],
    summary: 'A prompt template is filled from every combination of several lists, or from randomly sampled seed tasks.',
    lowering: 'clearance',
    docs: {
      flags:
        'A hosted-model call inside nested loops over two or more lists (or an `itertools.product`), or in a workload whose ' +
        'prompt is built from seed tasks drawn with `random.sample` / `random.choices` (the self-instruct recipe). The ' +
        'combinations multiply: 8 topics × 3 styles × 500 samples is 12,000 near-identical requests.',
      whyProvidersCare:
        "Near-duplicate prompts that vary a few slots systematically are the signature providers' classifiers look for: they " +
        'map a capability region by enumeration, and they are how synthetic training sets are generated.',
      legitimateCases:
        'A test matrix over your own prompt variants, localisation of UI strings into a list of languages, a grid evaluation ' +
        "of your product's prompts over a fixed set of cases.",
      howToDocument:
        'Document the grid in an `@llm-usage` block: what the dimensions are, the total volume, and what happens to outputs. ' +
        'For large grids use the Batch API and pre-clear with the provider.',
      example: {
        language: 'python',
        code:
          'for topic in TOPICS:\n' +
          '    for style in STYLES:\n' +
          '        client.messages.create(model="claude-sonnet-4-5", max_tokens=800,\n' +
          '            messages=[{"role": "user", "content": PROMPT.format(topic=topic, style=style)}])',
      },
      instead:
        'Sweep only the combinations you need (sample the grid), keep outputs only as long as the purpose requires, and ' +
        'document the workload.',
    },
  },
  reads: ['workloads'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const { workload, site } of workloadSites(context)) {
      const lists = site.repetition.filter(isListLike);
      const product = site.repetition.find((r) => r.iterable.kind === 'product');
      const seeds = workload.promptFeatures.find(
        ({ feature }) => feature.kind === 'seed-task-mutation' && feature.text.startsWith('samples seed tasks'),
      );
      if (product || lists.length >= 2) {
        const combos = combinations(product ? [product] : lists);
        hits.push(
          hitAtSite('templated-prompt-sweep', site, workload, [
            loopSignal(site),
            { key: 'template', text: `template filled from ${combos}` },
          ]),
        );
      } else if (seeds) {
        hits.push(
          hitAtSite('templated-prompt-sweep', site, workload, [
            loopSignal(site),
            { key: 'template', text: 'prompt built from sampled seed tasks', file: seeds.file, range: seeds.feature.range },
          ]),
        );
      }
    }
    return hits;
  },
});

function isListLike(r: Repetition): boolean {
  return r.iterable.kind === 'list' || r.iterable.kind === 'product';
}

function combinations(reps: Repetition[]): string {
  const counts = reps.map((r) => r.iterable.count);
  if (counts.every((c) => c !== undefined)) return `${formatCount(counts.reduce((a, b) => a! * b!, 1)!)} combinations`;
  return `a product of ${reps.length > 1 ? reps.length : 'several'} lists`;
}
