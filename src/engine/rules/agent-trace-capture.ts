// agent-trace-capture: agent/tool trajectories recorded to files in bulk.
import { defineRule, type RuleHit } from './types';
import { describeRepetition } from './describe';

export const agentTraceCapture = defineRule({
  meta: {
    id: 'agent-trace-capture',
    title: 'Agent trajectories recorded in bulk',
    severity: 'medium',
    tags: ['distillation', 'agents'],
    summary: 'An agent is run over many tasks and its messages, tool calls or steps are written out as data.',
    lowering: 'clearance-when-training-shaped',
    docs: {
      flags:
        'An agent loop (model call, tool execution, repeat) run once per item of a task list or dataset, in a workload that ' +
        "writes trajectories — messages, tool calls, steps, transcripts — to files or datasets. One user's agent session that " +
        'logs its own trace is not reported.',
      whyProvidersCare:
        'Tool-use trajectories are prime training data for agentic models; providers watch for accounts that run agents over ' +
        'large task sets and keep the transcripts.',
      legitimateCases:
        'Agent evals that replay a benchmark (SWE-bench-style) and keep transcripts for failure analysis, audit logs of your ' +
        "product's agent runs kept for compliance.",
      howToDocument:
        'State in `purpose` why trajectories are kept and in `data` for how long and who can read them; pre-clear large benchmark runs.',
      example: {
        language: 'python',
        code:
          'for task in tasks:\n' +
          '    messages = [{"role": "user", "content": task}]\n' +
          '    while True:\n' +
          '        r = client.messages.create(model="claude-sonnet-4-5", max_tokens=2048, tools=TOOLS, messages=messages)\n' +
          '        if r.stop_reason != "tool_use":\n' +
          '            break\n' +
          '        messages += run_tools(r)\n' +
          '    out.write(json.dumps({"task": task, "trajectory": messages}) + "\\n")',
      },
      instead: 'Keep outcomes and metrics rather than full trajectories, and keep transcripts only as long as the analysis needs.',
    },
  },
  reads: ['workloads', 'index'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const workload of context.workloads) {
      if (!workload.agentInside) continue;
      const trace =
        workload.sinks.find(({ sink }) => sink.writesTrajectory && sink.format !== 'db') ??
        [...new Set(workload.sites.map((s) => s.file))].flatMap((file) =>
          context.index
            .sinksOf(file)
            .filter((s) => s.writesTrajectory)
            .map((sink) => ({ file, sink })),
        )[0];
      if (!trace) continue;
      hits.push({
        ruleId: 'agent-trace-capture',
        file: trace.file,
        range: trace.sink.range,
        provider: workload.providers[0],
        workload,
        lead:
          `agent run over ${describeRepetition(workload.repetition).replace(/^loop over /, '')}, trajectories written ` +
          `to ${trace.sink.target ?? trace.sink.format}`,
        signals: [
          {
            key: 'trajectories',
            text: `trajectories written to ${trace.sink.target ?? trace.sink.format}`,
            file: trace.file,
            range: trace.sink.range,
          },
        ],
      });
    }
    return hits;
  },
});
