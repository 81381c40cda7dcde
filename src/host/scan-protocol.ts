// Messages between the CLI's parallel scan (src/cli/parallel-scan.ts) and its worker threads
// (src/host/scan-worker.ts). Files travel as indexes into the scan's file list, so the main
// thread can put results back into the single-threaded scan's order.
import type { FileFacts } from '../engine/types';

export interface ScanWorkerData {
  root: string;
  wasmDir: string;
  maxFileBytes: number;
  parseBudgetMs?: number;
  /** Keys already in the main thread's facts cache: those files need no parse. */
  cachedKeys: string[];
  /** Names of the config's custom wrappers as a regex source: files calling them talk to a model. */
  configuredWrappers?: string;
  /** Tests only: the worker exits (as if it crashed) on this request (a scan request: one with this file). */
  exitWhen?: WorkerExitHook;
  /** Tests only: the files whose analysis throws (ScanOptions.plantedBugs). */
  plantedBugs?: readonly string[];
  /**
   * The reduce step of a sharded scan: by file index, the skip reason or the content key the first
   * pass recorded. Skipped files are not read again; a file whose key differs is reported changed.
   */
  firstPass?: { skipped: [number, string][]; keys: [number, string][] };
}

export interface WorkerExitHook {
  request: ToWorker['type'];
  file?: string;
}

export interface IndexedFile {
  index: number;
  file: string;
}

/** What became of one file. `text` comes back only for files with facts (for line lookups). */
export type FileOutcome =
  | { index: number; file: string; skipped: string }
  /** The file is not what the first pass of a sharded scan read. */
  | { index: number; file: string; changed: true }
  | { index: number; file: string; text: string; cachedKey: string }
  | { index: number; file: string; text: string; facts: FileFacts; key: string };

export type ToWorker =
  | { type: 'scan'; files: IndexedFile[] }
  /** Parse the kept files whose text matches `pattern` (a wrapper-name regex source); `words` narrows which to re-read. */
  | { type: 'wrapper-round'; pattern: string; words: string[][] }
  /** Parse these kept files (those this worker holds; the others are another worker's). */
  | { type: 'parse-kept'; indexes: number[] };

export type FromWorker =
  | { type: 'scanned'; outcomes: FileOutcome[]; kept: number }
  | { type: 'round-done'; outcomes: FileOutcome[]; kept: number }
  | { type: 'failed'; message: string };
