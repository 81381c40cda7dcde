// The CLI's scan on worker threads: workers read, decode, pre-filter, parse and extract facts
// for chunks of files handed out on demand (so a slow core does not hold the others up); the
// main thread keeps the facts cache, runs the wrapper rounds and analyses. Results are put back
// into the single-threaded scan's order, so findings are identical to scanFiles'. A worker that
// dies (out of memory, a crash) hands its files to a ChunkScanner on the main thread: the scan
// finishes with every file accounted for.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  analyseOne,
  analyseScannedFacts,
  FirstPassMismatchError,
  IMPORTED_MODULES_ROUND,
  scanFiles,
  WRAPPER_ROUNDS,
  wrapperNamePattern,
  type FactsCache,
  type ScanAdmission,
  type ScanOptions,
  type ScanResult,
} from '../engine/scan';
import type { FileFacts, SkippedFile } from '../engine/types';
import { configuredWrapperPattern } from '../engine/configured-sites';
import { importedModulesToParse } from '../engine/imported-modules';
import { phaseTimer } from './phase-timer';
import { createNodeHost, defaultWasmDir } from '../host/node-host';
import type { FileOutcome, FromWorker, ScanWorkerData, ToWorker, WorkerExitHook } from '../host/scan-protocol';
import { ChunkScanner } from '../host/chunk-scanner';

/** A cache that can list its keys, so workers skip parsing files whose facts are cached. */
export interface ListableFactsCache extends FactsCache {
  keys(): Iterable<string>;
}

export interface ParallelScanOptions extends ScanOptions {
  cache?: ListableFactsCache;
  /** Worker threads to use; 0 or 1 scans on the calling thread. Default: one per core, fewer for small trees. */
  workers?: number;
  wasmDir?: string;
  /** Told when a worker stopped and its files moved to the main thread. */
  onWorkerLost?: (reason: string) => void;
  /** Tests only: a worker exits (as if it crashed) on this request. */
  workerExitWhen?: WorkerExitHook;
}

/** Files handed to a worker at a time: small enough to balance the load, large enough to keep messages few. */
const CHUNK_FILES = 128;
/** Below this many files per worker, starting a worker (bundle + grammars) costs more than it saves. */
const MIN_FILES_PER_WORKER = 400;

export function defaultWorkerCount(files: number): number {
  const fromEnv = Number(process.env.PPR_SCAN_WORKERS);
  if (process.env.PPR_SCAN_WORKERS && Number.isInteger(fromEnv) && fromEnv >= 0) return fromEnv;
  return Math.max(1, Math.min(os.availableParallelism(), 8, Math.floor(files / MIN_FILES_PER_WORKER)));
}

/** The worker script: next to the bundle (dist/scan-worker.js) or tsc's output (out/src/host/). */
function workerScript(): string {
  const candidates = [path.join(__dirname, 'scan-worker.js'), path.join(__dirname, '..', 'host', 'scan-worker.js')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`cannot find the scan worker (looked in ${candidates.join(', ')}); run "npm run build" first`);
  return found;
}

export async function scanFilesInParallel(root: string, files: string[], options: ParallelScanOptions): Promise<ScanResult> {
  const wasmDir = options.wasmDir ?? defaultWasmDir();
  const count = Math.min(options.workers ?? defaultWorkerCount(files.length), files.length);
  const timings = phaseTimer();
  if (count <= 1) return scanFiles(files, createNodeHost(root, wasmDir), { ...options, onPhase: (label) => timings.phase(label) });

  // The reduce step of a sharded scan: the slices' facts answer like cached ones, so the workers
  // parse only what the wrapper rounds and imported modules add, exactly as in one whole scan.
  const firstPassFacts = new Map(options.firstPass?.flatMap((o) => ('facts' in o ? [[o.key, o.facts] as const] : [])));
  const cache = options.firstPass ? withFacts(options.cache, firstPassFacts) : options.cache;
  options = { ...options, cache };
  const data: ScanWorkerData = {
    root,
    wasmDir,
    maxFileBytes: options.config.maxFileBytes,
    parseBudgetMs: options.parseBudgetMs,
    cachedKeys: options.cache ? [...options.cache.keys()] : [],
    configuredWrappers: configuredWrapperPattern(options.config.wrappers)?.source,
    exitWhen: options.workerExitWhen,
    plantedBugs: options.plantedBugs,
    firstPass: options.firstPass && {
      skipped: options.firstPass.flatMap((o, i) => ('skipped' in o ? [[i, o.skipped] as [number, string]] : [])),
      keys: options.firstPass.flatMap((o, i) => ('key' in o ? [[i, o.key] as [number, string]] : [])),
    },
  };
  const workers = Array.from(
    { length: count },
    () => new ScanChannel(new Worker(workerScript(), { workerData: data }), data, options.onWorkerLost),
  );
  const outcomes: { round: number; outcome: FileOutcome }[] = [];
  const patterns: string[] = [];
  const cancelled = () => options.cancellation?.cancelled === true;
  try {
    // Round 0: every file, in chunks pulled by whichever worker is free.
    let next = 0;
    let done = 0;
    await Promise.all(
      workers.map(async (worker) => {
        while (next < files.length && !cancelled()) {
          const chunk = files.slice(next, next + CHUNK_FILES).map((file, i) => ({ index: next + i, file }));
          next += chunk.length;
          const reply = await worker.request({ type: 'scan', files: chunk });
          for (const outcome of reply.outcomes) {
            if ('changed' in outcome)
              throw new FirstPassMismatchError(
                `${outcome.file} changed since its facts were extracted, or cannot be read now; scan the same tree, from the ` +
                  `same folder, as the facts step`,
              );
            outcomes.push({ round: 0, outcome });
          }
          done += chunk.length;
          options.onProgress?.(done, files.length, chunk[chunk.length - 1].file);
        }
      }),
    );
    timings.phase(`read and pre-filter ${files.length} files, parse ${outcomes.length}`);
    // Wrapper rounds: files that never name an SDK but call a wrapper found so far.
    // The map step of a sharded scan stops here: its slice cannot know other slices' wrappers.
    let kept = options.firstPassOnly ? 0 : workers.reduce((sum, w) => sum + w.kept, 0);
    const tested = new Set<string>();
    for (let round = 1; round <= WRAPPER_ROUNDS && kept && !cancelled(); round++) {
      const names = wrapperNamePattern(collect(outcomes, options.cache).facts, tested);
      if (!names) break;
      patterns.push(names.pattern.source);
      const replies = await Promise.all(
        workers.map((w) => w.request({ type: 'wrapper-round', pattern: names.pattern.source, words: names.words })),
      );
      const found = replies.reduce((sum, r) => sum + r.outcomes.length, 0);
      for (const reply of replies) for (const outcome of reply.outcomes) outcomes.push({ round, outcome });
      kept = workers.reduce((sum, w) => sum + w.kept, 0);
      timings.phase(`wrapper round ${round}: ${found} more files parsed`);
      if (!found) break;
    }
    // Modules that parsed files import prompts from or hand clients to (src/engine/imported-modules.ts).
    if (kept && !cancelled()) {
      const handled = new Set(outcomes.map((o) => o.outcome.index));
      const pending = new Set(files.filter((_, i) => !handled.has(i)));
      const wanted = new Set(importedModulesToParse(collect(outcomes, options.cache).facts, files, pending));
      if (wanted.size) {
        const indexes = files.flatMap((f, i) => (wanted.has(f) ? [i] : []));
        const replies = await Promise.all(workers.map((w) => w.request({ type: 'parse-kept', indexes })));
        for (const reply of replies) for (const outcome of reply.outcomes) outcomes.push({ round: IMPORTED_MODULES_ROUND, outcome });
        timings.phase(`imported modules: ${wanted.size} more files parsed`);
      }
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }

  const { facts, skipped, texts } = collect(outcomes, options.cache);
  if (cancelled())
    return { files: files.length, parsed: facts.size, withoutModelUse: [], findings: [], skipped, facts, cancelled: true, texts };
  for (const outcome of outcomes) {
    if ('key' in outcome.outcome) options.cache?.set(outcome.outcome.key, outcome.outcome.facts);
  }
  const admission: ScanAdmission = { rounds: new Map(), keys: new Map(), patterns, packages: [] };
  for (const { round, outcome } of outcomes) {
    if (!('text' in outcome)) continue;
    admission.rounds.set(outcome.file, round);
    admission.keys.set(outcome.file, 'key' in outcome ? outcome.key : outcome.cachedKey);
  }
  // A cached key the cache no longer answers for (it cannot evict, but be safe): analyse here.
  for (const [file, text] of texts) {
    if (facts.has(file)) continue;
    const result = await analyseOne(file, text, createNodeHost(root, wasmDir), options);
    if ('reason' in result) skipped.push(result);
    else facts.set(file, result);
  }
  // Files no round returned stayed with a worker: read, and found to name no model API.
  const handled = new Set(outcomes.map((o) => o.outcome.index));
  const withoutModelUse = files.filter((_, i) => !handled.has(i));
  if (options.firstPassOnly)
    return { files: files.length, parsed: facts.size, withoutModelUse, findings: [], skipped, facts, cancelled: false, texts };
  const analysis = await analyseScannedFacts(files, facts, texts, createNodeHost(root, wasmDir), options);
  const findings = analysis.findings;
  admission.packages = analysis.packages;
  timings.phase(`analysis of ${facts.size} files`);
  return { files: files.length, parsed: facts.size, withoutModelUse, findings, skipped, facts, cancelled: false, texts, admission };
}

/** A cache that also answers for the facts of a sharded scan's slices (which it does not store). */
function withFacts(cache: ListableFactsCache | undefined, facts: Map<string, FileFacts>): ListableFactsCache {
  return {
    get: (key) => facts.get(key) ?? cache?.get(key),
    set: (key, value) => cache?.set(key, value),
    keys: () => new Set([...facts.keys(), ...(cache?.keys() ?? [])]).values(),
  };
}

/** Facts, skips and texts in the order the single-threaded scan produces them: by round, then file. */
function collect(outcomes: { round: number; outcome: FileOutcome }[], cache: FactsCache | undefined) {
  const ordered = [...outcomes].sort((a, b) => a.round - b.round || a.outcome.index - b.outcome.index);
  const facts = new Map<string, FileFacts>();
  const texts = new Map<string, string>();
  const skipped: SkippedFile[] = [];
  for (const { outcome } of ordered) {
    if ('skipped' in outcome) {
      skipped.push({ file: outcome.file, reason: outcome.skipped });
      continue;
    }
    if ('changed' in outcome) continue;
    const found = 'facts' in outcome ? outcome.facts : cache?.get(outcome.cachedKey);
    if (found) facts.set(outcome.file, found);
    texts.set(outcome.file, outcome.text);
  }
  return { facts, skipped, texts };
}

/**
 * One worker, one request at a time. When the worker dies or reports a failure, the files it
 * was given and has not answered for (the request in flight and the files it kept) are scanned
 * again by a ChunkScanner on this thread, which answers this request and every later one.
 */
class ScanChannel {
  private local?: ChunkScanner;
  /** Files handed to this channel that no reply has accounted for yet, by index. */
  private readonly open = new Map<number, string>();
  private pending?: { resolve: (reply: FromWorker) => void; reject: (e: Error) => void };
  private workerKept = 0;

  constructor(
    private readonly worker: Worker,
    private readonly data: ScanWorkerData,
    private readonly onLost?: (reason: string) => void,
  ) {
    worker.on('message', (reply: FromWorker) =>
      this.settle((p) => (reply.type === 'failed' ? p.reject(new Error(`scan worker failed: ${reply.message}`)) : p.resolve(reply))),
    );
    worker.on('error', (e) => this.settle((p) => p.reject(e)));
    worker.on('exit', (code) => this.settle((p) => p.reject(new Error(`scan worker exited with code ${code}`))));
  }

  /** Files this channel holds for later rounds. */
  get kept(): number {
    return this.local ? this.local.keptCount : this.workerKept;
  }

  async request<T extends ToWorker>(
    message: T,
  ): Promise<Extract<FromWorker, { type: T extends { type: 'scan' } ? 'scanned' : 'round-done' }>> {
    if (message.type === 'scan') for (const { index, file } of message.files) this.open.set(index, file);
    let reply: FromWorker;
    if (this.local) reply = await this.local.handle(message);
    else {
      try {
        reply = await this.viaWorker(message);
      } catch (e) {
        reply = await this.takeOver(message, e as Error);
      }
    }
    if (reply.type === 'failed') throw new Error(reply.message);
    for (const outcome of reply.outcomes) this.open.delete(outcome.index);
    return reply as never;
  }

  terminate(): Promise<number> {
    this.pending = undefined;
    return this.worker.terminate();
  }

  private viaWorker(message: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.pending = {
        resolve: (reply) => {
          if ('kept' in reply) this.workerKept = reply.kept;
          resolve(reply);
        },
        reject,
      };
      this.worker.postMessage(message);
    });
  }

  /** The worker is gone: its open files are scanned here, then this request runs here too. */
  private async takeOver(message: ToWorker, error: Error): Promise<FromWorker> {
    this.onLost?.(`${error.message}; its ${this.open.size} files are analysed on the main thread`);
    void this.worker.terminate();
    this.local = new ChunkScanner(this.data);
    const rescanned = await this.local.scan([...this.open].map(([index, file]) => ({ index, file })));
    if (message.type === 'scan') return { type: 'scanned', outcomes: rescanned, kept: this.local.keptCount };
    const reply = await this.local.handle(message);
    return reply.type === 'failed' ? reply : { ...reply, outcomes: [...rescanned, ...reply.outcomes] };
  }

  private settle(action: (pending: NonNullable<ScanChannel['pending']>) => void): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) action(pending);
  }
}
