#!/usr/bin/env node
// Rebuilds the labelled real-world corpus from repository snapshots.
//
//   PPR_CORPUS_MIRRORS=<folder of snapshots> node corpus/build.mjs [--repo owner/name] [--force]
//
// For every repository named in corpus/manifest/*.json it looks for a snapshot git directory
// under $PPR_CORPUS_MIRRORS/<owner>+<name>/ (the git directory may be that folder itself or
// nested below it: the first directory holding HEAD and objects/ is used) and writes the whole
// tree at the manifest's commit into corpus/.work/repos/<owner>+<name>/.
//
// Only the git binary is run (ls-tree and cat-file); nothing from the snapshots is executed.
// Blobs missing from a snapshot (large files or LFS content left out of it) are skipped and
// counted, symlinks and submodules are not materialised. Repositories missing from the mirror
// folder, or whose commit is not in the snapshot, are listed and skipped.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const workDir = path.join(here, '.work', 'repos');
const args = process.argv.slice(2);
const force = args.includes('--force');
const onlyRepo = (() => {
  const i = args.indexOf('--repo');
  return i >= 0 ? args[i + 1] : undefined;
})();

const mirrors = process.env.PPR_CORPUS_MIRRORS;
if (!mirrors) {
  console.error('PPR_CORPUS_MIRRORS is not set: point it at the folder holding the <owner>+<name> snapshots');
  process.exit(2);
}

/** All manifest entries of corpus/manifest/*.json. */
export function loadManifests(dir = path.join(here, 'manifest')) {
  const entries = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const m = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    for (const e of m.entries ?? []) entries.push({ ...e, manifest: f });
  }
  return entries;
}

/** The first directory at or below `start` (breadth first, a few levels) that holds HEAD and objects/. */
function findGitDir(start, maxDepth = 4) {
  let level = [start];
  for (let depth = 0; depth <= maxDepth && level.length; depth++) {
    const next = [];
    for (const dir of level) {
      if (existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects'))) return dir;
      let names = [];
      try {
        names = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const d of names) if (d.isDirectory() && d.name !== 'objects') next.push(path.join(dir, d.name));
    }
    level = next.sort();
  }
  return undefined;
}

function git(gitDir, ...rest) {
  return execFileSync('git', [`--git-dir=${gitDir}`, ...rest], { maxBuffer: 1 << 30 });
}

/** Writes every blob of `commit` under `dest` with one `git cat-file --batch` process. */
async function materialise(gitDir, commit, dest) {
  const listing = git(gitDir, 'ls-tree', '-r', '-z', '--full-tree', commit).toString('utf8');
  const blobs = [];
  let links = 0;
  let modules = 0;
  for (const rec of listing.split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, oid] = rec.slice(0, tab).split(' ');
    const file = rec.slice(tab + 1);
    if (type === 'commit') modules++;
    else if (mode === '120000') links++;
    else if (type === 'blob') blobs.push({ oid, file });
  }
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });

  const proc = spawn('git', [`--git-dir=${gitDir}`, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buf = Buffer.alloc(0);
  let idx = 0;
  let written = 0;
  let missing = 0;
  const done = new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.stdout.on('data', (chunk) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        const nl = buf.indexOf(10);
        if (nl < 0) return;
        const header = buf.subarray(0, nl).toString('utf8');
        if (header.endsWith(' missing')) {
          missing++;
          idx++;
          buf = buf.subarray(nl + 1);
          continue;
        }
        const size = Number(header.split(' ')[2]);
        if (buf.length < nl + 1 + size + 1) return;
        const body = buf.subarray(nl + 1, nl + 1 + size);
        const { file } = blobs[idx++];
        const target = path.join(dest, file);
        if (target.startsWith(dest + path.sep)) {
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, body);
          written++;
        }
        buf = buf.subarray(nl + 1 + size + 1);
      }
    });
    proc.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git cat-file exited ${code}`))));
  });
  for (const b of blobs) proc.stdin.write(`${b.oid}\n`);
  proc.stdin.end();
  await done;
  return { written, missing, links, modules };
}

const entries = loadManifests().filter((e) => !onlyRepo || e.repo === onlyRepo);
const repos = new Map();
for (const e of entries) {
  const key = `${e.repo}@${e.commit}`;
  if (!repos.has(key)) repos.set(key, { repo: e.repo, commit: e.commit, files: [] });
  repos.get(key).files.push(e.path);
}

const skipped = [];
let built = 0;
for (const { repo, commit, files } of repos.values()) {
  const name = repo.replace('/', '+');
  const dest = path.join(workDir, name);
  const stamp = path.join(workDir, `${name}.commit`);
  if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === commit) {
    console.log(`= ${repo} already at ${commit.slice(0, 12)}`);
    built++;
    continue;
  }
  const base = path.join(mirrors, name);
  const gitDir = existsSync(base) && statSync(base).isDirectory() ? findGitDir(base) : undefined;
  if (!gitDir) {
    skipped.push(`${repo}: no snapshot under $PPR_CORPUS_MIRRORS/${name}`);
    continue;
  }
  try {
    git(gitDir, 'cat-file', '-e', `${commit}^{commit}`);
  } catch {
    skipped.push(`${repo}: commit ${commit} is not in the snapshot`);
    continue;
  }
  const t0 = Date.now();
  const r = await materialise(gitDir, commit, dest);
  writeFileSync(stamp, `${commit}\n`);
  const absent = files.filter((f) => !existsSync(path.join(dest, f)));
  console.log(
    `+ ${repo} ${commit.slice(0, 12)}: ${r.written} files` +
      (r.missing ? `, ${r.missing} blobs absent from snapshot` : '') +
      (r.links ? `, ${r.links} symlinks skipped` : '') +
      (r.modules ? `, ${r.modules} submodules skipped` : '') +
      ` (${Date.now() - t0} ms)`,
  );
  for (const f of absent) console.log(`  ! labelled file not materialised: ${f}`);
  built++;
}

console.log(`\n${built} of ${repos.size} repositories materialised in ${path.relative(process.cwd(), workDir) || workDir}`);
if (skipped.length) {
  console.log(`${skipped.length} skipped:`);
  for (const s of skipped) console.log(`  - ${s}`);
}
