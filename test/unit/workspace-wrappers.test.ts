// Cross-file linking: a workspace function whose body reaches a provider call makes its callers'
// calls count (viaWrapper), through 2- and 3-file chains, with the caller's loops multiplying volume;
// and clients imported from another workspace file resolve to their provider.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildInventory, type InventoryEntry } from '../../src/engine/report/inventory';
import { scanFolder } from './support/scan';

async function inventoryOf(files: Record<string, string>): Promise<InventoryEntry[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ppr-ws-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const scan = await scanFolder(dir);
    return buildInventory({ root: '.', files: scan.files, parsed: scan.parsed, facts: scan.facts, skipped: scan.skipped }).callSites;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const at = (entries: InventoryEntry[], file: string, line: number) => entries.find((e) => e.file === file && e.line === line);

describe('workspace: wrappers and imported clients', () => {
  it('links a 2-file Python chain and multiplies the caller loop into the volume', async () => {
    const inv = await inventoryOf({
      'llm.py':
        'from anthropic import Anthropic\n' +
        'client = Anthropic()\n' +
        'def ask(p):\n' +
        '    return client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[{"role": "user", "content": ' +
        'p}])\n',
      'run.py': 'from llm import ask\nfor i in range(250):\n    for style in ["a", "b"]:\n        ask(f"q{i} {style}")\n',
    });
    const direct = at(inv, 'llm.py', 4);
    assert.deepEqual([direct?.provider, direct?.viaWrapper, direct?.inLoop], ['anthropic', false, false]);
    const caller = at(inv, 'run.py', 4);
    assert.deepEqual([caller?.provider, caller?.viaWrapper, caller?.inLoop, caller?.volume], ['anthropic', true, true, 500]);
    assert.deepEqual(caller?.wrapperChain, ['ask']);
  });

  it('links a 3-file TypeScript chain through relative imports', async () => {
    const inv = await inventoryOf({
      'src/lib/openai.ts':
        "import OpenAI from 'openai';\n" +
        'const openai = new OpenAI();\n' +
        'export async function chat(p: string) {\n' +
        "  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: p }] });\n" +
        '}\n',
      'src/lib/tasks.ts':
        "import { chat } from './openai';\nexport async function classify(t: string) {\n  return chat(`Classify: ${t}`);\n}\n",
      'src/jobs/backfill.ts':
        "import { classify } from '../lib/tasks';\n" +
        'export async function backfill(rows: string[]) {\n' +
        '  return Promise.all(rows.map((r) => classify(r)));\n' +
        '}\n',
    });
    const job = at(inv, 'src/jobs/backfill.ts', 3);
    assert.equal(job?.provider, 'openai');
    assert.equal(job?.viaWrapper, true);
    assert.deepEqual(job?.wrapperChain, ['classify', 'chat']);
    assert.equal(job?.volume, 'unbounded');
    assert.equal(at(inv, 'src/lib/tasks.ts', 3)?.viaWrapper, true);
  });

  it('resolves a client object and a client factory imported from another file', async () => {
    const inv = await inventoryOf({
      'app/__init__.py': '',
      'app/clients.py':
        'from openai import OpenAI\ngroq = OpenAI(base_url="https://api.groq.com/openai/v1")\ndef get_openai():\n    return OpenAI()\n',
      'app/jobs.py':
        'from .clients import groq, get_openai\n' +
        'def run(p):\n' +
        '    groq.chat.completions.create(model="llama3", messages=[])\n' +
        '    c = get_openai()\n' +
        '    return c.responses.create(model="gpt-5", input=p)\n',
    });
    assert.deepEqual([at(inv, 'app/jobs.py', 3)?.provider, at(inv, 'app/jobs.py', 3)?.viaWrapper], ['groq', false]);
    assert.equal(at(inv, 'app/jobs.py', 5)?.provider, 'openai');
    assert.equal(at(inv, 'app/jobs.py', 5)?.api, 'responses');
  });

  it('does not turn a method on an imported non-client object into a call', async () => {
    const inv = await inventoryOf({
      'db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
      'llm.ts': "import OpenAI from 'openai';\nexport const openai = new OpenAI();\n",
      'route.ts':
        "import { prisma } from './db';\n" +
        "import { openai } from './llm';\n" +
        'export async function POST() {\n' +
        '  await prisma.message.create({ data: {} });\n' +
        "  return openai.chat.completions.create({ model: 'gpt-4o', messages: [] });\n" +
        '}\n',
    });
    assert.deepEqual(
      inv.filter((e) => e.file === 'route.ts').map((e) => `${e.line}:${e.provider}`),
      ['5:openai'],
    );
  });
});
