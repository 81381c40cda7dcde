// `npm run package`: production build, then `vsce package` into prompt-pattern-review-<version>.vsix at the
// repository root, then a check of what actually went into the archive.
//
//   node scripts/package-vsix.mjs [--no-build]
//
// @vscode/vsce needs Node >= 22, so it is not a devDependency (the project builds on Node 20): it is installed
// into the same cache as code-server by scripts/vscode-test-env.mjs and run with the cached Node 24.
// --no-dependencies: esbuild bundles every runtime dependency into dist/, so node_modules/ is not shipped.
// vsce runs on a staged copy of the repository holding a snapshot of the production dist/: other builds
// running in the same working tree (dev builds write dist/ too) can then not swap bundles under it.
// To run the integration suite against the packaged extension:
//   node scripts/test-vscode-offline.mjs --vsix prompt-pattern-review-<version>.vsix
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { ensureNode24, ensureVsce } from './vscode-test-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 3 * 1024 * 1024;
const REQUIRED = [
  'package.json',
  'dist/extension.js',
  'dist/engine.js',
  'dist/wasm/web-tree-sitter.wasm',
  'dist/wasm/tree-sitter-python.wasm',
  'dist/wasm/tree-sitter-javascript.wasm',
  'dist/wasm/tree-sitter-typescript.wasm',
  'dist/wasm/tree-sitter-tsx.wasm',
];
/** Development-only content that must never ship. */
const FORBIDDEN = [
  [/^(src|test|out|scripts|bench|examples|\.ci)\//, 'source, tests or tooling'],
  [/(^|\/)node_modules\//, 'node_modules'],
  [/\.map$/, 'source map'],
  [/\.tsx?$/, 'TypeScript source'],
];

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) fail(`${path.basename(command)} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** Entries of a zip archive (name, uncompressed size, read()), from its central directory. */
function listZip(file) {
  const zip = readFileSync(file);
  let eocd = zip.length - 22; // end-of-central-directory record; a comment may follow it
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) fail(`${file} is not a zip archive`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) fail(`${file}: corrupt central directory`);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localHeader = zip.readUInt32LE(offset + 42);
    const read = () => {
      const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(start, start + compressedSize);
      return method === 8 ? inflateRawSync(data) : data; // 8 = deflate, 0 = stored
    };
    entries.push({ name: zip.toString('utf8', offset + 46, offset + 46 + nameLength), size, read });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** A development bundle ends with a sourceMappingURL comment; the production build has none. */
const isDevBundle = (text) => text.includes('sourceMappingURL=');
const BUNDLES = ['extension.js', 'engine.js', 'cli.js'];
/** Not copied to the stage: large, generated, or replaced by the dist/ snapshot. */
const NOT_STAGED = new Set(['node_modules', '.git', 'out', 'dist', 'bench', '.vscode-test']);

/** Builds for production and snapshots dist/ into `stage`, retrying if a concurrent dev build interfered. */
function buildIntoStage(stage) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production', '--no-tests']);
    rmSync(path.join(stage, 'dist'), { recursive: true, force: true });
    cpSync(path.join(root, 'dist'), path.join(stage, 'dist'), { recursive: true });
    const raced = BUNDLES.some((name) => isDevBundle(readFileSync(path.join(stage, 'dist', name), 'utf8')));
    if (!raced) return;
    console.error(`package: dist/ was rewritten by another build during attempt ${attempt}; building again`);
  }
  fail('could not get a production build of dist/: stop other builds and retry');
}

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${manifest.name}-${manifest.version}.vsix`);

const node24 = ensureNode24();
const vsce = ensureVsce(node24);
const stage = mkdtempSync(path.join(os.tmpdir(), 'ppr-vsix-'));
try {
  // The whole tree but the big generated folders, so .vscodeignore alone still decides what ships.
  cpSync(root, stage, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(root, source);
      return !NOT_STAGED.has(relative.split(path.sep)[0]) && !relative.endsWith('.vsix');
    },
  });
  if (process.argv.includes('--no-build')) cpSync(path.join(root, 'dist'), path.join(stage, 'dist'), { recursive: true });
  else buildIntoStage(stage);

  rmSync(vsix, { force: true });
  const vsceArgs = ['package', '--no-dependencies', '--out', vsix];
  // Without a repository field vsce would stop and ask; relative links in README.md need one (or --baseContentUrl).
  if (!manifest.repository) vsceArgs.push('--allow-missing-repository');
  const result = spawnSync(node24, [vsce, ...vsceArgs], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) fail(`vsce package exited with ${result.status ?? result.signal}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

// Check the archive itself, not vsce's idea of it: extension files live under extension/ in a VSIX.
const entries = listZip(vsix);
const files = entries.filter((e) => e.name.startsWith('extension/')).map((e) => ({ ...e, name: e.name.slice('extension/'.length) }));
const problems = [];
for (const { name } of files) {
  for (const [pattern, what] of FORBIDDEN) if (pattern.test(name)) problems.push(`contains ${what}: ${name}`);
}
// Only a production bundle may ship (with --no-build, dist/ is whatever the last build left).
for (const file of files) {
  if (/^dist\/[^/]+\.js$/.test(file.name) && isDevBundle(file.read().toString('utf8'))) {
    problems.push(`contains a development build: ${file.name}`);
  }
}
const names = new Set(files.map((f) => f.name));
for (const required of REQUIRED) if (!names.has(required)) problems.push(`lacks ${required}`);
const bytes = statSync(vsix).size;
if (bytes > MAX_BYTES) problems.push(`is ${kb(bytes)}, over the ${kb(MAX_BYTES)} limit`);

console.log(`\n${path.basename(vsix)} contents:`);
for (const { name, size } of entries) console.log(`  ${kb(size).padStart(10)}  ${name}`);
console.log(`${path.basename(vsix)}: ${entries.length} entries, ${kb(bytes)} (${bytes} bytes)`);
if (problems.length > 0) {
  for (const problem of problems) console.error(`package: ${path.basename(vsix)} ${problem}`);
  process.exit(1);
}
