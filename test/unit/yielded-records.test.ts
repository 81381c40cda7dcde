// Generators whose items another file keeps: a shared generator yields records, category
// generators hand them on (`async for item in shared(…): yield item`, `yield* shared(…)`), and a
// runner picks a category's generator from a table and writes every item through its own writer
// method. The shared generator's workload is written to that runner's JSON lines file.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';

const FOLDER = repoPath('test', 'fixtures', 'rules', 'bulk-generation-loop', 'yielded_records');
type Listed = { file: string; ruleId: string; severity: string; range: { startLine: number }; message: string };
const listing = (findings: Listed[]) => findings.map((f) => `${f.file}:${f.range.startLine + 1} ${f.ruleId} ${f.severity}`).join('\n');

async function assertWrittenByRunner(folder: string, generator: string, runner: string) {
  const result = await scanFolder(`${FOLDER}/${folder}`);
  const generated = result.findings.filter((f) => f.file === generator && f.ruleId === 'bulk-generation-loop');
  assert.ok(generated.length >= 2, listing(result.findings));
  for (const f of generated) {
    assert.equal(f.severity, 'high', f.message);
    assert.ok(f.message.includes(`written to jsonl in ${runner}`), f.message);
  }
}

describe('records yielded to a runner in another file', () => {
  it('reach the runner that drains a table of Python generators, through generators that hand them on', async () => {
    await assertWrittenByRunner('py', 'builder/categories/simple.py', 'builder/runner.py');
  });

  it('do the same for TS async generators, a shorthand table and a writer that appends with appendFileSync(path, data)', async () => {
    await assertWrittenByRunner('ts', 'src/categories/shared.ts', 'src/builder.ts');
  });
});
