// The Node host: reads files under a root and the bundled .wasm files, and says where the CLI
// keeps a tree's facts cache and scan manifest.
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createHash } from 'node:crypto';
import type { ScanHost } from '../engine/scan';

/** Where the .wasm files are: next to the bundle (dist/wasm), or in dist/ when run from out/. */
export function defaultWasmDir(): string {
  const candidates = [
    path.join(__dirname, 'wasm'),
    path.resolve(__dirname, '../../dist/wasm'),
    path.resolve(__dirname, '../../../dist/wasm'),
  ];
  for (const dir of candidates) {
    try {
      readFileSync(path.join(dir, 'web-tree-sitter.wasm'), { flag: 'r' }).subarray(0, 1);
      return dir;
    } catch {
      // try the next location
    }
  }
  throw new Error(`cannot find the tree-sitter .wasm files (looked in ${candidates.join(', ')}); run "npm run build" first`);
}

export function createNodeHost(root: string, wasmDir = defaultWasmDir()): ScanHost {
  return {
    // Synchronous reads in a promise: a CLI scan has nothing else to do meanwhile, and an async
    // read of a small file costs four round trips through libuv's thread pool (open, stat, read, close).
    readFile: async (file) => readFileSync(path.join(root, file)),
    listFolder: async (folder) =>
      readdirSync(path.join(root, folder), { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name),
    readWasm: async (name) => new Uint8Array(await fs.readFile(path.join(wasmDir, name))),
  };
}

/**
 * Where the CLI keeps a tree's facts cache: in the user's cache folder (never inside the scanned
 * repository, which would show up in its status and in later scans), one file per scanned root.
 * `PPR_CACHE_DIR` moves it, e.g. to a folder a CI cache step keeps between runs.
 */
export function factsCacheFile(root: string): string {
  return cacheFileFor(root, 'facts', 'idx');
}

/** The record of the last scan of a tree (src/host/scan-manifest.ts), beside its facts cache. */
export function scanManifestFile(root: string): string {
  return cacheFileFor(root, 'scan', 'bin');
}

function cacheFileFor(root: string, kind: string, extension: string): string {
  const base =
    process.env.PPR_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'prompt-pattern-review');
  const id = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
  return path.join(base, `${kind}-${id}.${extension}`);
}
