// A CLI scan of an unchanged tree reuses the last result without reading files; any change it
// depends on (a file's content, a new file, a .gitignore, the config, a file written too close
// to the last scan to trust its time stamp) makes it scan again, and the result is the same
// as a fresh scan's.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScan } from '../../src/cli/run-scan';
import { scanManifestFile } from '../../src/host/node-host';
import { writeWorkspace } from './support/workspace';

const HARVEST = [
  'import anthropic, json',
  'client = anthropic.Anthropic()',
  'with open("distilled.jsonl", "w") as out:',
  '    for topic in range(5000):',
  '        r = client.messages.create(model="claude-sonnet-4-5", max_tokens=900, messages=[{"role": "user", "content": ' +
    'f"Explain {topic} step by step"}])',
  '        out.write(json.dumps({"prompt": topic, "completion": r.content[0].text}) + "\\n")',
  '',
].join('\n');

describe('scan manifest (unchanged trees)', () => {
  let cacheDir: string;
  let previous: string | undefined;
  before(() => {
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'ppr-cache-'));
    previous = process.env.PPR_CACHE_DIR;
    process.env.PPR_CACHE_DIR = cacheDir;
  });
  after(() => {
    if (previous === undefined) delete process.env.PPR_CACHE_DIR;
    else process.env.PPR_CACHE_DIR = previous;
    rmSync(cacheDir, { recursive: true, force: true });
  });

  /** Moves every path's time stamps a minute back, as if the tree were written long before the scan. */
  function age(dir: string, rels: string[]): void {
    const past = new Date(Date.now() - 60_000);
    for (const rel of rels) utimesSync(path.join(dir, rel), past, past);
  }

  const scan = (dir: string) => runScan([dir], { findingsOnly: true });

  it('reuses the result of an unchanged tree and scans again after each kind of change', async () => {
    const ws = writeWorkspace({ 'jobs/distill.py': HARVEST, 'web/app.ts': 'export const x = 1;\n', '.gitignore': 'build/\n' });
    const all = ['jobs/distill.py', 'web/app.ts', '.gitignore', 'jobs', 'web', '.'];
    try {
      age(ws.dir, all);
      const first = await scan(ws.dir);
      assert.equal(first.reused, false);
      assert.ok(first.findings.length > 0);
      const second = await scan(ws.dir);
      assert.equal(second.reused, true, 'nothing changed');
      assert.deepEqual(second.findings, first.findings);
      assert.deepEqual(
        [second.scan.files, second.scan.parsed, second.scan.skipped],
        [first.scan.files, first.scan.parsed, first.scan.skipped],
      );
      assert.equal((await runScan([ws.dir], {})).reused, false, 'commands that need facts always scan');

      // A changed file: scanned again, and the finding follows the new content.
      writeFileSync(path.join(ws.dir, 'jobs/distill.py'), HARVEST.replace('distilled.jsonl', 'answers.jsonl'));
      age(ws.dir, all);
      const edited = await scan(ws.dir);
      assert.equal(edited.reused, false, 'a file changed');
      assert.ok(edited.findings.some((f) => f.message.includes('answers.jsonl')));
      assert.equal((await scan(ws.dir)).reused, true);

      // A new file in a folder: the folder's mtime changes.
      writeFileSync(path.join(ws.dir, 'web/other.ts'), 'export const y = 2;\n');
      age(ws.dir, [...all, 'web/other.ts']);
      const added = await scan(ws.dir);
      assert.equal(added.reused, false, 'a file was added');
      assert.equal(added.scan.files, 3);

      // A .gitignore change alone.
      appendFileSync(path.join(ws.dir, '.gitignore'), 'web/\n');
      age(ws.dir, [...all, 'web/other.ts']);
      const ignored = await scan(ws.dir);
      assert.equal(ignored.reused, false, '.gitignore changed');
      assert.equal(ignored.scan.files, 1);

      // The config.
      writeFileSync(path.join(ws.dir, '.promptreview.json'), '{ "rules": { "output-harvesting": "off" } }\n');
      age(ws.dir, [...all, 'web/other.ts', '.promptreview.json']);
      const configured = await scan(ws.dir);
      assert.equal(configured.reused, false, 'the config changed');
      assert.ok(!configured.findings.some((f) => f.ruleId === 'output-harvesting'));
      assert.equal((await scan(ws.dir)).reused, true);

      // A file written moments before the recorded scan cannot be told apart from one written after it.
      writeFileSync(path.join(ws.dir, 'jobs/distill.py'), HARVEST);
      const racy = await scan(ws.dir);
      assert.equal(racy.reused, false);
      assert.equal((await scan(ws.dir)).reused, false, 'a file changed within seconds of the last scan is never trusted');
    } finally {
      ws.remove();
    }
  });

  it('scans again when a package manifest or tsconfig paths change how imports resolve', async () => {
    const ws = writeWorkspace({
      'app/tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"] } } }\n',
      'app/src/lib/ai.py': 'x = 1\n',
      'app/src/lib/client.ts': "import Anthropic from '@anthropic-ai/sdk';\nexport const claude = new Anthropic();\n",
      'app/src/jobs/run.ts': [
        "import { claude } from '@lib/client';",
        "import fs from 'node:fs';",
        'export async function run(topics: string[]) {',
        '  for (const topic of topics) {',
        "    const r = await claude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 900, messages: [{ role: 'user', " +
          'content: topic }] });',
        "    fs.appendFileSync('distilled.jsonl', JSON.stringify({ prompt: topic, completion: r.content }) + '\\n');",
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const all = [
      'app/tsconfig.json',
      'app/src/lib/ai.py',
      'app/src/lib/client.ts',
      'app/src/jobs/run.ts',
      'app/src/lib',
      'app/src/jobs',
      'app/src',
      'app',
      '.',
    ];
    try {
      age(ws.dir, all);
      const first = await scan(ws.dir);
      assert.ok(
        first.findings.some((f) => f.file === 'app/src/jobs/run.ts'),
        'the alias resolves to the client',
      );
      assert.equal((await scan(ws.dir)).reused, true);
      // The alias now points elsewhere: the content of tsconfig.json changed, no folder did.
      writeFileSync(
        path.join(ws.dir, 'app/tsconfig.json'),
        '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["vendor/*"] } } }\n',
      );
      age(ws.dir, all);
      const edited = await scan(ws.dir);
      assert.equal(edited.reused, false, 'tsconfig.json changed');
      assert.ok(!edited.findings.some((f) => f.file === 'app/src/jobs/run.ts'), 'the alias no longer reaches the client');
    } finally {
      ws.remove();
    }
  });

  it('never reuses with --no-cache and survives a corrupt manifest', async () => {
    const ws = writeWorkspace({ 'a.py': HARVEST });
    try {
      age(ws.dir, ['a.py', '.']);
      await scan(ws.dir);
      assert.equal((await runScan([ws.dir], { findingsOnly: true, cache: false })).reused, false);
      writeFileSync(scanManifestFile(ws.dir), '{ not json');
      const again = await scan(ws.dir);
      assert.equal(again.reused, false);
      assert.ok(again.findings.length > 0);
    } finally {
      ws.remove();
    }
  });
});
