// Evaluation frameworks call the user's task once per item of their data (src/engine/eval-runners.ts):
// the task's provider calls repeat over that data, and the workload is an evaluation (low or medium,
// never dropped, never high), whatever the files are called and wherever the task is defined.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';
import { evalRunnerFor } from '../../src/engine/eval-runners';

const FOLDER = repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'eval_runner');

describe('evaluation runners', () => {
  it('turn a task handed inline, by name or through .each into an evaluation over the runner data', async () => {
    const result = await scanFolder(FOLDER);
    const loops = result.findings.filter((f) => f.ruleId === 'bulk-generation-loop');
    const at = (file: string) => loops.filter((f) => f.file === file);
    // Inline task under evalite.each, a task by name (TS option, Python keyword), and the wrappers they reach.
    for (const file of ['support-answers.ts', 'model.ts', 'summary_quality.py', 'helpers.py'])
      assert.ok(at(file).length, `no finding in ${file}`);
    for (const f of loops) {
      assert.ok(f.severity === 'low' || f.severity === 'medium', `${f.file}:${f.range.startLine + 1} is ${f.severity}`);
      assert.ok(f.signals.includes('scores outputs like an eval harness'), `${f.file}: not an evaluation: ${f.message}`);
      assert.match(f.message, /evaluation runner over (3|2) /);
    }
    // The team's own helper named like the framework is not one.
    assert.deepEqual(at('local-runner.ts'), []);
  });

  it('are matched by import source and entry name', () => {
    assert.equal(evalRunnerFor('evalite', 'evalite', ['evalite'])?.task, 'task');
    assert.equal(evalRunnerFor('braintrust', 'Eval', ['braintrust', 'Eval'])?.data, 'data');
    assert.equal(evalRunnerFor('langsmith/evaluation', 'evaluate', ['evaluate'])?.task, 0);
    assert.equal(evalRunnerFor('./warmup', 'evalite', ['evalite']), undefined);
    assert.equal(evalRunnerFor('evalite-helpers', 'evalite', ['evalite']), undefined);
  });
});
