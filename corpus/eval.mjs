#!/usr/bin/env node
// Scores the built CLI against the labelled real-world corpus.
//
//   node corpus/eval.mjs [--verbose] [--json [file]] [--repo owner/name] [--manifest name.json] [--timeout <seconds>]
//
// Each repository materialised by corpus/build.mjs under corpus/.work/repos/<owner>+<name>/ is
// scanned whole, from its own root, with
//   node dist/cli.js scan <repoRoot> --format json --no-cache --fail-on none
// and every labelled file is scored on its own: the highest unsuppressed finding severity whose
// `file` equals the labelled path. A `harvest` file passes at high or critical, an `eval` file
// at low or medium, a `product` file at info or nothing.
// --json writes the machine-readable results to the given file (default corpus/.work/eval.json).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ORDER = ['none', 'info', 'low', 'medium', 'high', 'critical'];
const rank = (s) => ORDER.indexOf(s);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const cli = path.join(root, 'dist', 'cli.js');
const reposDir = path.join(here, '.work', 'repos');

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : undefined;
};
const verbose = args.includes('--verbose');
const wantJson = args.includes('--json');
const jsonOut = opt('--json') ?? path.join(here, '.work', 'eval.json');
const onlyRepo = opt('--repo');
const onlyManifest = opt('--manifest');
const timeoutMs = Number(opt('--timeout') ?? 300) * 1000;

if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` in the repository root first');
  process.exit(2);
}

function loadManifests() {
  const dir = path.join(here, 'manifest');
  const entries = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const m = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    for (const e of m.entries ?? []) entries.push({ ...e, manifest: f });
  }
  return entries;
}

const languageOf = (p) => (/\.(py|pyi|ipynb)$/i.test(p) ? 'python' : /\.(m|c)?[jt]sx?$/i.test(p) ? 'tsjs' : 'other');

/** Runs one whole-repository scan; resolves to the parsed report or an error string. */
function scanRepo(repoRoot) {
  const tmp = path.join(os.tmpdir(), `ppr-corpus-${process.pid}-${Date.now()}.json`);
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      [cli, 'scan', repoRoot, '--format', 'json', '--no-cache', '--fail-on', 'none', '--no-color', '-o', tmp],
      { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      if (stderr.length < 4000) stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - t0;
      if (signal) return resolve({ error: `killed (${signal}) after ${Math.round(ms / 1000)} s`, ms });
      try {
        const report = JSON.parse(readFileSync(tmp, 'utf8'));
        rmSync(tmp, { force: true });
        resolve({ report, ms, code });
      } catch (err) {
        resolve({ error: `exit ${code}: ${(stderr || String(err)).trim().split('\n').slice(-3).join(' | ')}`, ms });
      }
    });
  });
}

function passes(label, sev) {
  if (label === 'harvest') return rank(sev) >= rank('high');
  if (label === 'eval') return sev === 'low' || sev === 'medium';
  if (label === 'product') return rank(sev) <= rank('info');
  return false;
}

const entries = loadManifests().filter((e) => (!onlyRepo || e.repo === onlyRepo) && (!onlyManifest || e.manifest === onlyManifest));
const byRepo = new Map();
for (const e of entries) {
  if (!byRepo.has(e.repo)) byRepo.set(e.repo, []);
  byRepo.get(e.repo).push(e);
}

const results = [];
const failedRepos = [];
const missingRepos = [];
for (const [repo, list] of byRepo) {
  const repoRoot = path.join(reposDir, repo.replace('/', '+'));
  if (!existsSync(repoRoot)) {
    missingRepos.push(repo);
    continue;
  }
  process.stderr.write(`scanning ${repo} … `);
  const r = await scanRepo(repoRoot);
  if (r.error) {
    process.stderr.write(`FAILED ${r.error}\n`);
    failedRepos.push({ repo, error: r.error });
    continue;
  }
  process.stderr.write(`${r.report.findings.length} findings, ${(r.ms / 1000).toFixed(1)} s\n`);
  const norm = (p) => p.split(path.sep).join('/').replace(/^\.\//, '');
  const live = r.report.findings.filter((f) => !f.suppressed);
  for (const e of list) {
    const mine = live.filter((f) => norm(f.file) === e.path);
    let sev = 'none';
    for (const f of mine) if (rank(f.severity) > rank(sev)) sev = f.severity;
    const top = [...new Set(mine.filter((f) => f.severity === sev).map((f) => `${f.ruleId}:${f.line}`))].slice(0, 4);
    const rules = [...new Set(mine.map((f) => f.ruleId))];
    results.push({
      repo,
      path: e.path,
      label: e.label,
      kind: e.kind,
      language: e.language ?? languageOf(e.path),
      crossFile: !!e.crossFile,
      severity: sev,
      pass: passes(e.label, sev),
      top,
      rules,
      findings: mine.length,
      scanMs: r.ms,
    });
  }
}

const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(0)}%` : '-');
function summarise(rows) {
  const n = rows.length;
  const pass = rows.filter((r) => r.pass).length;
  const h = rows.filter((r) => r.label === 'harvest');
  const p = rows.filter((r) => r.label === 'product');
  return {
    n,
    pass,
    harvestN: h.length,
    harvestGeMedium: h.filter((r) => rank(r.severity) >= rank('medium')).length,
    harvestGeHigh: h.filter((r) => rank(r.severity) >= rank('high')).length,
    productN: p.length,
    productWarned: p.filter((r) => rank(r.severity) >= rank('low')).length,
  };
}
function table(title, groups) {
  console.log(`\n${title}`);
  console.log('  group                 files  pass        harvest>=medium  harvest>=high  product>=low');
  for (const [name, rows] of groups) {
    const s = summarise(rows);
    if (!s.n) continue;
    const cell = (a, b) => (b ? `${a}/${b} ${pct(a, b)}` : '-');
    console.log(
      `  ${name.padEnd(20)} ${String(s.n).padStart(6)}  ${cell(s.pass, s.n).padEnd(11)} ` +
        `${cell(s.harvestGeMedium, s.harvestN).padEnd(16)} ${cell(s.harvestGeHigh, s.harvestN).padEnd(14)} ` +
        `${cell(s.productWarned, s.productN)}`,
    );
  }
}
const group = (key, values) => values.map((v) => [String(v), results.filter((r) => key(r) === v)]);

if (verbose) {
  console.log('\nfile results (severity, pass, top rules):');
  for (const r of results) {
    console.log(
      `  ${r.pass ? 'PASS' : 'FAIL'} ${r.label.padEnd(7)} ${r.severity.padEnd(8)} ${r.repo}/${r.path}${r.crossFile ? ' [cross]' : ''}` +
        (r.top.length ? `  <- ${r.top.join(', ')}` : ''),
    );
  }
}
table(
  'by label',
  group((r) => r.label, ['harvest', 'eval', 'product']),
);
table(
  'by language',
  group((r) => r.language, ['python', 'tsjs', 'other']),
);
table('by label x language', [
  ...['harvest', 'eval', 'product'].flatMap((l) =>
    ['python', 'tsjs'].map((g) => [`${l}/${g}`, results.filter((r) => r.label === l && r.language === g)]),
  ),
]);
table('by cross-file', [
  ['cross-file', results.filter((r) => r.crossFile)],
  ['single-file', results.filter((r) => !r.crossFile)],
  ...['harvest', 'eval', 'product'].flatMap((l) => [
    [`${l}/cross`, results.filter((r) => r.label === l && r.crossFile)],
    [`${l}/single`, results.filter((r) => r.label === l && !r.crossFile)],
  ]),
]);
table('total', [['all', results]]);
console.log(`\n${results.length} labelled files from ${byRepo.size - missingRepos.length - failedRepos.length} repositories scanned`);
if (missingRepos.length) console.log(`not materialised (run corpus/build.mjs): ${missingRepos.join(', ')}`);
if (failedRepos.length) for (const f of failedRepos) console.log(`scan failed: ${f.repo}: ${f.error}`);

if (wantJson) {
  mkdirSync(path.dirname(path.resolve(jsonOut)), { recursive: true });
  const summary = {};
  for (const [k, rows] of [
    ['all', results],
    ...group((r) => r.label, ['harvest', 'eval', 'product']),
    ...group((r) => r.language, ['python', 'tsjs']),
    ['cross-file', results.filter((r) => r.crossFile)],
    ['single-file', results.filter((r) => !r.crossFile)],
  ])
    summary[k] = summarise(rows);
  writeFileSync(jsonOut, JSON.stringify({ summary, results, failedRepos, missingRepos }, null, 2) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), path.resolve(jsonOut))}`);
}
