// A warm scan after a few files changed reads only those files, yet reports exactly what a cold
// scan of the edited tree reports: also on the other files whose findings the edit changes (a
// driver's loop reaches the wrapper in another file), and when the edit changes which files the
// scan parses (then it scans in full).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScan, type CliScanResult } from '../../src/cli/run-scan';
import { repoPath } from './support/scan';

describe('warm scan after changed files', function () {
  this.timeout(120_000);
  let cacheDir: string;
  let previous: string | undefined;
  let dir: string;
  beforeEach(() => {
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'ppr-cache-'));
    previous = process.env.PPR_CACHE_DIR;
    process.env.PPR_CACHE_DIR = cacheDir;
    dir = mkdtempSync(path.join(os.tmpdir(), 'ppr-rescan-'));
    cpSync(repoPath('examples'), dir, { recursive: true });
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.PPR_CACHE_DIR;
    else process.env.PPR_CACHE_DIR = previous;
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  /** Moves every path's time stamps a minute back, as if the tree were written long before the scan. */
  function age(at: string): void {
    const past = new Date(Date.now() - 60_000);
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) age(full);
      utimesSync(full, past, past);
    }
    utimesSync(at, past, past);
  }
  const edit = (rel: string, change: (text: string) => string) => {
    const file = path.join(dir, rel);
    const before = readFileSync(file, 'utf8');
    const after = change(before);
    assert.notEqual(after, before, `the edit changes ${rel}`);
    // Written in place, and dated back like the rest: the folders keep their stats (aging them
    // again would change their ctime), and the next scan can trust the file's.
    writeFileSync(file, after);
    const past = new Date(Date.now() - 30_000);
    utimesSync(file, past, past);
  };
  const warm = () => runScan([dir], { findingsOnly: true });
  const cold = () => runScan([dir], { findingsOnly: true, cache: false });
  const outcome = (r: CliScanResult) => ({
    findings: r.findings,
    files: r.scan.files,
    parsed: r.scan.parsed,
    withoutModelUse: r.scan.withoutModelUse,
    skipped: r.scan.skipped,
  });
  const driven = (r: CliScanResult) =>
    r.findings.filter((f) => f.file === 'distill-pipeline/llm_client.py' && f.ruleId === 'bulk-generation-loop').map((f) => f.message);

  it("re-reads only an edited driver and reports the wrapper's findings a cold scan reports", async () => {
    age(dir);
    const first = await warm();
    assert.equal(first.rescanned, undefined);
    assert.ok(driven(first).some((m) => m.includes('12,000 requests')));
    // Fewer samples and every line moved down: the facts link as before, the workload is smaller.
    edit('distill-pipeline/generate.py', (t) => `# regenerated nightly\n\n${t.replace('SAMPLES_PER_PAIR = 500', 'SAMPLES_PER_PAIR = 5')}`);
    const edited = await warm();
    assert.deepEqual(edited.rescanned, ['distill-pipeline/generate.py']);
    assert.deepEqual(outcome(edited), outcome(await cold()));
    assert.ok(
      driven(edited).some((m) => m.includes('120 requests')),
      'the finding on the wrapper follows the driver',
    );
    const again = await warm();
    assert.equal(again.reused, true);
    assert.deepEqual(outcome(again), outcome(edited));
  });

  it('keeps the last result when only a file without model use changed', async () => {
    age(dir);
    const first = await warm();
    assert.deepEqual(first.scan.withoutModelUse, ['chat-app/app/history.tsx']);
    edit('chat-app/app/history.tsx', (t) => `${t}\nexport const empty: Message[] = [];\n`);
    const edited = await warm();
    assert.deepEqual(edited.rescanned, ['chat-app/app/history.tsx']);
    assert.deepEqual(outcome(edited), outcome(first));
    assert.deepEqual(outcome(edited), outcome(await cold()));
  });

  it('reads only a file saved by renaming a new one over it, whose folder keeps its entries', async () => {
    age(dir);
    await warm();
    const file = path.join(dir, 'distill-pipeline', 'generate.py');
    const saved = path.join(dir, 'distill-pipeline', '.generate.py.tmp');
    writeFileSync(saved, readFileSync(file, 'utf8').replace('SAMPLES_PER_PAIR = 500', 'SAMPLES_PER_PAIR = 7'));
    renameSync(saved, file);
    const edited = await warm();
    assert.deepEqual(edited.rescanned, ['distill-pipeline/generate.py']);
    assert.deepEqual(outcome(edited), outcome(await cold()));
    assert.ok(driven(edited).some((m) => m.includes('168 requests')));
    // A new file in the folder is another listing: the whole tree is scanned.
    writeFileSync(path.join(dir, 'distill-pipeline', 'notes.py'), 'x = 1\n');
    const added = await warm();
    assert.equal(added.rescanned, undefined);
    assert.equal(added.scan.files, edited.scan.files + 1);
  });

  it('scans in full when an edit changes which files are parsed or how they link', async () => {
    age(dir);
    await warm();
    // A file without model use now imports an SDK: the pre-filter passes it.
    edit('chat-app/app/history.tsx', (t) => `import OpenAI from 'openai';\nexport const client = new OpenAI();\n${t}`);
    const imports = await warm();
    assert.equal(imports.rescanned, undefined);
    assert.equal(imports.reused, false);
    assert.deepEqual(outcome(imports), outcome(await cold()));
    assert.ok(imports.scan.parsed > 0 && !imports.scan.withoutModelUse.includes('chat-app/app/history.tsx'));
    // The driver calls the wrapper from a new function: its facts link differently.
    edit(
      'distill-pipeline/generate.py',
      (t) => `${t}\n\ndef again() -> None:\n    for topic in TOPICS:\n        ask_claude(PROMPT.format(topic=topic, style="plain"))\n`,
    );
    const relinked = await warm();
    assert.equal(relinked.rescanned, undefined);
    assert.deepEqual(outcome(relinked), outcome(await cold()));
  });
});
