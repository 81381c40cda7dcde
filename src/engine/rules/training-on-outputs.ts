// training-on-outputs: harvested outputs feed training, fine-tuning or distillation in the workspace.
import { defineRule, type RuleHit } from './types';
import { providerName } from './describe';

export const trainingOnOutputs = defineRule({
  meta: {
    id: 'training-on-outputs',
    title: 'Harvested outputs feed model training',
    severity: 'critical',
    tags: ['distillation', 'training'],
    summary: 'Training or fine-tuning code in the workspace consumes outputs collected from a hosted model.',
    lowering: 'clearance',
    docs: {
      flags:
        'Training code — `trl` trainers (`SFTTrainer`, `DPOTrainer`…), `transformers` `Trainer`, `peft`/LoRA, unsloth, ' +
        'axolotl, fine-tuning uploads — that names the data file a bulk workload writes model outputs to, or sits beside that ' +
        'workload when the file name is not a literal. Reported on the training code, with the workload that produced the data.',
      whyProvidersCare:
        "This is distillation end to end: a teacher model's answers become a student model's training set. Most providers' " +
        'terms forbid using outputs to develop competing models, and this is the pattern their published distillation reports ' +
        'describe.',
      legitimateCases:
        'Training a model that does not compete with the provider (a classifier, a reranker, an extractor) where the terms ' +
        "allow it; fine-tuning the same provider's model through its own fine-tuning API with data you own; training on " +
        'human-written data that merely sits next to a generation script.',
      howToDocument:
        'Annotate the generation workload with `purpose` naming the model being trained and why it is permitted, `data` ' +
        "describing retention, and `clearance` with the provider's written confirmation. Without that confirmation, do not run " +
        'it.',
      example: {
        language: 'python',
        code:
          '# generate.py writes teacher answers to distilled.jsonl; train.py:\n' +
          'dataset = load_dataset("json", data_files="distilled.jsonl")\n' +
          'trainer = SFTTrainer(model=student, train_dataset=dataset["train"])\n' +
          'trainer.train()',
      },
      instead:
        "Train on data you own or that is licensed for training, use the provider's own fine-tuning offering, or get explicit " +
        'written permission before training on outputs.',
    },
  },
  reads: ['workloads', 'requestWorkloads'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    // Single requests that ask for many items count too: one call can write a whole training set.
    for (const workload of [...context.workloads, ...context.requestWorkloads]) {
      if (!workload.harvest || !workload.training.length) continue;
      // One finding per training file; anchor on the trainer call rather than on an import line when there is one.
      for (const file of new Set(workload.training.map((t) => t.file))) {
        const inFile = workload.training.filter((t) => t.file === file);
        const target = workload.harvest.sink.target ?? 'the harvested outputs';
        const leaf = workload.harvest.sink.target?.split('/').pop()?.toLowerCase();
        const anchor =
          (leaf
            ? inFile.find(
                ({ signal }) => signal.detail.toLowerCase().endsWith(` of ${leaf}`) || signal.detail.toLowerCase().endsWith(`/${leaf}`),
              )
            : undefined) ??
          inFile.find(({ signal }) => !signal.detail.startsWith('imports ')) ??
          inFile[0];
        hits.push({
          ruleId: 'training-on-outputs',
          file: anchor.file,
          range: anchor.signal.range,
          provider: workload.providers[0],
          workload,
          lead: `${anchor.signal.detail} trains on ${target} written by ${workload.name} (${providerName(workload.providers[0])} outputs)`,
          signals: [{ key: 'training', text: `trainer in ${anchor.file}`, file: anchor.file, range: anchor.signal.range }],
        });
      }
    }
    return hits;
  },
});
