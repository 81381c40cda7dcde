// Shapes met on a third fresh labelled batch of public repositories, each in its real form: a
// model held in a field set by a base class in another module, a batch collected by a second
// script, start-up writes next to request handlers, a star import of the prompting helpers, a
// backend picked by a flag at the call, a LangChain pipe around an imported factory, and an agent
// running the tool calls of one answer.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 } as const;
const fixture = (...parts: string[]) => repoPath('test', 'fixtures', 'rules', ...parts);
type Listed = { range: { startLine: number }; ruleId: string; severity: keyof typeof RANK; file: string; message: string };
const listing = (findings: Listed[]) => findings.map((f) => `${f.file}:${f.range.startLine + 1} ${f.ruleId} ${f.severity}`).join('\n');
const at = (findings: Listed[], rule: string, file: string, line: number) =>
  findings.find((f) => f.ruleId === rule && f.file === file && f.range.startLine + 1 === line);

describe('shapes of the third holdout batch', () => {
  it('follows a model field set by a base class in another module, in Python and TypeScript', async () => {
    for (const [folder, file, line, provider] of [
      ['inherited_field_py', 'graders/multiple_choice.py', 16, 'OpenAI'],
      ['inherited_field_ts', 'faithfulness-judge.ts', 21, 'Anthropic'],
    ] as const) {
      const result = await scanFolder(fixture('bulk-generation-loop', folder));
      const loop = at(result.findings, 'bulk-generation-loop', file, line);
      assert.ok(loop, listing(result.findings));
      // A graded benchmark: warned, but as an eval.
      assert.ok(RANK[loop.severity] >= RANK.low && RANK[loop.severity] <= RANK.medium, `${loop.severity}: ${loop.message}`);
      assert.match(loop.message, /eval harness/);
      // The call is known only once the base class's module is linked: it waits as a deferred call.
      assert.ok(loop.message.includes(`→ ${provider}`), loop.message);
      const deferred = result.facts.get(file)?.deferredCalls ?? [];
      assert.deepEqual(
        deferred.map((d) => `${d.site.range.startLine + 1} ${d.ref?.importedName}`),
        file.endsWith('.ts') ? [`${line} JudgeBase.client`] : [`${line} Grader.model`, '22 Grader.model'],
      );
    }
  });

  it('reaches the method of each class of a union-typed receiver', async () => {
    const result = await scanFolder(fixture('bulk-generation-loop', 'union_receiver'));
    const loop = at(result.findings, 'bulk-generation-loop', 'grade_transcripts.py', 14);
    assert.ok(loop, listing(result.findings));
    assert.match(loop.message, /via HostedJudge\.score in judges\.py/);
    assert.ok(RANK[loop.severity] >= RANK.low && RANK[loop.severity] <= RANK.medium, loop.message);
    assert.ok(!result.findings.some((f) => f.range.startLine + 1 === 21 && f.file === 'grade_transcripts.py'), listing(result.findings));
  });

  it('reports polling a batch and reading its results in the collecting script, with what it does', async () => {
    const result = await scanFolder(fixture('batch-without-clearance', 'collect'));
    const batch = result.findings.filter((f) => f.ruleId === 'batch-without-clearance');
    assert.deepEqual(batch.map((f) => `${f.file}:${f.range.startLine + 1} ${f.severity}`).sort(), [
      'batch-poller.ts:11 low',
      'collect_results.py:18 low',
    ]);
    for (const f of batch) assert.match(f.message, /OpenAI batch job polled with no clearance recorded/);
  });

  it('does not take start-up writes of environment values for model output', async () => {
    const result = await scanFolder(fixture('output-harvesting', 'startup_files'));
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === 'output-harvesting'),
      [],
      listing(result.findings),
    );
    const sinks = result.facts.get('server.py')?.sinks ?? [];
    assert.equal(sinks.length, 2);
    assert.ok(sinks.every((s) => !s.writesModelOutput));
  });

  it('keeps an agent running the tool calls of one answer at info, and a pool over an archive above it', async () => {
    const result = await scanFolder(fixture('bulk-generation-loop', 'agent_tool_calls'));
    const step = at(result.findings, 'bulk-generation-loop', 'assistant.py', 23);
    assert.ok(step, listing(result.findings));
    assert.equal(step.severity, 'info');
    assert.match(step.message, /the calls of one model response/);
    const archive = at(result.findings, 'bulk-generation-loop', 'assistant.py', 36);
    assert.ok(archive && RANK[archive.severity] >= RANK.high, listing(result.findings));
    const turn = result.findings.filter((f) => f.file === 'support-agent.ts' || f.file === 'tools.ts');
    assert.ok(turn.length >= 2, listing(result.findings));
    assert.ok(
      turn.every((f) => f.severity === 'info'),
      listing(turn),
    );
  });

  it('follows a backend picked at the call, a star import and a LangChain pipe around an imported factory', async () => {
    const chosen = await scanFolder(fixture('bulk-generation-loop', 'chosen_backend'));
    const pick = at(chosen.findings, 'bulk-generation-loop', 'augment_examples.py', 33);
    assert.ok(pick && RANK[pick.severity] >= RANK.high, listing(chosen.findings));
    assert.ok(!chosen.findings.some((f) => f.range.startLine + 1 === 43), listing(chosen.findings));

    const star = await scanFolder(fixture('bulk-generation-loop', 'star_import'));
    const solved = at(star.findings, 'bulk-generation-loop', 'solve_all.py', 14);
    assert.ok(solved, listing(star.findings));
    assert.match(solved.message, /via query_solution in helpers\/queries\.py/);

    const piped = await scanFolder(fixture('bulk-generation-loop', 'lcel_factory'));
    const cases = at(piped.findings, 'bulk-generation-loop', 'generate_cases.py', 13);
    assert.ok(cases && RANK[cases.severity] >= RANK.high, listing(piped.findings));
    assert.match(cases.message, /→ Groq/);
    // The pipe's call is reported where it is written too, and only the one with a model in it.
    assert.deepEqual(
      piped.findings.filter((f) => f.file === 'arguments.py' && f.ruleId === 'bulk-generation-loop').map((f) => f.range.startLine + 1),
      [14],
    );
  });
});
