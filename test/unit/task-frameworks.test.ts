// Work fanned out through a task framework, worker threads or a collection of worker objects:
// Ray's `f.remote(x)`, `f.options(…).remote(x)`, actor methods (`worker.answer.remote(x)`),
// `ray.remote(f)`, an actor pool's callbacks, a `Thread` subclass started per worker, and a method
// called on one object picked from a list of them (`workers[i % n].answer(x)`). Each runs the
// function underneath once per item of the caller's loop.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const RULE_FOLDER = repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop');
type Listed = { file: string; ruleId: string; range: { startLine: number }; message: string };
const listing = (findings: Listed[]) => findings.map((f) => `${f.file}:${f.range.startLine + 1} ${f.ruleId}`).join('\n');
const bulkAt = (findings: Listed[], file: string, line: number) =>
  findings.find((f) => f.file === file && f.range.startLine + 1 === line && f.ruleId === 'bulk-generation-loop');

describe('task frameworks and picked worker objects', () => {
  it('follow Ray actors, remote tasks with options and wrapped functions into the calls they make', async () => {
    const result = await scanFolder(repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'ray_tasks'));
    const actor = bulkAt(result.findings, 'answerer.py', 16);
    assert.ok(actor, listing(result.findings));
    assert.match(actor.message, /^Reached from run_pipeline\.py:answer_all /);
    assert.ok(bulkAt(result.findings, 'tasks.py', 10), listing(result.findings));
    assert.ok(bulkAt(result.findings, 'tasks.py', 17), listing(result.findings));
    // The actor's one-off helper is never called in a loop.
    assert.equal(bulkAt(result.findings, 'answerer.py', 23), undefined);
    // An actor pool hands each submitted callback one of its actors, declared by their interface
    // (`List[AnswerWorker]`): the implementing class makes the call.
    const pooled = bulkAt(result.findings, 'launcher.py', 28);
    assert.ok(pooled, listing(result.findings));
    assert.match(pooled.message, /via Launcher\.launch → Answerer\.answer in answerer\.py/);
    assert.equal(bulkAt(result.findings, 'launcher.py', 21), undefined);
  });

  it('follow a method called on an element of a list of one class, not of a mixed list', async () => {
    const result = await scanFolder(repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'picked_workers'));
    const lane = bulkAt(result.findings, 'src/pipeline/answerer.ts', 12);
    assert.ok(lane, listing(result.findings));
    assert.match(lane.message, /^Reached from run\.ts:answerAll /);
    assert.equal(bulkAt(result.findings, 'src/pipeline/answerer.ts', 30), undefined, listing(result.findings));
  });

  it('never link a method to a class of the same name in another file that is not its base', async () => {
    // Both fixtures define a class `Answerer` with a method `answer`; a class without a base is not
    // its own base, so the TS driver reaches only the TS class.
    const result = await scanFolder(RULE_FOLDER);
    const python = result.findings.filter((f) => f.file === 'ray_tasks/answerer.py');
    assert.ok(python.length > 0, listing(result.findings));
    assert.ok(
      python.every((f) => !f.message.includes('run.ts')),
      listing(python),
    );
    assert.ok(bulkAt(result.findings, 'picked_workers/src/pipeline/answerer.ts', 12));
  });

  it("follow a Thread subclass's start() into its run(), and no other class's start()", async () => {
    const result = await scanFolder(repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'thread_workers'));
    const started = bulkAt(result.findings, 'pool.py', 21);
    assert.ok(started, listing(result.findings));
    assert.match(started.message, /via AnswerWorker\.run in workers\.py/);
    assert.ok(!result.findings.some((f) => f.file === 'pool.py' && f.range.startLine + 1 > 30), listing(result.findings));
  });
});
