// Tables of functions (src/engine/facts/function-tables.ts): a list or dict of functions handed to a
// helper that calls one or each of them reaches every function in it; the functions are
// alternatives of one dispatch. Judges answering with a forced enum verdict are an evaluation.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const FOLDER = repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'function_tables');

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
});
