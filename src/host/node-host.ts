// The Node host: reads files under a root and the bundled .wasm files, and keeps the facts
// cache on disk so a warm CLI scan parses only what changed.
import { promises as fs, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createHash } from 'node:crypto';
import type { FactsCache, ScanHost } from '../engine/scan';
import type { FileFacts } from '../engine/types';

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
    readWasm: async (name) => new Uint8Array(await fs.readFile(path.join(wasmDir, name))),
  };
}

/**
 * Where the CLI keeps a tree's facts cache: in the user's cache folder (never inside the scanned
 * repository, which would show up in its status and in later scans), one file per scanned root.
 * `PPR_CACHE_DIR` moves it, e.g. to a folder a CI cache step keeps between runs.
 */
export function factsCacheFile(root: string): string {
  return cacheFileFor(root, 'facts');
}

/** The record of the last scan of a tree (src/host/scan-manifest.ts), beside its facts cache. */
export function scanManifestFile(root: string): string {
  return cacheFileFor(root, 'scan');
}

function cacheFileFor(root: string, kind: string): string {
  const base =
    process.env.PPR_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'prompt-pattern-review');
  const id = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
  return path.join(base, `${kind}-${id}.json`);
}

/** A JSON file of facts keyed by path + content hash; entries not used in a scan are dropped on save. */
export class DiskFactsCache implements FactsCache {
  private readonly entries = new Map<string, FileFacts>();
  private readonly used = new Map<string, FileFacts>();
  private changed = false;

  constructor(
    private readonly file: string,
    private readonly version: string,
  ) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { version: string; entries: [string, FileFacts][] };
      if (data.version === version) for (const [k, v] of data.entries) this.entries.set(k, v);
    } catch {
      // no cache yet, or an unreadable one: start empty
    }
  }

  get(key: string): FileFacts | undefined {
    const hit = this.entries.get(key);
    if (hit) this.used.set(key, hit);
    return hit;
  }

  set(key: string, facts: FileFacts): void {
    this.used.set(key, facts);
    this.changed = true;
  }

  /** Every key read from disk or added since, so the parallel scan's workers can skip those files. */
  keys(): IterableIterator<string> {
    return new Set([...this.entries.keys(), ...this.used.keys()]).values();
  }

  save(): void {
    // A warm scan that found every file in the cache has nothing new to write.
    if (!this.changed && this.used.size === this.entries.size) return;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify({ version: this.version, entries: [...this.used] }));
    } catch {
      // a read-only tree simply runs without a cache
    }
  }
}
