// A worker thread of the CLI's parallel scan: reads, decodes, pre-filters, parses and extracts
// facts for the files the main thread hands it, and keeps the texts of the files that did not
// pass the pre-filter, because a later wrapper round may need them. Linking and analysis stay
// on the main thread. Grammars load once per worker; trees are deleted by analyseOne.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeSource } from '../engine/decode';
import { analyseOne, factsCacheKey, mayTalkToModel, unreadableReason } from '../engine/scan';
import { WordQuery, wordHashes } from '../engine/word-hashes';
import { createNodeHost } from './node-host';
import type { FileOutcome, FromWorker, IndexedFile, ScanWorkerData, ToWorker } from './scan-protocol';

const data = workerData as ScanWorkerData;
const host = createNodeHost(data.root, data.wasmDir);
const cachedKeys = new Set(data.cachedKeys);
const configuredWrappers = data.configuredWrappers ? new RegExp(data.configuredWrappers) : undefined;
/** Files that may only matter if they call a wrapper, by index in the scan's file list, with their word hashes. */
const kept = new Map<number, { file: string; words: Uint32Array }>();

async function analyse(index: number, file: string, text: string): Promise<FileOutcome> {
  const key = factsCacheKey(file, text);
  if (cachedKeys.has(key)) return { index, file, text, cachedKey: key };
  const result = await analyseOne(file, text, host, { parseBudgetMs: data.parseBudgetMs });
  if ('reason' in result) return { index, file, skipped: result.reason };
  return { index, file, text, facts: result, key };
}

async function scanChunk(files: IndexedFile[]): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const { index, file } of files) {
    const read = readAndDecode(index, file);
    if ('skipped' in read) outcomes.push(read);
    else if (mayTalkToModel(read.text, configuredWrappers)) outcomes.push(await analyse(index, file, read.text));
    else kept.set(index, { file, words: wordHashes(read.text) });
  }
  return outcomes;
}

async function wrapperRound(pattern: RegExp, words: string[][]): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const query = new WordQuery(words);
  for (const [index, { file, words: hashes }] of kept) {
    if (!query.mayMatch(hashes)) continue;
    const read = readAndDecode(index, file);
    if ('skipped' in read) {
      kept.delete(index);
      outcomes.push(read);
    } else if (pattern.test(read.text)) {
      kept.delete(index);
      outcomes.push(await analyse(index, file, read.text));
    }
  }
  return outcomes;
}

async function parseKept(indexes: number[]): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const index of indexes) {
    const entry = kept.get(index);
    if (!entry) continue;
    kept.delete(index);
    const read = readAndDecode(index, entry.file);
    outcomes.push('skipped' in read ? read : await analyse(index, entry.file, read.text));
  }
  return outcomes;
}

function readAndDecode(index: number, file: string): { text: string } | Extract<FileOutcome, { skipped: string }> {
  let bytes: Uint8Array;
  try {
    // Synchronous on purpose: this thread has nothing else to do, and it saves the round trips
    // through libuv's I/O threads that an async read of a small file costs.
    bytes = readFileSync(path.join(data.root, file));
  } catch (e) {
    return { index, file, skipped: unreadableReason(e) };
  }
  const decoded = decodeSource(bytes, { maxBytes: data.maxFileBytes });
  return decoded.ok ? { text: decoded.text } : { index, file, skipped: decoded.reason };
}

async function handle(message: ToWorker): Promise<FromWorker> {
  if (message.type === 'scan') return { type: 'scanned', outcomes: await scanChunk(message.files), kept: kept.size };
  if (message.type === 'parse-kept') return { type: 'round-done', outcomes: await parseKept(message.indexes), kept: kept.size };
  return { type: 'round-done', outcomes: await wrapperRound(new RegExp(message.pattern), message.words), kept: kept.size };
}

function fail(e: unknown, context: string): void {
  const message = e instanceof Error ? e.stack ?? e.message : String(e);
  parentPort!.postMessage({ type: 'failed', message: `${context}: ${message}` } satisfies FromWorker);
}

parentPort!.on('message', (message: ToWorker) => {
  handle(message).then(
    (reply) => {
      try {
        parentPort!.postMessage(reply);
      } catch (e) {
        // Facts must be plain data; name the file whose facts are not, rather than dying silently.
        const bad = 'outcomes' in reply ? reply.outcomes.find((o) => !cloneable(o)) : undefined;
        fail(e, `facts of ${bad?.file ?? 'a file'} cannot be sent to the main thread`);
      }
    },
    (e) => fail(e, 'scan failed'),
  );
});

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
