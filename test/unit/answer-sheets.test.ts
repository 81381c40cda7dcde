// Pair records are judged from what is written: a chat history built for the request is not the
// record, and answers kept under their question's id with no prompt beside them are an answer
// sheet (benchmark answer generation, graded by id), not a dataset of prompt/response pairs.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const FOLDER = repoPath('test', 'fixtures', 'rules', 'output-harvesting', 'answer_sheets');
const RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 } as const;

describe('answer sheets and pair records', () => {
  it('treat answers kept by question id as an evaluation, though the request history holds assistant turns', async () => {
    const result = await scanFolder(FOLDER);
    const sheet = result.findings.filter((f) => f.file === 'multi_turn.py');
    assert.ok(sheet.some((f) => f.ruleId === 'output-harvesting'));
    for (const f of sheet) {
      assert.ok(RANK[f.severity] <= RANK.medium, `${f.ruleId} ${f.severity}: ${f.message}`);
      assert.ok(!f.signals.includes('saved as prompt/response records'), f.signals.join('; '));
    }
  });

  it('still treat a written conversation as training-shaped data', async () => {
    const result = await scanFolder(FOLDER);
    const harvest = result.findings.find((f) => f.file === 'distill_turns.py' && f.ruleId === 'output-harvesting');
    assert.ok(harvest);
    assert.ok(RANK[harvest.severity] >= RANK.high, `${harvest.severity}: ${harvest.message}`);
    assert.ok(harvest.signals.includes('saved as prompt/response records'), harvest.signals.join('; '));
  });
});
