// The `inventory` command: JSON shape fixed by the issue (file relative to the scanned root,
// 1-based call-expression line), text and Markdown renderings, and a usage error for bad formats.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';

describe('inventory command', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ppr-inv-'));
    writeFileSync(
      path.join(dir, 'gen.py'),
      [
        'from anthropic import Anthropic',
        'client = Anthropic()',
        'TOPICS = ["a", "b", "c"]',
        'for topic in TOPICS:',
        '    client.messages.create(',
        '        model="claude-sonnet-4-5",',
        '        max_tokens=5,',
        '        messages=[{"role": "user", "content": topic}],',
        '    )',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'orm.ts'),
      "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nawait prisma.message.create({ data: {} });\n",
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function run(format: string): Promise<{ code: number; out: string }> {
    const out = path.join(dir, `out.${format}`);
    const code = await main(['inventory', dir, '--format', format, '--output', out, '--no-cache']);
    return { code, out: code === 0 ? readFileSync(out, 'utf8') : '' };
  }

  it('writes every call site as JSON with the agreed fields', async () => {
    const { code, out } = await run('json');
    assert.equal(code, 0);
    const report = JSON.parse(out);
    assert.equal(typeof report.version, 'string');
    assert.equal(typeof report.root, 'string');
    assert.equal(report.callSites.length, 1);
    const site = report.callSites[0];
    assert.deepEqual(
      {
        file: site.file,
        line: site.line,
        column: site.column,
        provider: site.provider,
        api: site.api,
        model: site.model,
        viaWrapper: site.viaWrapper,
        inLoop: site.inLoop,
        volume: site.volume,
      },
      {
        file: 'gen.py',
        line: 5,
        column: 5,
        provider: 'anthropic',
        api: 'chat',
        model: 'claude-sonnet-4-5',
        viaWrapper: false,
        inLoop: true,
        volume: 3,
      },
    );
  });

  it('renders text and Markdown', async () => {
    const text = await run('text');
    assert.match(text.out, /gen\.py\n\s+5:5\s+anthropic chat claude-sonnet-4-5\s+client\.messages\.create\s+loop, volume 3/);
    assert.match(text.out, /1 call site in 1 files \(anthropic 1\)/);
    const md = await run('markdown');
    assert.match(md.out, /\| gen\.py \| 5 \| anthropic \| chat \| claude-sonnet-4-5 \|/);
  });

  it('rejects an unknown format with exit code 2', async () => {
    const code = await main(['inventory', dir, '--format', 'xml', '--no-cache']);
    assert.equal(code, 2);
  });
});
