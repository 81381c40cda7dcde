// The per-file half of the CLI's parallel scan: reads, admits, pre-filters, parses and extracts
// facts for the files it is handed, and keeps the words of the files that did not pass the
// pre-filter, because a later wrapper round may need them. A scan worker thread runs one; the
// main thread runs one in place of a worker that died, so none of that worker's files is lost.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyseOne, factsCacheKey, mayTalkToModel, unreadableReason } from '../engine/scan';
import { admitSource, skipReasonByName } from '../engine/source-admission';
import { WordQuery, wordHashes } from '../engine/word-hashes';
import { createNodeHost } from './node-host';
import type { FileOutcome, FromWorker, IndexedFile, ScanWorkerData, ToWorker } from './scan-protocol';

type Skip = Extract<FileOutcome, { skipped: string }>;

export class ChunkScanner {
  private readonly host;
  private readonly cachedKeys: Set<string>;
  private readonly configuredWrappers?: RegExp;
  /** Files that may only matter if they call a wrapper, by index in the scan's file list, with their word hashes. */
  private readonly kept = new Map<number, { file: string; words: Uint32Array }>();
  /** The reduce step of a sharded scan: the first pass's skip reasons and content keys, by index. */
  private readonly firstPassSkips?: Map<number, string>;
  private readonly firstPassKeys?: Map<number, string>;

  constructor(private readonly data: ScanWorkerData) {
    this.host = createNodeHost(data.root, data.wasmDir);
    this.cachedKeys = new Set(data.cachedKeys);
    this.configuredWrappers = data.configuredWrappers ? new RegExp(data.configuredWrappers) : undefined;
    if (data.firstPass) {
      this.firstPassSkips = new Map(data.firstPass.skipped);
      this.firstPassKeys = new Map(data.firstPass.keys);
    }
  }

  async handle(message: ToWorker): Promise<FromWorker> {
    if (message.type === 'scan') return { type: 'scanned', outcomes: await this.scan(message.files), kept: this.kept.size };
    if (message.type === 'parse-kept') return { type: 'round-done', outcomes: await this.parseKept(message.indexes), kept: this.kept.size };
    return { type: 'round-done', outcomes: await this.wrapperRound(new RegExp(message.pattern), message.words), kept: this.kept.size };
  }

  get keptCount(): number {
    return this.kept.size;
  }

  /**
   * The first pass of these files. In the reduce step of a sharded scan the slices' first pass
   * is checked first: a file it skipped is not read again, and a file whose text is not what it
   * read is reported changed (the main thread stops the scan: the facts describe another tree).
   */
  async scan(files: IndexedFile[]): Promise<FileOutcome[]> {
    const outcomes: FileOutcome[] = [];
    for (const { index, file } of files) {
      const skippedBefore = this.firstPassSkips?.get(index);
      if (skippedBefore !== undefined) {
        outcomes.push({ index, file, skipped: skippedBefore });
        continue;
      }
      const read = this.readAndAdmit(index, file);
      // Unchanged, the same pre-filter decides as in the slice: its facts answer as cached ones.
      if (this.firstPassKeys && ('skipped' in read || factsCacheKey(file, read.text) !== this.firstPassKeys.get(index)))
        outcomes.push({ index, file, changed: true });
      else if ('skipped' in read) outcomes.push(read);
      else if (mayTalkToModel(read.text, this.configuredWrappers)) outcomes.push(await this.analyse(index, file, read.text));
      else this.kept.set(index, { file, words: wordHashes(read.text) });
    }
    return outcomes;
  }

  private async wrapperRound(pattern: RegExp, words: string[][]): Promise<FileOutcome[]> {
    const outcomes: FileOutcome[] = [];
    const query = new WordQuery(words);
    for (const [index, { file, words: hashes }] of this.kept) {
      if (!query.mayMatch(hashes)) continue;
      const read = this.readAndAdmit(index, file);
      if ('skipped' in read) {
        this.kept.delete(index);
        outcomes.push(read);
      } else if (pattern.test(read.text)) {
        this.kept.delete(index);
        outcomes.push(await this.analyse(index, file, read.text));
      }
    }
    return outcomes;
  }

  private async parseKept(indexes: number[]): Promise<FileOutcome[]> {
    const outcomes: FileOutcome[] = [];
    for (const index of indexes) {
      const entry = this.kept.get(index);
      if (!entry) continue;
      this.kept.delete(index);
      const read = this.readAndAdmit(index, entry.file);
      outcomes.push('skipped' in read ? read : await this.analyse(index, entry.file, read.text));
    }
    return outcomes;
  }

  private async analyse(index: number, file: string, text: string): Promise<FileOutcome> {
    const key = factsCacheKey(file, text);
    if (this.cachedKeys.has(key)) return { index, file, text, cachedKey: key };
    const result = await analyseOne(file, text, this.host, { parseBudgetMs: this.data.parseBudgetMs, plantedBugs: this.data.plantedBugs });
    if ('reason' in result) return { index, file, skipped: result.reason };
    return { index, file, text, facts: result, key };
  }

  private readAndAdmit(index: number, file: string): { text: string } | Skip {
    const byName = skipReasonByName(file);
    if (byName) return { index, file, skipped: byName };
    let bytes: Uint8Array;
    try {
      // Synchronous on purpose: this thread has nothing else to do, and it saves the round trips
      // through libuv's I/O threads that an async read of a small file costs.
      bytes = readFileSync(path.join(this.data.root, file));
    } catch (e) {
      return { index, file, skipped: unreadableReason(e) };
    }
    const admitted = admitSource(file, bytes, this.data.maxFileBytes);
    return admitted.ok ? { text: admitted.text } : { index, file, skipped: admitted.reason };
  }
}
