// multi-model-harvest: the same prompts sent to a list of models or providers, outputs recorded.
import { defineRule, type RuleHit } from './types';
import { hitAtSite, loopSignal, workloadSites } from './hits';

export const multiModelHarvest = defineRule({
  meta: {
    id: 'multi-model-harvest',
    title: 'Same prompts collected from several models',
    severity: 'medium',
    tags: ['distillation', 'multi-model'],
    summary: 'A bulk workload sends the same prompts to a list of models or providers and records their outputs.',
    lowering: 'clearance',
    docs: {
      flags:
        'A loop over a list of models or providers (`MODELS`, `teachers`, a list literal of model names) around a call whose ' +
        'model is chosen at run time, or one loop that calls several providers, when the outputs are written somewhere (a ' +
        'file, a dataset, a database).',
      whyProvidersCare:
        'Collecting the same prompts from several frontier models is how response-comparison and preference datasets are built ' +
        'for training, and providers note that extraction campaigns pivot quickly to each new model.',
      legitimateCases:
        'Model selection for your product, a comparison eval that keeps scores, a migration that checks a new model against ' +
        'the old one on your own prompts.',
      howToDocument:
        'Say in `purpose` which decision the comparison supports and what is kept (`data: scores only; responses deleted after ' +
        'review`); pre-clear large comparisons.',
      example: {
        language: 'python',
        code:
          'for model in ["gpt-4o", "claude-sonnet-4-5", "gemini-2.5-pro"]:\n' +
          '    for prompt in prompts:\n' +
          '        rows.append({"model": model, "response": litellm.completion(model=model, messages=[{"role": "user", ' +
          '"content": prompt}])})\n' +
          'pd.DataFrame(rows).to_parquet("responses.parquet")',
      },
      instead: 'Keep comparison scores rather than full responses, compare on a sample, and document the purpose.',
    },
  },
  reads: ['workloads'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const { workload, site } of workloadSites(context)) {
      const sweep = workload.modelSweep;
      if (!sweep || !workload.sinks.some(({ sink }) => sink.writesModelOutput)) continue;
      hits.push(
        hitAtSite('multi-model-harvest', site, workload, [
          loopSignal(site),
          { key: 'multi-model', text: sweep.text, file: sweep.file, range: sweep.range },
        ]),
      );
    }
    return hits;
  },
});
