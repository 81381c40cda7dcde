// A sharded scan (`facts --shard i/n` per slice, then `scan --facts <glob>`) must report exactly
// what one whole scan reports on every fixture workspace, skipped files included; facts files of
// another build, format, tree or split are refused with a clear message.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { listTargets, loadConfig, resolveTargets, runFactsExtraction, runScan } from '../../src/cli/run-scan';
import { assertEveryFileAccountedFor, scanOutcome } from './support/accounting';
import { mergeSlices, parseShardSpec, readFactsFiles, shardOfPath } from '../../src/cli/facts-file';
import { scanFilesInParallel } from '../../src/cli/parallel-scan';
import { todayIso } from '../../src/engine/scan';
import { toJsonReport } from '../../src/engine/report/json';
import { writeHostileWorkspace } from './hostile-inputs.test';
import { repoPath } from './support/scan';

/**
 * The JSON report of a scan of `folder`: whole, or reduced from the facts files matching `facts`,
 * with the files read and found to name no model API. Either way every file the walk lists (or
 * could not follow) is parsed, without model use or skipped, exactly once.
 */
async function report(folder: string, facts?: string) {
  const result = await runScan([folder], { cache: false, findingsOnly: true, facts });
  const { root, targets } = resolveTargets([folder]);
  const listed = await listTargets(root, targets, loadConfig(root));
  assertEveryFileAccountedFor(
    [...listed.files, ...listed.skipped.map((s) => s.file)],
    result.scan,
    `${facts ? 'reduced' : 'whole'} scan of ${path.basename(folder)}: `,
  );
  const json = toJsonReport({
    root: result.rootLabel,
    files: result.scan.files,
    parsed: result.scan.parsed,
    findings: result.findings,
    skipped: result.scan.skipped,
  });
  return { ...json, withoutModelUse: [...result.scan.withoutModelUse].sort() };
}

/** Map every slice of `folder` into `out`, then reduce; returns the whole scan's and the reduced report. */
async function sharded(folder: string, out: string, count: number) {
  for (let i = 1; i <= count; i++)
    await runFactsExtraction([folder], { shard: { index: i, count }, output: path.join(out, `facts-${i}.json.gz`), cache: false });
  return { whole: await report(folder), reduced: await report(folder, path.join(out, 'facts-*.json.gz')) };
}

/** Every fixture workspace: examples/, the rule fixtures, the SDK fixtures and each SDK fixture folder (the monorepo one too). */
function workspaces(): string[] {
  const sdk = repoPath('test', 'fixtures', 'sdk');
  const sdkFolders = readdirSync(sdk)
    .map((name) => path.join(sdk, name))
    .filter((p) => statSync(p).isDirectory());
  return [repoPath('examples'), repoPath('test', 'fixtures', 'rules'), sdk, ...sdkFolders];
}

describe('sharded scan (facts --shard, scan --facts)', function () {
  this.timeout(600_000);
  let out: string;
  let copy: string;

  beforeEach(() => {
    out = mkdtempSync(path.join(os.tmpdir(), 'ppr-shards-'));
    copy = mkdtempSync(path.join(os.tmpdir(), 'ppr-shards-tree-'));
  });
  afterEach(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  });

  /** A private copy of a workspace: other suites write scratch files into the repository's folders. */
  const copyOf = (folder: string) => {
    const dir = path.join(copy, path.basename(folder));
    cpSync(folder, dir, {
      recursive: true,
      filter: (from) => !path.basename(from).startsWith('.') || path.basename(from) === '.promptreview.json',
    });
    return dir;
  };

  it("gives exactly the whole scan's JSON result on every fixture workspace, in 3 slices", async () => {
    let findings = 0;
    for (const folder of workspaces()) {
      const dir = copyOf(folder);
      const { whole, reduced } = await sharded(dir, out, 3);
      assert.deepEqual(reduced, whole, `${path.relative(repoPath(), folder)}: the sharded scan differs from the whole scan`);
      findings += whole.findings.length;
      rmSync(dir, { recursive: true, force: true });
      for (const f of readdirSync(out)) rmSync(path.join(out, f));
    }
    assert.ok(findings > 50, 'the workspaces have findings to compare');
  });

  it('links wrappers and clients defined in one slice and used in another (examples/ in 2 to 7 slices)', async () => {
    const dir = copyOf(repoPath('examples'));
    for (const count of [2, 5, 7]) {
      const { whole, reduced } = await sharded(dir, out, count);
      assert.deepEqual(reduced, whole, `${count} slices`);
      assert.ok(whole.findings.some((f) => f.related?.length || f.file.endsWith('generate.py')));
      for (const f of readdirSync(out)) rmSync(path.join(out, f));
    }
  });

  it('the slices extracted on worker threads give the same result', async () => {
    const dir = copyOf(repoPath('test', 'fixtures', 'sdk'));
    const before = process.env.PPR_SCAN_WORKERS;
    process.env.PPR_SCAN_WORKERS = '2';
    try {
      const { whole, reduced } = await sharded(dir, out, 2);
      assert.deepEqual(reduced, whole);
      // The workers of the reduce step notice an edit as the single thread does.
      const edited = path.join(dir, 'openai', readdirSync(path.join(dir, 'openai')).find((f) => f.endsWith('.py'))!);
      writeFileSync(edited, readFileSync(edited, 'utf8') + '\n# edited\n');
      await assert.rejects(report(dir, path.join(out, 'facts-*.json.gz')), /changed since its facts were extracted/);
    } finally {
      if (before === undefined) delete process.env.PPR_SCAN_WORKERS;
      else process.env.PPR_SCAN_WORKERS = before;
    }
  });

  it("a worker that dies in the reduce step leaves its files to the main thread, which honours the slices' first pass", async () => {
    const dir = copyOf(repoPath('test', 'fixtures', 'sdk'));
    for (let i = 1; i <= 2; i++)
      await runFactsExtraction([dir], { shard: { index: i, count: 2 }, output: path.join(out, `facts-${i}.json.gz`), cache: false });
    const { root } = resolveTargets([dir]);
    const config = loadConfig(root);
    const slices = mergeSlices(await readFactsFiles(path.join(out, 'facts-*.json.gz')));
    const whole = await scanFilesInParallel(root, slices.files, { config, today: todayIso(), workers: 2 });
    // The file whose chunk kills the worker: a skip the first pass recorded and one with facts follow it there.
    const doomed = slices.files[0];
    const lost: string[] = [];
    const reduce = () =>
      scanFilesInParallel(root, slices.files, {
        config,
        today: todayIso(),
        workers: 2,
        firstPass: slices.firstPass,
        workerExitWhen: { request: 'scan', file: doomed },
        onWorkerLost: (reason) => lost.push(reason),
      });
    const reduced = await reduce();
    assert.ok(lost.length >= 1, 'a worker died and its files moved to the main thread');
    assertEveryFileAccountedFor(slices.files, reduced, 'reduced scan with a dead worker: ');
    assert.deepEqual(scanOutcome(reduced, { asStored: true }), scanOutcome(whole, { asStored: true }));
    // The main thread's scanner checks the first pass's keys as a worker does.
    writeFileSync(path.join(root, doomed), readFileSync(path.join(root, doomed), 'utf8') + '\n# edited\n');
    await assert.rejects(reduce(), /changed since its facts were extracted/);
  });

  it('lists the files every slice skipped in the reduced result', async () => {
    const dir = writeHostileWorkspace();
    try {
      const { whole, reduced } = await sharded(dir, out, 3);
      assert.ok(whole.skipped.length > 2, 'the hostile workspace has skipped files');
      const slices = new Set(whole.skipped.map((s) => shardOfPath(s.file, 3)));
      assert.ok(slices.size > 1, 'skipped files fall into several slices');
      assert.deepEqual(reduced.skipped, whole.skipped);
      assert.deepEqual(reduced, whole);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts each file in one slice by a hash of its path, whatever the order or folder', () => {
    const files = Array.from({ length: 400 }, (_, i) => `pkg${i % 7}/module_${i}.py`);
    const counts = [0, 0, 0, 0];
    for (const f of files) counts[shardOfPath(f, 4) - 1]++;
    for (const c of counts) assert.ok(c > 60 && c < 140, `balanced slices: ${counts.join(', ')}`);
    assert.equal(shardOfPath('src/app.ts', 4), shardOfPath('src/app.ts', 4));
    assert.deepEqual(parseShardSpec('2/4'), { index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0']) assert.throws(() => parseShardSpec(bad), /--shard must be i\/n/);
  });

  it('the built CLI names its engine by its bundle: a rebuilt engine writes another engine version, its facts refused', () => {
    const dir = copyOf(repoPath('examples'));
    // A second build: the same bundle with one more statement, beside the same worker and grammars.
    const rebuilt = path.join(out, 'rebuilt');
    cpSync(repoPath('dist', 'cli.js'), path.join(rebuilt, 'cli.js'));
    writeFileSync(
      path.join(rebuilt, 'cli.js'),
      readFileSync(path.join(rebuilt, 'cli.js'), 'utf8') + '\nvoid "another build of the engine";\n',
    );
    symlinkSync(repoPath('dist', 'wasm'), path.join(rebuilt, 'wasm'));
    symlinkSync(repoPath('dist', 'scan-worker.js'), path.join(rebuilt, 'scan-worker.js'));
    const engineOf = (cli: string, name: string) => {
      execFileSync(process.execPath, [cli, 'facts', dir, '--shard', '1/1', '--output', path.join(out, name), '--no-cache'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
      return JSON.parse(readFileSync(path.join(out, name), 'utf8')).engine as string;
    };
    const built = engineOf(repoPath('dist', 'cli.js'), 'built.json');
    assert.equal(engineOf(repoPath('dist', 'cli.js'), 'built-again.json'), built, 'one build, one engine version');
    assert.notEqual(engineOf(path.join(rebuilt, 'cli.js'), 'rebuilt.json'), built);
    const refused = spawnSync(
      process.execPath,
      [path.join(rebuilt, 'cli.js'), 'scan', dir, '--facts', path.join(out, 'built.json'), '--no-cache'],
      { encoding: 'utf8' },
    );
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /was written by engine .*this is engine .*same build/);
  });

  describe('refuses facts files that do not fit together', () => {
    let dir: string;
    beforeEach(async () => {
      dir = copyOf(repoPath('examples'));
      for (let i = 1; i <= 3; i++)
        await runFactsExtraction([dir], { shard: { index: i, count: 3 }, output: path.join(out, `facts-${i}.json.gz`), cache: false });
    });
    const all = () => path.join(out, 'facts-*.json.gz');
    const edit = (name: string, change: (facts: Record<string, unknown>) => void) => {
      const file = path.join(out, name);
      const facts = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
      change(facts);
      writeFileSync(file, gzipSync(JSON.stringify(facts)));
    };

    it('a missing slice', async () => {
      rmSync(path.join(out, 'facts-2.json.gz'));
      await assert.rejects(report(dir, all()), /slice 2\/3 missing/);
    });
    it('no file matching the pattern', async () => {
      await assert.rejects(report(dir, path.join(out, 'nothing-*.json.gz')), /no facts files match/);
    });
    it('a slice given twice, or slices of different splits', async () => {
      writeFileSync(path.join(out, 'facts-1-again.json.gz'), readFileSync(path.join(out, 'facts-1.json.gz')));
      await assert.rejects(report(dir, all()), /slice 1\/3 is given twice/);
      rmSync(path.join(out, 'facts-1-again.json.gz'));
      await runFactsExtraction([dir], { shard: { index: 1, count: 2 }, output: path.join(out, 'facts-9.json.gz'), cache: false });
      await assert.rejects(report(dir, all()), /all slices must come from one split/);
    });
    it('another engine version or facts format', async () => {
      edit('facts-3.json.gz', (f) => (f.engine = '0.0.1+000000000000'));
      await assert.rejects(
        report(dir, all()),
        /facts-3\.json\.gz was written by engine 0\.0\.1\+000000000000, this is engine .*same build/,
      );
      edit('facts-3.json.gz', (f) => (f.formatVersion = 999));
      await assert.rejects(report(dir, all()), /facts format 999, this build reads format 1/);
    });
    it('a file edited between the two steps, and a tree scanned from another folder', async () => {
      writeFileSync(
        path.join(dir, 'distill-pipeline', 'generate.py'),
        readFileSync(path.join(dir, 'distill-pipeline', 'generate.py'), 'utf8') + '\n# edited\n',
      );
      await assert.rejects(report(dir, all()), /generate\.py changed since its facts were extracted/);
      await assert.rejects(report(path.join(dir, 'chat-app'), all()), /cannot be read now|changed since/);
    });
    it('a file that is not a facts file', async () => {
      writeFileSync(path.join(out, 'facts-x.json.gz'), gzipSync('{"hello": 1}'));
      await assert.rejects(report(dir, all()), /is not a facts file/);
    });
  });
});
