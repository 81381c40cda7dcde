// Every file the walker lists is accounted for: parsed, read and found to name no model API, or
// skipped with a reason — on one thread, on worker threads, and when a worker dies mid-scan.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { scanFiles, type ScanResult } from '../../src/engine/scan';
import { defaultConfig } from '../../src/engine/config';
import { createNodeHost } from '../../src/host/node-host';
import { listSourceFiles } from '../../src/host/node-files';
import { scanFilesInParallel } from '../../src/cli/parallel-scan';
import { assertEveryFileAccountedFor, scanOutcome } from './support/accounting';

const TODAY = '2026-11-25';
/** Small, so a "too large" file stays cheap to write. */
const MAX_FILE_BYTES = 20_000;
const SDK_LOOP =
  'import anthropic\n' +
  'client = anthropic.Anthropic()\n' +
  'for row in rows:\n' +
  '    client.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=[{"role": "user", "content": row}])\n';

/** One file of each kind a workspace may hold, by extension and content. */
const KINDS: Record<string, { ext: string; content: () => string | Buffer }> = {
  'sdk call': { ext: 'py', content: () => SDK_LOOP },
  'sdk wrapper': {
    ext: 'py',
    content: () =>
      'import anthropic\n' +
      'client = anthropic.Anthropic()\n' +
      'def ask_model(prompt):\n' +
      '    return client.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=[{"role": "user", "content": ' +
      'prompt}])\n',
  },
  'wrapper user': { ext: 'py', content: () => 'from helpers import ask_model\nfor row in rows:\n    ask_model(row)\n' },
  'no model use': { ext: 'ts', content: () => 'export const add = (a: number, b: number) => a + b;\n' },
  empty: { ext: 'js', content: () => '' },
  binary: { ext: 'py', content: () => Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]) },
  'too large': { ext: 'py', content: () => `import anthropic\n${'x = 1\n'.repeat(MAX_FILE_BYTES / 4)}` },
  minified: { ext: 'js', content: () => `import OpenAI from "openai";${'var a=function(b){return b+1};'.repeat(300)}` },
  'named minified': { ext: 'min.js', content: () => 'var a=1;' },
  'truncated notebook': { ext: 'ipynb', content: () => '{"cells": [{"cell_type": "code", "source": ["rows = [' },
  'notebook of another language': {
    ext: 'ipynb',
    content: () =>
      JSON.stringify({ cells: [{ cell_type: 'code', source: ['using anthropic'] }], metadata: { language_info: { name: 'julia' } } }),
  },
  notebook: {
    ext: 'ipynb',
    content: () => JSON.stringify({ cells: [{ cell_type: 'code', source: SDK_LOOP.split(/(?<=\n)/) }], metadata: {} }),
  },
  'deep nesting': { ext: 'py', content: () => `import anthropic\nx = ${'('.repeat(2000)}1${')'.repeat(2000)}\n` },
  'latin-1 bytes': { ext: 'py', content: () => Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${SDK_LOOP}`)]) },
  crlf: { ext: 'py', content: () => SDK_LOOP.replace(/\n/g, '\r\n') },
  'syntax error': {
    ext: 'ts',
    content: () => 'import OpenAI from "openai";\nconst c = new OpenAI();\nc.chat.completions.create({ model: "gpt-4o", messages: [',
  },
};

function writeKinds(kinds: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ppr-accounting-'));
  // The wrapper users import `helpers`: one wrapper file under that name whenever there is one.
  kinds.forEach((kind, i) => {
    const name = kind === 'sdk wrapper' ? (i === kinds.indexOf('sdk wrapper') ? 'helpers' : `wrapper${i}`) : `f${i}`;
    const file = path.join(dir, i % 3 === 2 && kind !== 'sdk wrapper' ? 'nested' : '', `${name}.${KINDS[kind].ext}`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, KINDS[kind].content());
  });
  return dir;
}

const config = { ...defaultConfig(), maxFileBytes: MAX_FILE_BYTES };

describe('file accounting', function () {
  this.timeout(300_000);
  const workspace = fc.array(fc.constantFrom(...Object.keys(KINDS)), { minLength: 1, maxLength: 14 });

  it('every listed file is parsed, without model use, or skipped with a reason (one thread)', async () => {
    await fc.assert(
      fc.asyncProperty(workspace, async (kinds) => {
        const dir = writeKinds(kinds);
        try {
          const files = await listSourceFiles(dir, { include: [], exclude: [] });
          assert.equal(files.length, kinds.length, 'the walker lists every file');
          assertEveryFileAccountedFor(files, await scanFiles(files, createNodeHost(dir), { config, today: TODAY }));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40, seed: 17 },
    );
  });

  it('holds on worker threads, with the same result as one thread', async () => {
    await fc.assert(
      fc.asyncProperty(workspace, async (kinds) => {
        const dir = writeKinds(kinds);
        try {
          const files = await listSourceFiles(dir, { include: [], exclude: [] });
          const parallel = await scanFilesInParallel(dir, files, { config, today: TODAY, workers: 2 });
          assertEveryFileAccountedFor(files, parallel);
          assert.deepEqual(scanOutcome(parallel), scanOutcome(await scanFiles(files, createNodeHost(dir), { config, today: TODAY })));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 4, seed: 17 },
    );
  });

  describe('a worker thread that dies loses no file', () => {
    const kinds = ['sdk wrapper', 'wrapper user', 'sdk call', 'no model use', 'binary', 'truncated notebook', 'notebook', 'wrapper user'];
    let dir: string;
    let files: string[];
    let single: ScanResult;
    before(async () => {
      dir = writeKinds(kinds);
      files = await listSourceFiles(dir, { include: [], exclude: [] });
      single = await scanFiles(files, createNodeHost(dir), { config, today: TODAY });
      assert.ok(
        single.findings.some((f) => /wrapper|f\d/.test(f.file)),
        'the wrapper users are found through the wrapper',
      );
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    for (const [when, hook] of [
      ['while scanning its first chunk', { request: 'scan' as const, file: 'f3.ts' }],
      ['in a wrapper round, holding the files it kept', { request: 'wrapper-round' as const }],
    ] as const) {
      it(when, async () => {
        const lost: string[] = [];
        const result = await scanFilesInParallel(dir, files, {
          config,
          today: TODAY,
          workers: 2,
          workerExitWhen: hook,
          onWorkerLost: (reason) => lost.push(reason),
        });
        assert.ok(lost.length >= 1, 'the loss is reported');
        assert.match(lost[0], /exited with code 70.*main thread/);
        assertEveryFileAccountedFor(files, result);
        assert.deepEqual(scanOutcome(result), scanOutcome(single));
      });
    }
  });
});
