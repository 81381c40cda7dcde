// logprob-extraction: logprobs / top_logprobs / logit_bias requested in bulk.
import { defineRule, type RuleHit } from './types';
import { hitAtSite, loopSignal, workloadSites } from './hits';

export const logprobExtraction = defineRule({
  meta: {
    id: 'logprob-extraction',
    title: 'Log-probabilities requested in bulk',
    severity: 'high',
    tags: ['extraction', 'logprobs'],
    summary: 'A bulk workload requests logprobs, top_logprobs or sets logit_bias on every call.',
    lowering: 'clearance',
    docs: {
      flags:
        'Calls with `logprobs`, `top_logprobs`, `response_logprobs` or `logit_bias` inside a loop or fan-out over many ' +
        'prompts. A single call that reads logprobs (a confidence score for one request), and a fixed `logit_bias` that only ' +
        'bans tokens (every value negative), are not reported.',
      whyProvidersCare:
        'Token probabilities leak far more of a model than its text: published attacks recover hidden dimensions and soft ' +
        'labels for distillation from logprob and logit-bias sweeps, and extraction detectors watch for exactly these query ' +
        'streams.',
      legitimateCases:
        'Multiple-choice evals that score options by likelihood, calibration studies of your own classifier prompts, ' +
        'confidence thresholds in a labelling job over your own data.',
      howToDocument:
        'Explain in `purpose` what the probabilities are used for and that they are not stored as soft labels; give `volume`; ' +
        'pre-clear large runs.',
      example: {
        language: 'python',
        code:
          'for text in corpus:\n' +
          '    r = client.chat.completions.create(model="gpt-4o-mini", logprobs=True, top_logprobs=20,\n' +
          '        messages=[{"role": "user", "content": text}])\n' +
          '    soft_labels.append(r.choices[0].logprobs)',
      },
      instead:
        'Request logprobs only for the calls that need them, keep top_logprobs small, never sweep logit_bias, and do not store ' +
        'probability vectors as training targets.',
    },
  },
  reads: ['workloads'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const { workload, site } of workloadSites(context)) {
      const p = site.params;
      if (!p.logprobs && !p.topLogprobs && !p.logitBias) continue;
      const what = [p.logprobs && 'logprobs', p.topLogprobs && 'top_logprobs', p.logitBias && 'logit_bias'].filter(Boolean).join(', ');
      hits.push(
        hitAtSite('logprob-extraction', site, workload, [
          loopSignal(site),
          { key: 'logprobs', text: `${what} on every call`, file: site.target.file, range: site.target.range },
        ]),
      );
    }
    return hits;
  },
});
