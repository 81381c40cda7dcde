// reasoning-trace-harvest: reasoning elicited, or thinking content captured, in bulk.
import { defineRule, type RuleHit, type Signal } from './types';
import { capturesReasoning, type AnalysedSite, type Workload } from '../workloads';
import { hitAtSite, loopSignal, workloadSites } from './hits';

export const reasoningTraceHarvest = defineRule({
  meta: {
    id: 'reasoning-trace-harvest',
    title: 'Reasoning traces collected in bulk',
    severity: 'high',
    tags: ['distillation', 'reasoning'],
    summary: 'A bulk workload enables thinking/thoughts output or prompts for full step-by-step reasoning and keeps it.',
    lowering: 'clearance',
    docs: {
      flags:
        'Calls in a bulk workload with Anthropic `thinking`, Gemini `include_thoughts`, or OpenAI `reasoning` whose reasoning ' +
        'content is saved; prompts that ask the model to "think step by step and show all reasoning" or to explain its ' +
        'internal reasoning; sinks that write thinking or chain-of-thought fields. A single call that saves its reasoning is ' +
        'reported as info; a one-off demo that prints it is not reported.',
      whyProvidersCare:
        'Reasoning traces are the most valuable thing to distil: providers report "reasoning trace coercion" campaigns of ' +
        '100k+ prompts and chain-of-thought elicitation as a core distillation signal.',
      legitimateCases:
        "Debugging your product's prompts with thinking enabled, evals that check the reasoning of your own agent, a " +
        'chain-of-thought prompt used to improve answer quality where only the final answer is kept.',
      howToDocument:
        'Say in the `@llm-usage` block why the reasoning is needed and how long it is kept (`data: thinking kept 7 days for ' +
        'debugging; never used for training`). Pre-clear bulk reasoning collection with the provider.',
      example: {
        language: 'python',
        code:
          'for q in questions:\n' +
          '    r = client.messages.create(model="claude-sonnet-4-5", max_tokens=4096,\n' +
          '        thinking={"type": "enabled", "budget_tokens": 2048},\n' +
          '        messages=[{"role": "user", "content": q}])\n' +
          '    traces.append([b.thinking for b in r.content if b.type == "thinking"])',
      },
      instead:
        'Keep only final answers, disable thinking output where it is not needed, and do not store reasoning traces beyond ' +
        'debugging windows.',
    },
  },
  reads: ['sites', 'workloads', 'index'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const { workload, site } of workloadSites(context)) {
      const evidence = reasoningEvidence(site, workload);
      if (evidence) hits.push(hitAtSite('reasoning-trace-harvest', site, workload, [loopSignal(site), evidence]));
    }
    // One call that keeps its reasoning: worth knowing, not a workload.
    for (const site of context.sites) {
      if (site.repetition.length || !capturesReasoning(site)) continue;
      const saved = context.index
        .sinksOf(site.file)
        .find((s) => s.writesReasoning && s.writesModelOutput && s.enclosingFunction === site.enclosingFunction?.split('.').pop());
      if (!saved) continue;
      hits.push(
        hitAtSite(
          'reasoning-trace-harvest',
          site,
          undefined,
          [{ key: 'reasoning', text: 'reasoning of a single call saved', file: site.file, range: saved.range }],
          { severity: 'info', lead: 'thinking captured and saved by a single call' },
        ),
      );
    }
    return hits;
  },
});

function reasoningEvidence(site: AnalysedSite, workload: Workload): Signal | undefined {
  if (capturesReasoning(site, workload)) {
    return {
      key: 'reasoning',
      text: site.params.includeThoughts ? 'thoughts included' : site.params.thinking ? 'thinking captured' : 'reasoning saved',
      file: site.target.file,
      range: site.target.range,
    };
  }
  const elicits = workload.promptFeatures.find(({ feature }) => feature.kind === 'reasoning-elicitation');
  if (elicits)
    return { key: 'reasoning', text: 'prompt asks for step-by-step reasoning', file: elicits.file, range: elicits.feature.range };
  if (workload.harvest?.sink.writesReasoning)
    return { key: 'reasoning', text: 'reasoning saved', file: workload.harvest.file, range: workload.harvest.sink.range };
  return undefined;
}
