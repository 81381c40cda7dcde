// Prompt templates kept in files and read at run time count as the prompt's text: a read names the
// file by a path built from literals, constants and the file's own folder (a wildcard for the part
// a variable fills), and the scan reads it for prompt features. Output files are never read as templates.
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from './support/workspace';

const TODAY = '2026-11-25';

const GENERATOR = [
  'import json',
  'import os',
  'from pathlib import Path',
  'import anthropic',
  'client = anthropic.Anthropic()',
  'HERE = Path(__file__).parent',
  '',
  'def instructions(kind):',
  '    with open(os.path.join(os.path.dirname(__file__), "templates", f"{kind}.jinja")) as f:',
  '        return f.read()',
  '',
  'def run(rows):',
  '    with open("out/summary.md", "w") as report:',
  '        report.write("started")',
  '    for row in rows:',
  '        reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=2000,',
  '            system=instructions("solve"), messages=[{"role": "user", "content": row}])',
  '        print(json.dumps({"prompt": row, "completion": reply.content[0].text}))',
  '',
].join('\n');

/** The texts of the prompt features the findings on `file` cite. */
async function reasoningCited(files: Record<string, string>): Promise<string[]> {
  const result = await scanWorkspaceFiles(files, TODAY);
  return result.findings.filter((f) => f.file === 'jobs/generate.py').map((f) => f.message);
}

describe('prompt template files', () => {
  it('read the templates a wildcard path names, from the folder of the reading file', async () => {
    const messages = await reasoningCited({
      'jobs/generate.py': GENERATOR,
      'jobs/templates/solve.jinja': 'Solve {{ problem }}. Think step by step before answering.\n',
      'jobs/templates/grade.jinja': 'Reply with a number.\n',
    });
    assert.ok(messages.length > 0, 'no finding on the generator');
    assert.ok(
      messages.some((m) => /prompt asks for step-by-step reasoning/.test(m)),
      messages.join('\n'),
    );
  });

  it('find nothing when the template has no such phrase, or only forbids it', async () => {
    const messages = await reasoningCited({
      'jobs/generate.py': GENERATOR,
      'jobs/templates/solve.jinja': 'Solve {{ problem }}. Do not think step by step; give the answer only.\n',
      // An output file the code writes is never read as a template.
      'jobs/out/summary.md': 'Think step by step.\n',
      'out/summary.md': 'Think step by step.\n',
    });
    assert.ok(messages.length > 0, 'no finding on the generator');
    assert.ok(!messages.some((m) => /step-by-step/.test(m)), messages.join('\n'));
  });
});
