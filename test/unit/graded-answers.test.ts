// An answer generator whose per-model answer files a judge elsewhere in the workspace reads is an
// eval: its kept chats are capped at medium and the finding names the grader. A generator that
// only shares a literal input file with an eval script is not graded by it and stays high.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const FOLDER = repoPath('test', 'fixtures', 'rules', 'output-harvesting', 'graded_answers');
const listing = (findings: { file: string; ruleId: string; range: { startLine: number }; severity: string }[]) =>
  findings.map((f) => `${f.file}:${f.range.startLine + 1} ${f.ruleId} ${f.severity}`).join('\n');

async function assertGradedAtMedium(file: string, grader: string) {
  const result = await scanFolder(FOLDER);
  const answers = result.findings.filter((f) => f.file === file);
  assert.ok(
    answers.some((f) => f.ruleId === 'output-harvesting'),
    listing(result.findings),
  );
  for (const f of answers) {
    assert.equal(f.severity, 'medium', f.message);
    assert.ok(f.signals.includes(`outputs graded in ${grader}`), f.signals.join('; '));
  }
  return result;
}

describe('answers graded in another file', () => {
  it('cap the answer generator at medium and name the judge that reads its folder', async () => {
    await assertGradedAtMedium('arena/generate_answers.py', 'arena/judge_answers.py');
  });

  it('do the same for a TS collector held in a class whose judge reads the folder it writes into', async () => {
    const result = await assertGradedAtMedium('arena-ts/collect-answers.ts', 'arena-ts/grade-answers.ts');
    // The judge keeps no outputs: it is graded by nothing, it grades.
    const judge = result.findings.filter((f) => f.file === 'arena-ts/grade-answers.ts');
    assert.ok(judge.length > 0 && judge.every((f) => !f.signals.some((s) => s.startsWith('outputs graded in'))), listing(judge));
  });

  it('leave a generator that shares only a literal input file with an eval script at high', async () => {
    const result = await scanFolder(FOLDER);
    const traces = result.findings.find((f) => f.file === 'distill/generate_traces.py' && f.ruleId === 'output-harvesting');
    assert.ok(traces, listing(result.findings));
    assert.equal(traces.severity, 'high', traces.message);
    assert.ok(!traces.signals.some((s) => s.startsWith('outputs graded in')), traces.signals.join('; '));
  });
});
