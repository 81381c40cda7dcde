// Generators whose items another file keeps: a shared generator yields records, category
// generators hand them on (`async for item in shared(…): yield item`, `yield* shared(…)`), and a
// runner picks a category's generator from a table and writes every item through its own writer
// method. The shared generator's workload is written to that runner's JSON lines file.
import assert from 'node:assert/strict';
import { repoPath, scanFolder } from './support/scan';
import { scanWorkspaceFiles } from './support/workspace';

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

  it('reach a generator registered last in a table of thirty, added after the literal', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `kind${i}`);
    const files: Record<string, string> = {
      'runner.py': [
        'import json',
        'from openai import OpenAI',
        ...names.map((n) => `from kinds.${n} import generate as ${n}_generator`),
        '',
        'class Runner:',
        '    def __init__(self):',
        '        self.client = OpenAI()',
        '',
        '    def complete(self, prompt):',
        '        reply = self.client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])',
        '        return reply.choices[0].message.content',
        '',
        '    def drain(self, kind, generators, out):',
        '        for item in generators[kind](self):',
        '            out.write(json.dumps(item) + "\\n")',
        '',
        '    def run(self):',
        `        generators = {${names
          .slice(0, -1)
          .map((n) => `"${n}": ${n}_generator`)
          .join(', ')}}`,
        `        generators["${names.at(-1)}"] = ${names.at(-1)}_generator`,
        '        with open("instructions.jsonl", "a") as out:',
        '            for kind in generators:',
        '                self.drain(kind, generators, out)',
        '',
      ].join('\n'),
    };
    for (const n of names)
      files[`kinds/${n}.py`] = [
        'def generate(runner, target=300):',
        '    for i in range(target):',
        `        task = runner.complete("Write a new ${n} task number " + str(i))`,
        '        yield {"instruction": task, "response": runner.complete(task)}',
        '',
      ].join('\n');
    const result = await scanWorkspaceFiles(files, '2026-12-03');
    const last = result.findings.find((f) => f.file === `kinds/${names.at(-1)}.py` && f.ruleId === 'bulk-generation-loop');
    assert.ok(last, listing(result.findings.filter((f) => f.file.startsWith('kinds/kind29'))));
    assert.equal(last.severity, 'high', last.message);
  });
});
