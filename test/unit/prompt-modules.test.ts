// Prompts kept in a module of their own (`prompts.py`, `./prompts.ts`) name no SDK, so the
// pre-filter alone would never parse them; the workloads that import them must still see their
// features (here: a request for step-by-step reasoning), on one thread and on workers alike.
import assert from 'node:assert/strict';
import { scanFiles } from '../../src/engine/scan';
import { defaultConfig } from '../../src/engine/config';
import { createNodeHost } from '../../src/host/node-host';
import { listSourceFiles } from '../../src/host/node-files';
import { scanFilesInParallel } from '../../src/cli/parallel-scan';
import { promptModulesToParse } from '../../src/engine/prompt-modules';
import type { FileFacts } from '../../src/engine/types';
import { writeWorkspace } from './support/workspace';

const WORKSPACE = {
  'gen/prompts.py': 'REASONING_PROMPT = """Think step by step and show your full reasoning before the answer to: {question}"""\n',
  'gen/run.py': [
    'import json',
    'from openai import OpenAI',
    'from gen.prompts import REASONING_PROMPT',
    'client = OpenAI()',
    'with open("traces.jsonl", "w") as out:',
    '    for q in range(20000):',
    '        r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": REASONING_PROMPT.format(question=q)}])',
    '        out.write(json.dumps({"q": q, "a": r.choices[0].message.content}) + "\\n")',
    '',
  ].join('\n'),
  'web/src/prompts.ts': 'export const SYSTEM_PROMPT = "You are a helpful shop assistant.";\n',
  'web/src/util.ts': 'export const pad = (s: string) => s.padStart(4);\n',
  'web/src/route.ts': "import OpenAI from 'openai';\nimport { SYSTEM_PROMPT } from './prompts';\nimport { pad } from './util';\nconst client = new OpenAI();\nexport async function POST(req: Request) {\n  const { q } = await req.json();\n  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: pad(q) }] });\n}\n",
};

describe('prompt modules', () => {
  it('parses the modules parsed files import prompt-like names from, and no others', async () => {
    const ws = writeWorkspace(WORKSPACE);
    try {
      const config = defaultConfig();
      const files = await listSourceFiles(ws.dir, { include: [], exclude: [] });
      const single = await scanFiles(files, createNodeHost(ws.dir), { config, today: '2026-11-25' });
      assert.deepEqual([...single.facts.keys()].sort(), ['gen/prompts.py', 'gen/run.py', 'web/src/prompts.ts', 'web/src/route.ts']);
      const run = single.findings.filter((f) => f.file === 'gen/run.py');
      assert.ok(run.some((f) => f.ruleId === 'reasoning-trace-harvest'), JSON.stringify(run.map((f) => f.ruleId)));
      const parallel = await scanFilesInParallel(ws.dir, files, { config, today: '2026-11-25', workers: 2 });
      assert.deepEqual(parallel.findings, single.findings);
      assert.deepEqual([...parallel.facts.keys()], [...single.facts.keys()]);
    } finally {
      ws.remove();
    }
  });

  it('follows Python member imports and skips files already parsed', () => {
    const facts = new Map<string, FileFacts>([['app/job.py', { file: 'app/job.py', imports: [
      { localName: 'templates', source: 'app', importedName: 'templates' },
      { localName: 'helpers', source: 'app', importedName: 'helpers' },
    ] } as unknown as FileFacts]]);
    const all = ['app/job.py', 'app/templates.py', 'app/helpers.py'];
    assert.deepEqual(promptModulesToParse(facts, all, new Set(['app/templates.py', 'app/helpers.py'])), ['app/templates.py']);
    assert.deepEqual(promptModulesToParse(facts, all, new Set()), []);
  });
});
