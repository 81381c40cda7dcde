// Tables of functions (src/engine/facts/function-tables.ts): a list or dict of functions handed to a
// helper that calls one or each of them reaches every function in it; the functions are
// alternatives of one dispatch. Judges answering with a forced enum verdict are an evaluation.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const FOLDER = repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'function_tables');
const REGISTRIES = repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'registries');
const RETURNED = repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'returned_functions');

describe('tables of functions', () => {
  it('follow a list grown with append into the helper that calls each element, as a graded evaluation', async () => {
    const result = await scanFolder(FOLDER);
    const loops = result.findings.filter((f) => f.ruleId === 'bulk-generation-loop');
    const helper = loops.find((f) => f.file === 'agreement.py');
    assert.ok(helper, 'the helper loop over the handed judges reaches the provider');
    assert.match(helper.message, /loop over judge_functions/);
    // Both judges are reached through the table, each reported where it calls the model.
    assert.deepEqual(
      loops.filter((f) => f.file === 'judges.py').map((f) => f.range.startLine + 1),
      [20, 31],
    );
    for (const f of loops.filter((f) => ['judges.py', 'agreement.py', 'study.py'].includes(f.file))) {
      assert.ok(f.signals.includes('scores outputs like an eval harness'), `${f.file}:${f.range.startLine + 1}: ${f.message}`);
      assert.ok(f.severity === 'low' || f.severity === 'medium');
    }
  });

  it('hand `self` through a table to the instructor modules, whose calls on it reach its methods', async () => {
    const result = await scanFolder(FOLDER);
    const loop = result.findings.find((f) => f.file === 'instructors/riddles.py' && f.ruleId === 'bulk-generation-loop');
    assert.ok(loop, 'the module loop reaches the provider through the instructor it is handed');
    assert.match(loop.message, /via Instructor\.generate_response in instructor\.py/);
  });

  it('treat the functions of a dict dispatch as alternatives, not a sweep over models', async () => {
    const result = await scanFolder(FOLDER);
    const router = result.findings.filter((f) => f.file === 'router.py');
    assert.ok(router.some((f) => f.ruleId === 'bulk-generation-loop'));
    assert.deepEqual(
      router.filter((f) => f.ruleId === 'multi-model-harvest'),
      [],
    );
    // Tagging rows is free text: no label schema, so not an evaluation.
    assert.ok(router.every((f) => !f.signals.includes('scores outputs like an eval harness')));
  });

  it('reach the functions a decorator registers through a registry imported by another module', async () => {
    // Scanned alone: the script names neither an SDK nor a completion function, only the registry.
    const result = await scanFolder(REGISTRIES);
    const loops = result.findings.filter((f) => f.ruleId === 'bulk-generation-loop');
    const driver = loops.find((f) => f.file === 'answer_questions.py');
    assert.ok(driver, 'the pool over the questions reaches the registered completion functions');
    assert.match(driver.message, /OpenAI|Anthropic/);
    assert.deepEqual(
      loops.filter((f) => f.file === 'completion.py').map((f) => f.range.startLine + 1),
      [26, 36],
    );
    // The formatter registry holds no model call: rendering answers through it is no workload.
    assert.ok(!result.findings.some((f) => f.file === 'answer_questions.py' && f.range.startLine + 1 === 18));
    // Answers kept under their question's id, with no prompt beside them: an answer sheet, not a dataset.
    for (const f of result.findings)
      assert.ok(f.severity === 'low' || f.severity === 'medium', `${f.file}:${f.range.startLine + 1} ${f.severity}`);
  });

  it('reach the functions a factory returns, called at once or through a variable (Python and TypeScript)', async () => {
    const result = await scanFolder(RETURNED);
    const loops = result.findings.filter((f) => f.ruleId === 'bulk-generation-loop');
    assert.deepEqual(
      loops.filter((f) => f.file === 'models.py').map((f) => f.range.startLine + 1),
      [10, 16],
    );
    assert.deepEqual(
      loops.filter((f) => f.file === 'complete.ts').map((f) => f.range.startLine + 1),
      [10, 16],
    );
    assert.ok(loops.some((f) => f.file === 'gen_answers.py' && f.range.startLine + 1 === 11));
    assert.ok(loops.some((f) => f.file === 'answer-all.ts' && f.range.startLine + 1 === 10));
    // The factory's alternatives are one dispatch: not a sweep over models.
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === 'multi-model-harvest'),
      [],
    );
  });
});
