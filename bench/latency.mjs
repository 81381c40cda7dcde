// Edit → diagnostics latency at the engine level, as the editor does it (src/vscode/live-diagnostics.ts):
// after an edit, analyseOne on the changed 2,000-line file, then analyzeChangedFile (the analysis of the
// files that can change its findings) over the folder's known facts, keeping the changed file's findings.
// The workspace facts come from a warm scan's cache.
//   node bench/latency.mjs <scanned-dir> [edits] [lines] [folder-files]   → one JSON line (lines: size of the
//   edited file, default 2,000; folder-files: how many analysed files the folder holds with it, default all)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { largePythonFile } from './corpus.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { analyseOne, lineAt } = require(path.join(root, 'out/src/engine/scan.js'));
const { analyzeChangedFile } = require(path.join(root, 'out/src/engine/incremental.js'));
const { defaultConfig } = require(path.join(root, 'out/src/engine/config.js'));
const { createNodeHost } = require(path.join(root, 'out/src/host/node-host.js'));

const dir = path.resolve(process.argv[2] ?? '.');
const edits = Number(process.argv[3] ?? 100);
const { factsCacheFile } = require(path.join(root, 'out/src/host/node-host.js'));
const { DiskFactsCache } = require(path.join(root, 'out/src/host/disk-facts-cache.js'));
const cacheFile = factsCacheFile(dir);
const store = new Map();
// The warm cache of the scanned tree, whatever build wrote it (its index names that build).
if (existsSync(cacheFile)) {
  const { deserialize } = await import('node:v8');
  const stored = new DiskFactsCache(cacheFile, deserialize(readFileSync(cacheFile)).version);
  for (const key of stored.keys()) store.set(key.split('\u0000')[0], stored.get(key));
}
// A folder of N analysed files: the edited one and the first N - 1 of the scanned tree's (by path).
const folderFiles = Number(process.argv[5] ?? 0);
if (folderFiles > 0) {
  const keep = new Set([...store.keys()].sort().slice(0, folderFiles - 1));
  for (const f of [...store.keys()]) if (!keep.has(f)) store.delete(f);
}

const file = 'bench-edit/large_job.py';
const base = largePythonFile(Number(process.argv[4] ?? 2000)).split('\n');
const host = createNodeHost(dir);
const config = defaultConfig();
const cacheEntries = new Map();
const cache = { get: (k) => cacheEntries.get(k), set: (k, v) => cacheEntries.set(k, v) };
const total = [];
const extract = [];
const analyse = [];
let findings = 0;
const WARMUP = 5;
for (let i = 0; i < edits + WARMUP; i++) {
  // One keystroke's worth of change on a different line each time, so the facts cache never answers.
  const lines = base.slice();
  const at = (i * 37) % lines.length;
  lines[at] = lines[at] + (lines[at].trim() ? `  # edit ${i}` : '');
  const text = lines.join('\n');
  const t0 = performance.now();
  const facts = await analyseOne(file, text, host, { cache });
  const t1 = performance.now();
  if ('reason' in facts) throw new Error(`the edited file was skipped: ${facts.reason}`);
  store.set(file, facts);
  const result = analyzeChangedFile(
    { files: store, lineText: (f, line) => (f === file ? lineAt(text, line) : ''), config, today: '2026-11-25' },
    file,
  );
  const t2 = performance.now();
  if (i < WARMUP) continue;
  findings = result.length;
  extract.push(t1 - t0);
  analyse.push(t2 - t1);
  total.push(t2 - t0);
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
console.log(
  JSON.stringify({
    edits,
    workspaceFiles: store.size,
    lines: base.length,
    findings,
    p50: pct(total, 50),
    p95: pct(total, 95),
    extractP50: pct(extract, 50),
    extractP95: pct(extract, 95),
    analyseP50: pct(analyse, 50),
    analyseP95: pct(analyse, 95),
  }),
);
