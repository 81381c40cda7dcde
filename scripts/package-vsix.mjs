// `npm run package`: production build, then `vsce package` into prompt-pattern-review-<version>.vsix at the
// repository root, then a check of what actually went into the archive.
//
//   node scripts/package-vsix.mjs [--no-build]
//
// @vscode/vsce needs Node >= 22, so it is not a devDependency (the project builds on Node 20): it is installed
// into the same cache as code-server by scripts/vscode-test-env.mjs and run with the cached Node 24.
// --no-dependencies: esbuild bundles every runtime dependency into dist/, so node_modules/ is not shipped.
// To run the integration suite against the packaged extension:
//   node scripts/test-vscode-offline.mjs --vsix prompt-pattern-review-<version>.vsix
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNode24, ensureVsce } from './vscode-test-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 3 * 1024 * 1024;
const REQUIRED = [
  'package.json',
  'dist/extension.js',
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

/** Entries of a zip archive (name, uncompressed size), read from its central directory. */
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
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({ name: zip.toString('utf8', offset + 46, offset + 46 + nameLength), size });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${manifest.name}-${manifest.version}.vsix`);

if (!process.argv.includes('--no-build')) {
  run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production', '--no-tests']);
}

const node24 = ensureNode24();
const vsce = ensureVsce(node24);
rmSync(vsix, { force: true });
const vsceArgs = ['package', '--no-dependencies', '--out', vsix];
// Without a repository field vsce would stop and ask; relative links in README.md need one (or --baseContentUrl).
if (!manifest.repository) vsceArgs.push('--allow-missing-repository');
run(node24, [vsce, ...vsceArgs]);

// Check the archive itself, not vsce's idea of it: extension files live under extension/ in a VSIX.
const entries = listZip(vsix);
const files = entries.filter((e) => e.name.startsWith('extension/')).map((e) => ({ ...e, name: e.name.slice('extension/'.length) }));
const problems = [];
for (const { name } of files) {
  for (const [pattern, what] of FORBIDDEN) if (pattern.test(name)) problems.push(`contains ${what}: ${name}`);
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
