// `npm run bench [-- <dir>] [--files N] [--runs N] [--skip-latency]`: scan throughput against ripgrep
// and ast-grep on the same tree with a warm page cache, plus edit latency, activation, peak RSS and
// VSIX size. Without <dir> it generates a deterministic tree under bench/.work/ (see corpus.mjs).
// A benchmark, not a test: it prints a table and writes bench/.work/results.json; it never fails on a number.
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
  options: { files: { type: 'string', default: '20000' }, runs: { type: 'string', default: '3' }, 'skip-latency': { type: 'boolean', default: false } },
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
  console.error('bench: ast-grep is missing or not runnable. Run `npm install` (devDependency @ast-grep/cli, which brings the platform binary).');
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
for (const name of ['cli.js', 'scan-worker.js', 'wasm']) cpSync(path.join(root, 'dist', name), path.join(snapshot, name), { recursive: true });
const cli = path.join(snapshot, 'cli.js');

// ---------- the tree ----------

let tree;
if (positionals[0]) tree = path.resolve(positionals[0]);
else {
  const files = Number(flags.files);
  tree = path.join(work, `corpus-${files}`);
  const made = generateCorpus(tree, { files });
  console.log(`bench: ${made.reused ? 'reusing' : 'generated'} ${files} files in ${path.relative(root, tree)}`);
}

// ---------- measuring ----------

mkdirSync(work, { recursive: true });

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const timeFile = path.join(work, 'time.txt');

/**
 * Runs a command `runs` times: the best wall time, the best CPU time (user + sys, all threads;
 * steadier than wall time on a shared machine) and the peak RSS, from GNU time when installed.
 * Best-of rather than median: on a shared machine the slower runs measure the neighbours.
 */
function measure(label, command, args, { env = {}, okStatus = [0, 1], times = runs, before } = {}) {
  const samples = [];
  for (let i = 0; i < times; i++) {
    before?.();
    const [cmd, argv] = gnuTime ? [gnuTime, ['-f', '%U %S %M', '-o', timeFile, command, ...args]] : [command, args];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
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
  console.log(`  ${label.padEnd(44)} ${result.ms.toFixed(0).padStart(7)} ms wall ${Number.isNaN(result.cpuMs) ? '' : `${result.cpuMs.toFixed(0).padStart(7)} ms CPU`}  [${result.runs.join(', ')}]${result.peakRssMb ? `  peak RSS ${result.peakRssMb} MB` : ''}`);
  return result;
}

const SDK_CALLS = ['messages\\.create', 'chat\\.completions\\.create', 'completions\\.create', 'responses\\.create', 'generate_content', 'generateContent', 'generateText', 'streamText', 'invoke_model', 'embeddings\\.create', 'batches\\.create'];
const AST_GREP_LANGUAGES = ['python', 'typescript', 'tsx', 'javascript'];
const inlineRules = AST_GREP_LANGUAGES.map((lang) => `id: call-${lang}\nlanguage: ${lang}\nrule: {pattern: $C.messages.create($$$A)}`).join('\n---\n');
const ourScan = (extra) => [cli, 'scan', tree, '--format', 'json', ...extra];
// The CLI keeps each tree's cache in the user's cache folder (src/host/node-host.ts factsCacheFile).
const { factsCacheFile, scanManifestFile } = require(path.join(root, 'out/src/host/node-host.js'));
const cacheFile = factsCacheFile(tree);
const manifestFile = scanManifestFile(tree);

const fileCount = spawnSync(rg, ['--files', '-t', 'py', '-t', 'ts', '-t', 'js', tree], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.split('\n').filter(Boolean).length;
console.log(`bench: ${fileCount} source files (rg's count); ${os.availableParallelism()} cores; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
// Warm the page cache: every tool reads every file once before anything is timed.
spawnSync(rg, ['-c', 'x', tree], { stdio: 'ignore' });

const results = {};
results.rg = measure('rg keyword search (SDK call names)', rg, ['-l', '-t', 'py', '-t', 'ts', '-t', 'js', '-e', SDK_CALLS.join('|'), tree]);
results.astGrepScan = measure('ast-grep scan, 1 pattern x 4 languages', astGrep, ['scan', '--inline-rules', inlineRules, tree]);
results.astGrepRuns = { label: 'ast-grep run -p, one run per language', ms: 0, cpuMs: 0, runs: [] };
for (const lang of AST_GREP_LANGUAGES) {
  const r = measure(`  ast-grep run -p --lang ${lang}`, astGrep, ['run', '-p', '$C.messages.create($$$A)', '--lang', lang, tree]);
  results.astGrepRuns.ms += r.ms;
  results.astGrepRuns.cpuMs += r.cpuMs;
}
console.log(`  ${'ast-grep run -p, sum of the 4 languages'.padEnd(44)} ${results.astGrepRuns.ms.toFixed(0).padStart(7)} ms`);
results.coldSingle = measure('ppr cold scan, 1 thread (--no-cache)', process.execPath, ourScan(['--no-cache']), { env: { PPR_SCAN_WORKERS: '1' }, times: 1 });
results.cold = measure('ppr cold scan, workers (--no-cache)', process.execPath, ourScan(['--no-cache']), { times: Math.min(runs, 2) });
measure('ppr cache fill (first cached scan)', process.execPath, ourScan([]), { times: 1, before: () => { rmSync(cacheFile, { force: true }); rmSync(manifestFile, { force: true }); } });
results.warm = measure('ppr warm scan (unchanged tree)', process.execPath, ourScan([]));
// One source file edited between scans: the last result cannot be reused, so the scan lists and
// reads the tree, takes every other file's facts from the cache and parses the edited one.
const edited = spawnSync(rg, ['--files', '-t', 'py', tree], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.split('\n').filter(Boolean).sort()[0];
const original = readFileSync(edited);
let edits = 0;
try {
  results.warmEdited = measure('ppr warm scan (one file edited)', process.execPath, ourScan([]), { before: () => writeFileSync(edited, Buffer.concat([original, Buffer.from(`\n# edit ${++edits}\n`)])) });
} finally {
  writeFileSync(edited, original);
}

if (!flags['skip-latency']) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench', 'latency.mjs'), tree, '100'], { encoding: 'utf8' });
  results.latency = r.status === 0 ? JSON.parse(r.stdout.trim().split('\n').pop()) : { error: r.stderr };
  console.log(`  edit → diagnostics (2,000-line file)        p50 ${results.latency.p50?.toFixed(1)} ms, p95 ${results.latency.p95?.toFixed(1)} ms`);
  // The size most edited files have, beside the 2,000-line file the target names.
  const small = spawnSync(process.execPath, [path.join(root, 'bench', 'latency.mjs'), tree, '100', '200'], { encoding: 'utf8' });
  results.latencySmall = small.status === 0 ? JSON.parse(small.stdout.trim().split('\n').pop()) : { error: small.stderr };
  console.log(`  edit → diagnostics (200-line file)          p50 ${results.latencySmall.p50?.toFixed(1)} ms, p95 ${results.latencySmall.p95?.toFixed(1)} ms`);
}
const activation = [];
for (let i = 0; i < 5; i++) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench', 'activation.mjs')], { encoding: 'utf8' });
  if (r.status === 0) activation.push(JSON.parse(r.stdout));
}
activation.sort((a, b) => a.totalMs - b.totalMs);
results.activation = activation[Math.floor(activation.length / 2)];
console.log(`  require dist/extension.js + activate()       ${results.activation?.requireMs.toFixed(1)} + ${results.activation?.activateMs.toFixed(1)} ms (Node, vscode stand-in); engine bundle on first analysis ${results.activation?.engineRequireMs?.toFixed(1)} ms`);
const vsix = readdirSync(root).filter((f) => f.endsWith('.vsix')).map((f) => ({ f, s: statSync(path.join(root, f)) })).sort((a, b) => b.s.mtimeMs - a.s.mtimeMs)[0];
results.vsix = vsix ? { file: vsix.f, bytes: vsix.s.size } : undefined;

// ---------- the table ----------

const ratio = (ms, base) => (base && !Number.isNaN(ms) ? `${(ms / base).toFixed(2)}×` : '');
const fastest = results.astGrepScan.ms <= results.astGrepRuns.ms ? results.astGrepScan : results.astGrepRuns;
const rows = [
  ['rg keyword search', results.rg],
  ['ast-grep scan (1 pattern/language, 1 walk)', results.astGrepScan],
  ['ast-grep run -p (1 run/language, summed)', results.astGrepRuns],
  ['ppr cold scan, 1 thread', results.coldSingle],
  [`ppr cold scan, worker threads (default)`, results.cold],
  ['ppr warm scan, unchanged tree', results.warm],
  ['ppr warm scan, one file edited', results.warmEdited],
];
console.log(`\n| ${fileCount} files, ${os.availableParallelism()} cores | wall ms | CPU ms | wall × rg | wall × ast-grep | CPU × ast-grep | peak RSS MB |\n|---|---:|---:|---:|---:|---:|---:|`);
for (const [name, r] of rows) console.log(`| ${name} | ${r.ms.toFixed(0)} | ${r.cpuMs.toFixed(0)} | ${ratio(r.ms, results.rg.ms)} | ${ratio(r.ms, fastest.ms)} | ${ratio(r.cpuMs, fastest.cpuMs)} | ${r.peakRssMb ?? ''} |`);
if (results.latency?.p50 !== undefined) console.log(`\nedit → diagnostics on a 2,000-line file (${results.latency.workspaceFiles} files of facts known): p50 ${results.latency.p50.toFixed(1)} ms, p95 ${results.latency.p95.toFixed(1)} ms (analyseOne p95 ${results.latency.extractP95.toFixed(1)}, analyzeWorkspace p95 ${results.latency.analyseP95.toFixed(1)})`);
if (results.activation) console.log(`require + activate() of dist/extension.js in Node with a vscode stand-in: ${results.activation.totalMs.toFixed(1)} ms; the engine bundle loads on the first analysis (${results.activation.engineRequireMs?.toFixed(1)} ms); activation inside VS Code is printed by the integration test "activation only registers"`);
console.log(results.vsix ? `VSIX ${results.vsix.file}: ${(results.vsix.bytes / 1024).toFixed(0)} KB` : 'VSIX: none built (npm run package)');
writeFileSync(path.join(work, 'results.json'), JSON.stringify({ tree, fileCount, cores: os.availableParallelism(), loadavg: os.loadavg(), date: new Date().toISOString(), results }, null, 2));
