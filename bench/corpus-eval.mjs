#!/usr/bin/env node
// Measures the built CLI against a labelled corpus of real code (kept outside git, e.g. under
// bench/.work/corpus/). Usage:
//   node bench/corpus-eval.mjs [<manifest.json> <cases-folder>] [--verbose] [--json]
// (default: bench/.work/corpus/manifest.json and bench/.work/corpus/cases)
// The manifest is {"cases": [{"case": "<folder name>", "class": "harvest"|"product"|"eval",
// "dir"?: "<folder, default = case>", "repo"?: "<where it came from>"}]}; each case folder is
// scanned on its own with `node dist/cli.js scan <folder> --format json --no-cache --fail-on none`.
// Prints, per class, the share of cases whose highest unsuppressed finding reaches a severity:
// harvest ≥ medium and ≥ high, product ≥ low, and each eval case's highest severity.
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ORDER = ['none', 'info', 'low', 'medium', 'high', 'critical'];
const rank = (s) => ORDER.indexOf(s);

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const positional = args.filter((a) => !a.startsWith('--'));
// Defaults: the private corpus under bench/.work/corpus/ (git-ignored).
const [manifestPath, casesDir] = positional.length ? positional : ['bench/.work/corpus/manifest.json', 'bench/.work/corpus/cases'];
if (!manifestPath || !casesDir) {
  console.error('usage: node bench/corpus-eval.mjs <manifest.json> <cases-folder> [--verbose] [--json]');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const cases = Array.isArray(manifest) ? manifest : manifest.cases;

function scan(folder) {
  let out;
  try {
    out = execFileSync(process.execPath, [cli, 'scan', folder, '--format', 'json', '--no-cache', '--fail-on', 'none'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    out = err.stdout ?? '';
    if (!out) throw err;
  }
  return JSON.parse(out);
}

const results = [];
for (const c of cases) {
  const folder = path.resolve(casesDir, c.dir ?? c.case);
  const report = scan(folder);
  const live = report.findings.filter((f) => !f.suppressed);
  let max = 'none';
  for (const f of live) if (rank(f.severity) > rank(max)) max = f.severity;
  const top = live
    .filter((f) => f.severity === max)
    .map((f) => `${f.ruleId}@${f.file}:${f.line}`)
    .slice(0, 3);
  const rules = [...new Set(live.map((f) => `${f.ruleId}:${f.severity}`))].sort();
  results.push({ case: c.case, class: c.class, max, findings: live.length, top, rules });
}

const pct = (n, d) => (d === 0 ? 'n/a' : `${Math.round((100 * n) / d)}% (${n}/${d})`);
const by = (cls) => results.filter((r) => r.class === cls);
const harvest = by('harvest');
const product = by('product');
const evals = by('eval');
const summary = {
  harvestAtLeastMedium: pct(harvest.filter((r) => rank(r.max) >= rank('medium')).length, harvest.length),
  harvestAtLeastHigh: pct(harvest.filter((r) => rank(r.max) >= rank('high')).length, harvest.length),
  productAtLeastLow: pct(product.filter((r) => rank(r.max) >= rank('low')).length, product.length),
  evalMax: Object.fromEntries(evals.map((r) => [r.case, r.max])),
};

if (flags.has('--json')) {
  console.log(JSON.stringify({ summary, results }, null, 2));
} else {
  for (const r of results) {
    const line = `${r.class.padEnd(8)} ${r.max.padEnd(8)} ${r.case}`;
    console.log(flags.has('--verbose') ? `${line}\n    ${r.rules.join(' ') || '(no findings)'}\n    top: ${r.top.join(' ')}` : line);
  }
  console.log('');
  console.log(`harvest >= medium : ${summary.harvestAtLeastMedium}   (target >= 85%)`);
  console.log(`harvest >= high   : ${summary.harvestAtLeastHigh}   (target >= 70%)`);
  console.log(`product >= low    : ${summary.productAtLeastLow}   (target <= 10%)`);
  console.log(
    `eval max severity : ${
      Object.entries(summary.evalMax)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || 'n/a'
    }`,
  );
}
