// Shapes met on a fourth fresh labelled batch of public repositories, each in its real form: an
// agent handing one answer's edits from method to method, question/answer pairs named as such, a
// two-stage study whose stages write different files, a judge helper with no loop in view, and a
// client class that dispatches to one SDK or another from a method reached first by its callers.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';
import { isHarvestSink } from '../../src/engine/workloads';
import type { Sink } from '../../src/engine/types';

const RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 } as const;
const fixture = (...parts: string[]) => repoPath('test', 'fixtures', 'rules', ...parts);
type Listed = { range: { startLine: number }; ruleId: string; severity: keyof typeof RANK; file: string; message: string };
const listing = (findings: Listed[]) => findings.map((f) => `${f.file}:${f.range.startLine + 1} ${f.ruleId} ${f.severity}`).join('\n');
const top = (findings: Listed[], file: string) =>
  findings.filter((f) => f.file === file).reduce((best, f) => Math.max(best, RANK[f.severity]), -1);

describe('shapes of the fourth holdout batch', () => {
  it("keeps an agent's work on the parts of one answer at info, through parameters, helpers and a stream", async () => {
    const result = await scanFolder(fixture('bulk-generation-loop', 'response_parts'));
    const loops = result.findings.filter((f) => f.ruleId === 'bulk-generation-loop');
    assert.deepEqual(loops.map((f) => `${f.range.startLine + 1} ${f.severity}`).sort(), ['44 info', '64 info'], listing(result.findings));
    assert.match(loops.find((f) => f.range.startLine + 1 === 44)!.message, /the edits of one model response/);
    assert.equal(top(result.findings, 'editor_agent.py'), RANK.info, listing(result.findings));
  });

  it('takes records named as question/answer pairs for training-shaped data, chunked input or not', async () => {
    const result = await scanFolder(fixture('output-harvesting', 'qa_pairs_named'));
    const write = result.findings.find((f) => f.ruleId === 'output-harvesting' && f.file === 'pair_maker.py');
    assert.ok(write, listing(result.findings));
    assert.equal(write.severity, 'high', write.message);
    assert.match(write.message, /_qa_pairs\.json, the records are named as training data/);
  });

  it("gives each stage of a two-stage run its own writes: the grader's scores, not the local drafts", async () => {
    const result = await scanFolder(fixture('output-harvesting', 'staged_run'));
    const harvest = result.findings.filter((f) => f.ruleId === 'output-harvesting');
    assert.deepEqual(
      harvest.map((f) => f.range.startLine + 1),
      [52],
      listing(result.findings),
    );
    // The grading stage is driven by SGLang's run_batch, once per drafted row.
    const loop = result.findings.find((f) => f.ruleId === 'bulk-generation-loop');
    assert.ok(loop && loop.range.startLine + 1 === 48, listing(result.findings));
    assert.match(loop.message, /loop over items of \[\{"row": r\} for r in drafted\] → Anthropic, written to grades\.json/);
  });

  it('warns low on a judge helper called from outside the scan, and not on a product feature that evaluates', async () => {
    const result = await scanFolder(fixture('evaluation-call'));
    const calls = result.findings.filter((f) => f.ruleId === 'evaluation-call');
    assert.deepEqual(calls.map((f) => `${f.file}:${f.range.startLine + 1} ${f.severity}`).sort(), [
      'evals/answer_judge.py:9 low',
      'judges/faithfulness.ts:8 low',
      'review/compare.py:10 low',
    ]);
    assert.equal(top(result.findings, 'app/feedback.py'), -1, listing(result.findings));
  });

  it('keeps answers written under their request id an answer sheet, whatever the request named', async () => {
    const result = await scanFolder(fixture('output-harvesting', 'answer_sheets'));
    const sheet = result.findings.filter((f) => f.file === 'measure_review.py');
    assert.ok(sheet.length > 0, listing(result.findings));
    for (const f of sheet) assert.ok(RANK[f.severity] >= RANK.low && RANK[f.severity] <= RANK.medium, `${f.severity}: ${f.message}`);
    assert.ok(
      sheet.every((f) => !/prompt\/response records/.test(f.message)),
      listing(sheet),
    );
  });

  it("follows an AI SDK agent subclass through the package's index and a chosen factory call into a benchmark loop", async () => {
    const result = await scanFolder(fixture('bulk-generation-loop', 'agent_barrel'));
    const loop = result.findings.find((f) => f.ruleId === 'bulk-generation-loop' && f.file === 'bench/run.ts');
    assert.ok(loop && loop.range.startLine + 1 === 13, listing(result.findings));
    // A scored benchmark: warned as an eval, not as harvesting.
    assert.ok(RANK[loop.severity] >= RANK.low && RANK[loop.severity] <= RANK.medium, loop.message);
    assert.match(loop.message, /scores outputs like an eval harness/);
    assert.ok(result.facts.has('src/index.ts'), 'the package entry is parsed for its re-exports');
    assert.ok(!result.findings.some((f) => f.ruleId === 'evaluation-call'), listing(result.findings));
  });

  it('reports a batch started through a helper on the driver that calls the helper, once', async () => {
    const result = await scanFolder(fixture('batch-without-clearance', 'driver_helper'));
    const batch = result.findings.filter((f) => f.ruleId === 'batch-without-clearance');
    assert.deepEqual(batch.map((f) => `${f.file}:${f.range.startLine + 1} ${f.severity}`).sort(), [
      'submit.mjs:11 low',
      'utils/batch.mjs:10 low',
    ]);
    assert.match(batch.find((f) => f.file === 'submit.mjs')!.message, /batch job created through startBatch/);
  });

  it("never takes a project's own manifest or lockfile for a dataset, whatever reaches the write", () => {
    const sink = (target: string): Sink => ({
      range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
      format: 'unknown',
      target,
      repetition: [],
      writesModelOutput: true,
      writesReasoning: false,
      writesTrajectory: false,
    });
    for (const target of ['{}pyproject.toml', 'uv.lock', 'setup.cfg', 'deploy/Dockerfile'])
      assert.equal(isHarvestSink(sink(target)), false, target);
    for (const target of ['out/{lang}.jsonl', 'answers.json', 'solutions/{id}.py']) assert.equal(isHarvestSink(sink(target)), true, target);
  });

  it("links a benchmark script's requests to the project's own API route to the model call in its handler", async () => {
    const result = await scanFolder(fixture('bulk-generation-loop', 'own_route'));
    // The script names no SDK: it is parsed because it names the route's path.
    const requests = result.facts.get('scripts/latency-bench.mjs')?.localCalls.filter((c) => c.requestsRoute) ?? [];
    assert.deepEqual(
      requests.map((c) => `${c.requestsRoute!.method} ${c.requestsRoute!.path}`),
      ['POST /api/classify'],
    );
    const loop = result.findings.find((f) => f.ruleId === 'bulk-generation-loop' && f.file === 'scripts/latency-bench.mjs');
    assert.ok(loop && loop.range.startLine + 1 === 13, listing(result.findings));
    assert.ok(RANK[loop.severity] >= RANK.low && RANK[loop.severity] <= RANK.medium, loop.message);
    assert.match(loop.message, /→ OpenAI/);
  });

  it('finds both SDKs of a dispatching client whose methods are reached first through the dispatcher', async () => {
    const result = await scanFolder(fixture('bulk-generation-loop', 'dispatching_client'));
    const sites = [...result.facts.get('frontier.py')!.callSites].map((s) => `${s.range.startLine + 1} ${s.provider}`).sort();
    assert.deepEqual(sites, ['40 openai', '45 anthropic']);
    const grader = result.findings.filter((f) => f.file === 'grader.py' && f.ruleId === 'bulk-generation-loop');
    assert.ok(grader.length > 0 && grader.every((f) => RANK[f.severity] <= RANK.medium), listing(result.findings));
  });
});
