// `npm run bench [-- <dir>…] [--files N] [--scale 10000,50000,100000] [--runs N] [--skip-latency]`: scan
// throughput against ripgrep and ast-grep on the same tree with a warm page cache, per-phase times,
// edit latency, peak RSS, for each <dir> given (the real corpus: bench/real-corpus.mjs) and for a
// generated tree (corpus.mjs), then the generated tree at several sizes (scan time against candidate
// files), activation and VSIX size, all in one run so every ratio compares figures of one moment.
// A benchmark, not a test: it prints tables and writes bench/.work/results.json; it never fails on a number.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { generateCorpus } from './corpus.mjs';

const require = createRequire(import.meta.url);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, 'bench', '.work');
const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    files: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' },
    'skip-latency': { type: 'boolean', default: false },
    /** Sizes of the generated tree for the scaling table ('' for none). */
    scale: { type: 'string', default: '10000,50000,100000' },
    /** Measure only the trees given, not the generated one. */
    'no-generated': { type: 'boolean', default: false },
  },
});
const runs = Number(flags.runs);

// ---------- tools ----------

function which(command) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

const rg = which('rg');
if (!rg) {
  console.error('bench: ripgrep (rg) is missing. Install it with:  apt-get install -y ripgrep   (or brew install ripgrep)');
  process.exit(2);
}
/** ast-grep's binary comes in a per-platform package; npm need not have run @ast-grep/cli's postinstall. */
function astGrepBinary() {
  const candidates = [
    path.join(root, 'node_modules', '@ast-grep', `cli-${process.platform}-${process.arch}-gnu`, 'ast-grep'),
    path.join(root, 'node_modules', '@ast-grep', `cli-${process.platform}-${process.arch}`, 'ast-grep'),
    path.join(root, 'node_modules', '@ast-grep', 'cli', 'ast-grep'),
  ];
  for (const c of candidates) {
    if (existsSync(c) && spawnSync(c, ['--version']).status === 0) return c;
  }
  console.error(
    'bench: ast-grep is missing or not runnable. Run `npm install` (devDependency @ast-grep/cli, which brings the platform binary).',
  );
  process.exit(2);
}
const astGrep = astGrepBinary();
if (!existsSync(path.join(root, 'dist', 'cli.js')) || !existsSync(path.join(root, 'out', 'src', 'engine', 'scan.js'))) {
  console.error('bench: run "npm run build" first');
  process.exit(2);
}
// A private copy of the CLI bundle: the facts cache is keyed to the bundle's size and mtime, so a
// rebuild of dist/ during the run (another terminal, a watcher) would silently turn warm scans cold.
const snapshot = path.join(work, 'dist');
rmSync(snapshot, { recursive: true, force: true });
mkdirSync(snapshot, { recursive: true });
for (const name of ['cli.js', 'scan-worker.js', 'wasm'])
  cpSync(path.join(root, 'dist', name), path.join(snapshot, name), { recursive: true });
const cli = path.join(snapshot, 'cli.js');

// ---------- the trees ----------

const trees = positionals.map((p) => ({ name: path.basename(path.resolve(p)), dir: path.resolve(p) }));
for (const t of trees) {
  if (!existsSync(t.dir)) {
    console.error(`bench: ${t.dir} does not exist (the real corpus: node bench/real-corpus.mjs <mirrors-dir>)`);
    process.exit(2);
  }
}
const generatedTree = (files) => {
  const dir = path.join(work, `corpus-${files}`);
  const made = generateCorpus(dir, { files });
  console.log(`bench: ${made.reused ? 'reusing' : 'generated'} ${files} files in ${path.relative(root, dir)}`);
  return dir;
};
if (!flags['no-generated'] || !trees.length)
  trees.push({ name: `generated ${flags.files} files`, dir: generatedTree(Number(flags.files)) });

// ---------- measuring ----------

mkdirSync(work, { recursive: true });

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const timeFile = path.join(work, 'time.txt');

/**
 * Runs a command `runs` times: the best wall time, the best CPU time (user + sys, all threads;
 * steadier than wall time on a shared machine) and the peak RSS, from GNU time when installed.
 * Best-of rather than median: on a shared machine the slower runs measure the neighbours.
 */
function measure(label, command, args, { env = {}, okStatus = [0, 1], times = runs, before, capture = false } = {}) {
  const samples = [];
  let last;
  for (let i = 0; i < times; i++) {
    before?.();
    const [cmd, argv] = gnuTime ? [gnuTime, ['-f', '%U %S %M', '-o', timeFile, command, ...args]] : [command, args];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, argv, {
      stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
      env: { ...process.env, ...env },
      maxBuffer: 1 << 28,
      encoding: 'utf8',
    });
    last = r;
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!okStatus.includes(r.status ?? -1)) throw new Error(`${label} exited with ${r.status ?? r.signal}: ${r.stderr}`);
    const [user, sys, rssKb] = gnuTime ? readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
    samples.push({ wall, cpu: (user + sys) * 1000, rssKb });
  }
  const best = (xs) => Math.min(...xs);
  const result = {
    label,
    ms: best(samples.map((s) => s.wall)),
    cpuMs: best(samples.map((s) => s.cpu)),
    runs: samples.map((s) => Math.round(s.wall)),
    peakRssMb: Math.round(Math.max(...samples.map((s) => s.rssKb)) / 1024) || undefined,
  };
  if (capture) Object.defineProperty(result, 'output', { value: { stdout: last.stdout, stderr: last.stderr }, enumerable: false });
  console.log(
    `  ${label.padEnd(44)} ${result.ms.toFixed(0).padStart(7)} ms wall ` +
      `${Number.isNaN(result.cpuMs) ? '' : `${result.cpuMs.toFixed(0).padStart(7)} ms CPU`}  ` +
      `[${result.runs.join(', ')}]${result.peakRssMb ? `  peak RSS ${result.peakRssMb} MB` : ''}`,
  );
  return result;
}

const SDK_CALLS = [
  'messages\\.create',
  'chat\\.completions\\.create',
  'completions\\.create',
  'responses\\.create',
  'generate_content',
  'generateContent',
  'generateText',
  'streamText',
  'invoke_model',
  'embeddings\\.create',
  'batches\\.create',
];
const AST_GREP_LANGUAGES = ['python', 'typescript', 'tsx', 'javascript'];
const inlineRules = AST_GREP_LANGUAGES.map((lang) => `id: call-${lang}\nlanguage: ${lang}\nrule: {pattern: $C.messages.create($$$A)}`).join(
  '\n---\n',
);
// The CLI keeps each tree's cache in the user's cache folder (src/host/node-host.ts factsCacheFile).
const { factsCacheFile, scanManifestFile } = require(path.join(root, 'out/src/host/node-host.js'));

/** `PPR_TIMINGS=1` lines on standard error → [{ms, phase}] (worker scans print the scan's inner phases too). */
const phasesOf = (stderr) =>
  stderr.split('\n').flatMap((line) => {
    const m = /^\s*(\d+) ms {2}(.*)$/.exec(line);
    return m ? [{ ms: Number(m[1]), phase: m[2] }] : [];
  });
/** What the JSON report says: files listed, files parsed (the candidates), findings. */
const summaryOf = (stdout) => JSON.parse(stdout).summary;

function latencyOf(tree, lines) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench', 'latency.mjs'), tree, '100', String(lines), '1000'], {
    encoding: 'utf8',
  });
  return r.status === 0 ? JSON.parse(r.stdout.trim().split('\n').pop()) : { error: r.stderr };
}

function benchTree({ name, dir: tree }) {
  const ourScan = (extra) => [cli, 'scan', tree, '--format', 'json', '--fail-on', 'none', ...extra];
  const cacheFile = factsCacheFile(tree);
  const manifestFile = scanManifestFile(tree);
  const fileCount = spawnSync(rg, ['--files', '-t', 'py', '-t', 'ts', '-t', 'js', tree], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .stdout.split('\n')
    .filter(Boolean).length;
  console.log(
    `\nbench: ${name}: ${fileCount} source files (rg's count); ${os.availableParallelism()} cores; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  // Warm the page cache: every tool reads every file once before anything is timed.
  spawnSync(rg, ['-c', 'x', tree], { stdio: 'ignore' });

  const results = { name, tree, fileCount };
  results.rg = measure('rg keyword search (SDK call names)', rg, [
    '-l',
    '-t',
    'py',
    '-t',
    'ts',
    '-t',
    'js',
    '-e',
    SDK_CALLS.join('|'),
    tree,
  ]);
  results.astGrepScan = measure('ast-grep scan, 1 pattern x 4 languages', astGrep, ['scan', '--inline-rules', inlineRules, tree]);
  results.astGrepRuns = { label: 'ast-grep run -p, one run per language', ms: 0, cpuMs: 0, runs: [] };
  for (const lang of AST_GREP_LANGUAGES) {
    const r = measure(`  ast-grep run -p --lang ${lang}`, astGrep, ['run', '-p', '$C.messages.create($$$A)', '--lang', lang, tree]);
    results.astGrepRuns.ms += r.ms;
    results.astGrepRuns.cpuMs += r.cpuMs;
  }
  console.log(`  ${'ast-grep run -p, sum of the 4 languages'.padEnd(44)} ${results.astGrepRuns.ms.toFixed(0).padStart(7)} ms`);
  results.coldSingle = measure('ppr cold scan, 1 thread (--no-cache)', process.execPath, ourScan(['--no-cache']), {
    env: { PPR_SCAN_WORKERS: '1', PPR_TIMINGS: '1' },
    times: 1,
    capture: true,
  });
  results.phasesSingle = phasesOf(results.coldSingle.output.stderr);
  results.cold = measure('ppr cold scan, workers (--no-cache)', process.execPath, ourScan(['--no-cache']), {
    env: { PPR_TIMINGS: '1' },
    times: Math.min(runs, 2),
    capture: true,
  });
  results.phases = phasesOf(results.cold.output.stderr);
  results.summary = summaryOf(results.cold.output.stdout);
  measure('ppr cache fill (first cached scan)', process.execPath, ourScan([]), {
    times: 1,
    before: () => {
      rmSync(cacheFile, { force: true });
      rmSync(manifestFile, { force: true });
    },
  });
  results.warm = measure('ppr warm scan (unchanged tree)', process.execPath, ourScan([]));
  // One source file edited between scans: the last result cannot be reused. The scan reads the
  // edited file only, and analyses again when its facts changed; an edit that changes which files
  // the scan parses makes it scan in full (the phases below say which happened).
  const edited = spawnSync(rg, ['--files', '-t', 'py', tree], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .stdout.split('\n')
    .filter(Boolean)
    .sort()[0];
  const original = readFileSync(edited);
  let edits = 0;
  try {
    results.warmEdited = measure('ppr warm scan (one file edited)', process.execPath, ourScan([]), {
      env: { PPR_TIMINGS: '1' },
      before: () => writeFileSync(edited, Buffer.concat([original, Buffer.from(`\n# edit ${++edits}\n`)])),
      capture: true,
    });
    results.phasesEdited = phasesOf(results.warmEdited.output.stderr);
  } finally {
    writeFileSync(edited, original);
  }
  if (!flags['skip-latency']) {
    results.latency = latencyOf(tree, 2000);
    results.latencySmall = latencyOf(tree, 200);
  }

  const ratio = (ms, base) => (base && !Number.isNaN(ms) ? `${(ms / base).toFixed(2)}×` : '');
  const fastest = results.astGrepScan.ms <= results.astGrepRuns.ms ? results.astGrepScan : results.astGrepRuns;
  results.astGrepFastest = fastest.label;
  const rows = [
    ['rg keyword search', results.rg],
    ['ast-grep scan (1 pattern/language, 1 walk)', results.astGrepScan],
    ['ast-grep run -p (1 run/language, summed)', results.astGrepRuns],
    ['ppr cold scan, 1 thread', results.coldSingle],
    [`ppr cold scan, worker threads (default)`, results.cold],
    ['ppr warm scan, unchanged tree', results.warm],
    ['ppr warm scan, one file edited', results.warmEdited],
  ];
  console.log(
    `\n${name}: ${fileCount} files, ${results.summary.parsed} parsed by the cold scan, ${results.summary.findings} ` +
      `findings, ${os.availableParallelism()} cores\n`,
  );
  console.log(
    `| ${name} | wall ms | CPU ms | wall × rg | wall × ast-grep | CPU × ast-grep | peak RSS MB |\n|---|---:|---:|---:|---:|---:|---:|`,
  );
  for (const [label, r] of rows)
    console.log(
      `| ${label} | ${r.ms.toFixed(0)} | ${r.cpuMs.toFixed(0)} | ${ratio(r.ms, results.rg.ms)} | ${ratio(r.ms, fastest.ms)} ` +
        `| ${ratio(r.cpuMs, fastest.cpuMs)} | ${r.peakRssMb ?? ''} |`,
    );
  console.log(`\nphases of the cold scan (workers | 1 thread), PPR_TIMINGS=1:`);
  const single = new Map(results.phasesSingle.map((p) => [p.phase.replace(/(?<!round )\d+/g, 'N'), p.ms]));
  for (const p of results.phases)
    console.log(
      `  ${String(p.ms).padStart(7)} | ${String(single.get(p.phase.replace(/(?<!round )\d+/g, 'N')) ?? '').padStart(7)} ms  ${p.phase}`,
    );
  console.log(`\nphases of the warm scan after one edited file (${path.relative(tree, edited)}):`);
  for (const p of results.phasesEdited ?? []) console.log(`  ${String(p.ms).padStart(7)} ms  ${p.phase}`);
  for (const [label, l] of [
    ['2,000-line', results.latency],
    ['200-line', results.latencySmall],
  ]) {
    if (l?.p50 !== undefined)
      console.log(
        `edit → diagnostics, ${label} file in a folder of ${l.workspaceFiles} analysed files: p50 ${l.p50.toFixed(1)} ms, ` +
          `p95 ${l.p95.toFixed(1)} ms (analyseOne p95 ${l.extractP95.toFixed(1)}, analyzeChangedFile ` +
          `p95 ${l.analyseP95.toFixed(1)})`,
      );
    else if (l) console.log(`edit → diagnostics, ${label} file: failed: ${l.error}`);
  }
  return results;
}

const allResults = { trees: trees.map(benchTree) };

// ---------- cost against candidate files ----------

// The generated tree at several sizes, one cold scan each: the time should follow the files the
// pre-filter passes (the candidates, `parsed`), not the files listed.
const sizes = flags.scale
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
if (sizes.length) {
  allResults.scaling = [];
  for (const files of sizes) {
    const dir = generatedTree(files);
    spawnSync(rg, ['-c', 'x', dir], { stdio: 'ignore' });
    const rgRun = measure(
      `rg keyword search, ${files} files`,
      rg,
      ['-l', '-t', 'py', '-t', 'ts', '-t', 'js', '-e', SDK_CALLS.join('|'), dir],
      { times: 1 },
    );
    const r = measure(
      `ppr cold scan, ${files} files`,
      process.execPath,
      [cli, 'scan', dir, '--format', 'json', '--fail-on', 'none', '--no-cache'],
      { times: 1, capture: true },
    );
    const summary = summaryOf(r.output.stdout);
    allResults.scaling.push({
      files,
      listed: summary.files,
      parsed: summary.parsed,
      ms: r.ms,
      cpuMs: r.cpuMs,
      peakRssMb: r.peakRssMb,
      rgMs: rgRun.ms,
    });
  }
  console.log(
    '\n| generated tree | files listed | candidates parsed | cold scan ms | ms per candidate | ms per 1,000 files | × rg | peak RSS MB |' +
      '\n|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const s of allResults.scaling)
    console.log(
      `| ${s.files} | ${s.listed} | ${s.parsed} | ${s.ms.toFixed(0)} | ${(s.ms / s.parsed).toFixed(2)} ` +
        `| ${((s.ms / s.listed) * 1000).toFixed(0)} | ${(s.ms / s.rgMs).toFixed(1)}× | ${s.peakRssMb ?? ''} |`,
    );
}

// ---------- the editor ----------

const activation = [];
for (let i = 0; i < 5; i++) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench', 'activation.mjs')], { encoding: 'utf8' });
  if (r.status === 0) activation.push(JSON.parse(r.stdout));
}
activation.sort((a, b) => a.totalMs - b.totalMs);
allResults.activation = activation[Math.floor(activation.length / 2)];
if (allResults.activation)
  console.log(
    `\nrequire + activate() of dist/extension.js in Node with a vscode stand-in: ${allResults.activation.totalMs.toFixed(1)} ms; ` +
      `the engine bundle loads on the first analysis (${allResults.activation.engineRequireMs?.toFixed(1)} ms); ` +
      `activation inside VS Code is printed by the integration test "activation only registers"`,
  );
const vsix = readdirSync(root)
  .filter((f) => f.endsWith('.vsix'))
  .map((f) => ({ f, s: statSync(path.join(root, f)) }))
  .sort((a, b) => b.s.mtimeMs - a.s.mtimeMs)[0];
allResults.vsix = vsix ? { file: vsix.f, bytes: vsix.s.size } : undefined;
console.log(
  allResults.vsix ? `VSIX ${allResults.vsix.file}: ${(allResults.vsix.bytes / 1024).toFixed(0)} KB` : 'VSIX: none built (npm run package)',
);
writeFileSync(
  path.join(work, 'results.json'),
  JSON.stringify({ cores: os.availableParallelism(), loadavg: os.loadavg(), date: new Date().toISOString(), ...allResults }, null, 2),
);
