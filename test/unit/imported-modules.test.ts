// Prompts kept in a module of their own (`prompts.py`, `./prompts.ts`) name no SDK, so the
// pre-filter alone would never parse them; the workloads that import them must still see their
// features (here: a request for step-by-step reasoning), on one thread and on workers alike.
import assert from 'node:assert/strict';
import { scanFiles } from '../../src/engine/scan';
import { defaultConfig } from '../../src/engine/config';
import { createNodeHost } from '../../src/host/node-host';
import { listSourceFiles } from '../../src/host/node-files';
import { scanFilesInParallel } from '../../src/cli/parallel-scan';
import { importedModulesToParse } from '../../src/engine/imported-modules';
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
    '        r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": ' +
      'REASONING_PROMPT.format(question=q)}])',
    '        out.write(json.dumps({"q": q, "a": r.choices[0].message.content}) + "\\n")',
    '',
  ].join('\n'),
  'web/src/prompts.ts': 'export const SYSTEM_PROMPT = "You are a helpful shop assistant.";\n',
  'web/src/util.ts': 'export const pad = (s: string) => s.padStart(4);\n',
  'web/src/route.ts':
    "import OpenAI from 'openai';\n" +
    "import { SYSTEM_PROMPT } from './prompts';\n" +
    "import { pad } from './util';\n" +
    'const client = new OpenAI();\n' +
    'export async function POST(req: Request) {\n' +
    '  const { q } = await req.json();\n' +
    "  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: " +
    "'user', content: pad(q) }] });\n" +
    '}\n',
};

// A client built in one module and handed to a class or helper of another module that names no SDK.
const HANDED_CLIENTS = {
  'gen/chains.py': [
    'class Expander:',
    '    def __init__(self, llm, template):',
    '        self.llm = llm',
    '        self.template = template',
    '    def expand(self, topic):',
    '        return self.llm.invoke(self.template.format(topic=topic)).content',
    '',
  ].join('\n'),
  'gen/unrelated.py': 'class Expander2:\n    def expand(self, topic):\n        return topic\n',
  'gen/run.py': [
    'import json',
    'from langchain_openai import ChatOpenAI',
    'from gen.chains import Expander',
    'TOPICS = ["algebra", "contract law", "organic chemistry", "poetry"]',
    'def main():',
    '    expander = Expander(ChatOpenAI(model="gpt-4o"), "Write 20 hard exam questions about {topic} with worked answers.")',
    '    with open("sft.jsonl", "w") as out:',
    '        for topic in TOPICS:',
    '            for i in range(300):',
    '                out.write(json.dumps({"topic": topic, "text": expander.expand(topic)}) + "\\n")',
    '',
  ].join('\n'),
};

describe('imported modules', () => {
  it('parses the modules parsed files hand a client to, and finds the calls there', async () => {
    const ws = writeWorkspace(HANDED_CLIENTS);
    try {
      const config = defaultConfig();
      const files = await listSourceFiles(ws.dir, { include: [], exclude: [] });
      const single = await scanFiles(files, createNodeHost(ws.dir), { config, today: '2026-11-25' });
      assert.deepEqual([...single.facts.keys()].sort(), ['gen/chains.py', 'gen/run.py']);
      const run = single.findings.filter((f) => f.file === 'gen/run.py' && !f.suppressed);
      assert.ok(
        run.some((f) => f.ruleId === 'output-harvesting' && (f.severity === 'high' || f.severity === 'critical')),
        JSON.stringify(run.map((f) => [f.ruleId, f.severity])),
      );
      const parallel = await scanFilesInParallel(ws.dir, files, { config, today: '2026-11-25', workers: 2 });
      assert.deepEqual(parallel.findings, single.findings);
    } finally {
      ws.remove();
    }
  });

  it('parses the modules parsed files import prompt-like names from, and no others', async () => {
    const ws = writeWorkspace(WORKSPACE);
    try {
      const config = defaultConfig();
      const files = await listSourceFiles(ws.dir, { include: [], exclude: [] });
      const single = await scanFiles(files, createNodeHost(ws.dir), { config, today: '2026-11-25' });
      assert.deepEqual([...single.facts.keys()].sort(), ['gen/prompts.py', 'gen/run.py', 'web/src/prompts.ts', 'web/src/route.ts']);
      const run = single.findings.filter((f) => f.file === 'gen/run.py');
      assert.ok(
        run.some((f) => f.ruleId === 'reasoning-trace-harvest'),
        JSON.stringify(run.map((f) => f.ruleId)),
      );
      const parallel = await scanFilesInParallel(ws.dir, files, { config, today: '2026-11-25', workers: 2 });
      assert.deepEqual(parallel.findings, single.findings);
      assert.deepEqual([...parallel.facts.keys()], [...single.facts.keys()]);
    } finally {
      ws.remove();
    }
  });

  it('follows Python member imports and skips files already parsed', () => {
    const facts = new Map<string, FileFacts>([
      [
        'app/job.py',
        {
          file: 'app/job.py',
          localCalls: [],
          imports: [
            { localName: 'templates', source: 'app', importedName: 'templates' },
            { localName: 'helpers', source: 'app', importedName: 'helpers' },
          ],
        } as unknown as FileFacts,
      ],
    ]);
    const all = ['app/job.py', 'app/templates.py', 'app/helpers.py'];
    assert.deepEqual(importedModulesToParse(facts, all, new Set(['app/templates.py', 'app/helpers.py'])), ['app/templates.py']);
    assert.deepEqual(importedModulesToParse(facts, all, new Set()), []);
  });
});
