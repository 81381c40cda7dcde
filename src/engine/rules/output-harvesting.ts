// output-harvesting: model outputs of a bulk workload persisted as a dataset.
import { defineRule, type RuleHit } from './types';
import { describeRepetition, providerName } from './describe';
import type { Workload } from '../workloads';

export const outputHarvesting = defineRule({
  meta: {
    id: 'output-harvesting',
    title: 'Model outputs saved as a dataset',
    severity: 'high',
    tags: ['distillation', 'data'],
    summary: 'Responses from a bulk workload are written to JSONL, Parquet, a Hugging Face dataset or a similar store.',
    lowering: 'clearance-when-training-shaped',
    docs: {
      flags:
        'A write of model responses — JSONL/JSON/CSV/Parquet/pickle files, `datasets` `push_to_hub`/`save_to_disk`, project ' +
        'helpers such as `save_jsonl` — reached by a loop or fan-out of hosted-model calls, even when the loop, the call and ' +
        'the write live in different files. Also a single call with no loop whose prompt asks for many items at once (at least ' +
        '20, or a count set by a variable: "generate 100 question-answer pairs", "create {n} diverse training examples") or ' +
        'whose structured output is a list of generated examples, when its output is written the same way: the bulk is inside ' +
        'the request. Records shaped like training data (prompt/response, chat messages, chosen/rejected) and dataset-like ' +
        'names make it stronger; score files, logs and reports do not count. A request for a few items ("3 suggestions") is an ' +
        'ordinary answer.',
      whyProvidersCare:
        'Keeping many responses as a corpus is the step that turns querying into distillation. Provider terms forbid using ' +
        'outputs to build competing models, and their detectors look for templated sweeps whose outputs are evidently ' +
        'collected.',
      legitimateCases:
        'Caching answers for your own product, labelling your own records, building a dataset to train a non-competing model ' +
        '(a classifier, an extractor, a search ranker), keeping raw eval outputs for error analysis.',
      howToDocument:
        'Say in the `@llm-usage` block what the data is for under `purpose` and how long it is kept under `data` (for example ' +
        '"raw responses kept 30 days for error analysis; not used for training"). If the outputs will train a model, name it ' +
        'and why it does not compete, and pre-clear the run with the provider.',
      example: {
        language: 'python',
        code:
          'with open("teacher_outputs.jsonl", "w") as out:\n' +
          '    for prompt in prompts:\n' +
          '        r = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024,\n' +
          '            messages=[{"role": "user", "content": prompt}])\n' +
          '        out.write(json.dumps({"prompt": prompt, "response": r.content[0].text}) + "\\n")',
      },
      instead:
        'Keep only what the purpose needs (scores, labels, ids) rather than full responses, set a retention period, and ' +
        'document and pre-clear any dataset built from responses.',
    },
  },
  reads: ['workloads', 'requestWorkloads'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const workload of context.workloads) {
      if (!workload.harvest || workload.testLike) continue;
      hits.push(harvestHit(workload, describeRepetition(workload.repetition), []));
    }
    // One request that asks for a dataset's worth of items: medium alone, high with a dataset sink or other signals.
    for (const workload of context.requestWorkloads) {
      const synthetic = workload.promptFeatures.find(({ feature }) => feature.kind === 'data-generation');
      const extra = synthetic
        ? [{ key: 'synthetic' as const, text: 'prompt asks for generated examples', file: synthetic.file, range: synthetic.feature.range }]
        : [];
      hits.push(harvestHit(workload, 'a single request for many items', extra));
    }
    return hits;
  },
});

/** The finding on a workload's harvest sink: where the outputs of `source` are written. */
function harvestHit(workload: Workload, source: string, extra: RuleHit['signals']): RuleHit {
  const harvest = workload.harvest!;
  const provider = workload.providers[0];
  const target = harvest.sink.target ?? harvest.sink.format;
  return {
    ruleId: 'output-harvesting',
    file: harvest.file,
    range: harvest.sink.range,
    provider,
    workload,
    severity: harvest.strength === 'strong' ? 'high' : 'medium',
    lead: `outputs of ${source} → ${providerName(provider)} written to ${harvest.sink.target ?? formatSink(harvest.sink.format)}`,
    signals: [{ key: 'harvest', text: `written to ${target}`, file: harvest.file, range: harvest.sink.range }, ...extra],
  };
}

/** "a jsonl sink", "an unknown sink". */
function formatSink(format: string): string {
  return `${/^[aeiou]/.test(format) ? 'an' : 'a'} ${format} sink`;
}
