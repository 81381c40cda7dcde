// Hostile inputs: every odd file is analysed or skipped with a reason; none crashes the scan,
// and the good files beside them are still analysed. Runs the engine in-process and the built CLI.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanFiles } from '../../src/engine/scan';
import { defaultConfig } from '../../src/engine/config';
import { createNodeHost } from '../../src/host/node-host';
import { listSourceFiles } from '../../src/host/node-files';
import { repoPath, scanFolder } from './support/scan';
import { scanFilesInParallel } from '../../src/cli/parallel-scan';
import { assertEveryFileAccountedFor, assertNoInternalErrors } from './support/accounting';
import { LOOP_PY } from './support/workspace';

/** Writes one file of each hostile kind next to a good file; returns the folder. */
export function writeHostileWorkspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ppr-hostile-'));
  const w = (name: string, data: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  };
  w('good.py', LOOP_PY);
  w('binary.py', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0x69, 0x6d, 0x70]));
  w('huge.py', `import anthropic\n${'x = 1\n'.repeat(400_000)}`);
  w('bundle.min.js', 'var a=1;'.repeat(2000));
  w('vendor.js', `import OpenAI from "openai";${'var a=function(b){return b+1};'.repeat(400)}`);
  w('latin1.py', Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + LOOP_PY)]));
  w('bom.py', '\ufeff' + LOOP_PY);
  w('crlf.py', LOOP_PY.replace(/\n/g, '\r\n'));
  w('deep.py', `import anthropic\nx = ${'(\n'.repeat(30_000)}1${')\n'.repeat(30_000)}\n`);
  w('deep_calls.ts', `import OpenAI from "openai";\nconst x = ${'f(\n'.repeat(20_000)}1${')\n'.repeat(20_000)};\n`);
  w(
    'truncated.ts',
    'import OpenAI from "openai";\n' +
      'const c = new OpenAI();\n' +
      'for (const p of prompts) {\n' +
      '  await c.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: p',
  );
  w('broken.ipynb', '{"cells": [ {"cell_type": "code", "source": ["import anthropic"');
  // Cut off before any SDK name: the pre-filter alone would take it for a file without model use.
  w('truncated.ipynb', '{"cells": [ {"cell_type": "code", "source": ["import os\\n", "rows = [');
  // A 24 MB minified bundle under a source extension, naming an SDK so it would pass the pre-filter.
  w('bundle.js', `import OpenAI from "openai";${'var a=function(b){return b+1};'.repeat(800_000)}`);
  w('deep60k.ts', `import OpenAI from "openai";\nconst x = ${'[\n'.repeat(60_000)}${']\n'.repeat(60_000)};\n`);
  w(
    'not_python.ipynb',
    JSON.stringify({ cells: [{ cell_type: 'code', source: ['using anthropic'] }], metadata: { language_info: { name: 'julia' } } }),
  );
  w('empty.py', '');
  w('only_comments.ts', '// nothing here\n/* at all */\n');
  w('nul_in_middle.ts', `import OpenAI from "openai";\n${'const a = 1;\n'.repeat(1000)}\u0000\n`);
  symlinkSync(dir, path.join(dir, 'loop'), 'dir');
  symlinkSync(path.join(dir, 'missing-target.py'), path.join(dir, 'dangling.py'));
  return dir;
}

describe('hostile inputs', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = writeHostileWorkspace();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('scans to completion: good files analysed, bad ones skipped with reasons', async () => {
    const result = await scanFolder(dir);
    const skipped = new Map(result.skipped.map((s) => [s.file, s.reason]));
    assert.match(skipped.get('binary.py') ?? '', /binary/);
    assert.match(skipped.get('huge.py') ?? '', /larger than/);
    assert.match(skipped.get('bundle.min.js') ?? skipped.get('vendor.js') ?? '', /minified/);
    assert.match(skipped.get('vendor.js') ?? '', /minified/);
    assert.match(skipped.get('deep.py') ?? '', /nested/);
    assert.match(skipped.get('deep_calls.ts') ?? '', /nested/);
    assert.match(skipped.get('broken.ipynb') ?? '', /invalid notebook/);
    assert.match(skipped.get('not_python.ipynb') ?? '', /not supported/);
    // A stray NUL past the binary sniff window: analysed like any text file, never a crash.
    assert.ok(result.facts.has('nul_in_middle.ts') || skipped.has('nul_in_middle.ts'));
    for (const good of ['good.py', 'latin1.py', 'bom.py', 'crlf.py']) {
      assert.ok(!skipped.has(good), `${good} should be analysed, was skipped: ${skipped.get(good)}`);
      const hit = result.findings.find((f) => f.file === good && f.ruleId === 'bulk-generation-loop');
      assert.ok(hit, `${good}: expected a bulk-generation-loop finding`);
    }
    // Positions stay right whatever the encoding or line endings.
    const lineOf = (file: string) => result.findings.find((f) => f.file === file && f.ruleId === 'bulk-generation-loop')!.range.startLine;
    assert.equal(lineOf('good.py'), 3);
    assert.equal(lineOf('crlf.py'), 3);
    assert.equal(lineOf('bom.py'), 3);
    assert.equal(lineOf('latin1.py'), 4);
    assert.ok(result.facts.has('truncated.ts'), 'truncated code is analysed best-effort');
    assert.ok(result.facts.get('truncated.ts')!.hasSyntaxErrors);
  });

  it('accounts for every listed file: parsed, without model use, or skipped with a reason', async () => {
    const files = await listSourceFiles(dir, { include: [], exclude: [] });
    for (const hostile of ['bundle.js', 'bundle.min.js', 'truncated.ipynb', 'binary.py', 'latin1.py', 'crlf.py', 'deep60k.ts'])
      assert.ok(files.includes(hostile), `${hostile} is listed`);
    const config = defaultConfig();
    const single = await scanFiles(files, createNodeHost(dir), { config, today: '2026-11-25' });
    assertEveryFileAccountedFor(files, single, 'single thread: ');
    const parallel = await scanFilesInParallel(dir, files, { config, today: '2026-11-25', workers: 2 });
    assertEveryFileAccountedFor(files, parallel, 'worker threads: ');
    for (const result of [single, parallel]) {
      const skipped = new Map(result.skipped.map((s) => [s.file, s.reason]));
      assert.match(skipped.get('bundle.js') ?? '', /larger than/);
      assert.match(skipped.get('bundle.min.js') ?? '', /minified/);
      assert.match(skipped.get('truncated.ipynb') ?? '', /invalid notebook JSON/);
      assert.match(skipped.get('deep60k.ts') ?? '', /nested/);
    }
  });

  it('the walker survives symlink loops and dangling links', async () => {
    const skips: string[] = [];
    const files = await listSourceFiles(dir, { include: [], exclude: [], onSkip: (f, reason) => skips.push(`${f}: ${reason}`) });
    assert.ok(files.includes('good.py'));
    assert.ok(!files.some((f) => f.startsWith('loop/')), 'the symlink loop is not followed');
    assert.ok(
      skips.some((s) => /symlink loop/.test(s)),
      skips.join('\n'),
    );
    assert.ok(
      skips.some((s) => /dangling\.py: broken symlink/.test(s)),
      skips.join('\n'),
    );
  });

  it('unreadable and vanished files are skipped, not fatal', async () => {
    const host = createNodeHost(dir);
    const failing = {
      ...host,
      readFile: async (file: string) => {
        if (file === 'gone.py') throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
        if (file === 'locked.py') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return host.readFile(file);
      },
    };
    const result = await scanFiles(['gone.py', 'locked.py', 'good.py'], failing, { config: defaultConfig(), today: '2026-11-25' });
    assert.deepEqual(
      result.skipped.map((s) => [s.file, s.reason]),
      [
        ['gone.py', 'unreadable: ENOENT'],
        ['locked.py', 'unreadable: EACCES'],
      ],
    );
    assert.ok(result.findings.some((f) => f.file === 'good.py'));
  });

  it('the built CLI prints valid JSON for the whole workspace within the time limit', () => {
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [repoPath('dist', 'cli.js'), 'scan', dir, '--format', 'json', '--no-cache', '--fail-on', 'none'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.ok(report.summary.skipped >= 8, `skipped: ${report.summary.skipped}`);
    const { files, parsed, withoutModelUse, skipped } = report.summary;
    assert.equal(files, parsed + withoutModelUse + skipped, 'the summary counts add up');
    assert.equal(skipped, report.skipped.length);
    const reasons = new Map(report.skipped.map((s: { file: string; reason: string }) => [s.file, s.reason]));
    assert.match(String(reasons.get('bundle.js')), /larger than/);
    assert.match(String(reasons.get('truncated.ipynb')), /invalid notebook JSON/);
    assert.match(String(reasons.get('loop')), /symlink loop/);
    assertNoInternalErrors(report.skipped);
    assert.doesNotMatch(run.stderr, /internal error/);
    assert.ok(report.findings.some((f: { file: string }) => f.file === 'good.py'));
    assert.ok(report.skipped.every((s: { reason: string }) => typeof s.reason === 'string' && s.reason.length > 5));
    assert.ok(Date.now() - started < 60_000);
    assert.doesNotMatch(run.stderr, /at \w+ \(|TypeError|RangeError/, 'no stack traces for users');
  });

  it('a huge-file limit from the config is honoured', async () => {
    const result = await scanFolder(dir, { maxFileBytes: 100 });
    assert.match(result.skipped.find((s) => s.file === 'good.py')?.reason ?? '', /larger than/);
  });

  it('nothing in the workspace is executed', () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'ppr-noexec-'));
    const marker = path.join(ws, 'EXECUTED');
    const payload = `require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`;
    writeFileSync(path.join(ws, 'index.js'), `import OpenAI from "openai";\n${payload}\n`);
    writeFileSync(path.join(ws, '.promptreview.js'), payload);
    writeFileSync(path.join(ws, 'conftest.py'), `import anthropic\nopen(${JSON.stringify(marker)}, "w").write("x")\n`);
    writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ scripts: { postinstall: payload, prepare: payload } }));
    try {
      execFileSync(process.execPath, [repoPath('dist', 'cli.js'), 'scan', ws, '--fail-on', 'none', '--no-cache'], { encoding: 'utf8' });
      assert.throws(() => execFileSync('test', ['-e', marker]), 'no workspace file may run');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
