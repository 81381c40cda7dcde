// The CLI's facts cache on disk: each file's facts serialised on their own (V8's format, which
// keeps the objects the facts share, such as a call listed under its function and under the file),
// in segment files beside an index of where each entry lies. A scan reads only the entries it
// asks for, so a warm scan that re-analyses one file does not load the facts of ten thousand, and
// a save writes only the new entries (one new segment) and the index; segments are merged once
// more than half of what they hold is no longer used.
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FactsCache } from '../engine/scan';
import type { FileFacts } from '../engine/types';

const FORMAT = 1;
/** More segments than this are merged into one on the next save. */
const MAX_SEGMENTS = 8;

interface IndexData {
  format: number;
  version: string;
  /** Segment file names, relative to the index's folder. */
  segments: string[];
  keys: string[];
  /** Per key: index into `segments`, byte offset and byte length of the entry. */
  segment: number[];
  offset: number[];
  length: number[];
}

interface Entry {
  segment: number;
  offset: number;
  length: number;
}

/** Facts keyed by path + content hash; entries neither read, added nor kept during a scan are dropped on save. */
export class DiskFactsCache implements FactsCache {
  private readonly dir: string;
  private segments: string[] = [];
  private readonly index = new Map<string, Entry>();
  /** Facts read or added during this scan (the same object for every get). */
  private readonly live = new Map<string, FileFacts>();
  /** New entries, serialised when added (before the scan marks facts with their package). */
  private readonly added = new Map<string, Buffer>();
  /** Keys to keep on save: read, added, or named by `keep`. */
  private readonly kept = new Set<string>();
  private readonly open = new Map<number, number>();

  constructor(
    private readonly file: string,
    private readonly version: string,
  ) {
    this.dir = path.dirname(file);
    try {
      const data = deserialize(readFileSync(file)) as IndexData;
      if (data.format !== FORMAT || data.version !== version) return;
      this.segments = data.segments;
      for (const [i, key] of data.keys.entries())
        this.index.set(key, { segment: data.segment[i], offset: data.offset[i], length: data.length[i] });
    } catch {
      // no cache yet, or an unreadable one: start empty
    }
  }

  get(key: string): FileFacts | undefined {
    const known = this.live.get(key);
    if (known) {
      this.kept.add(key);
      return known;
    }
    const entry = this.index.get(key);
    if (!entry) return undefined;
    try {
      const facts = deserialize(this.read(entry)) as FileFacts;
      this.live.set(key, facts);
      this.kept.add(key);
      return facts;
    } catch {
      // a damaged or vanished segment: the file is analysed again
      this.index.delete(key);
      return undefined;
    }
  }

  set(key: string, facts: FileFacts): void {
    this.added.set(key, serialize(facts));
    this.live.set(key, facts);
    this.kept.add(key);
  }

  has(key: string): boolean {
    return this.index.has(key) || this.added.has(key);
  }

  /** Keeps entries on save without reading them: the facts of files a warm scan did not need to load. */
  keep(keys: Iterable<string>): void {
    for (const key of keys) if (this.has(key)) this.kept.add(key);
  }

  /** Every key read from disk or added since, so the parallel scan's workers can skip those files. */
  keys(): IterableIterator<string> {
    return new Set([...this.index.keys(), ...this.added.keys()]).values();
  }

  save(): void {
    const keptOld = [...this.index].filter(([key]) => this.kept.has(key) && !this.added.has(key));
    try {
      // A warm scan that found every file in the cache has nothing new to write.
      if (!this.added.size && keptOld.length === this.index.size) return;
      mkdirSync(this.dir, { recursive: true });
      const liveBytes = keptOld.reduce((sum, [, e]) => sum + e.length, 0);
      const allBytes = [...this.index.values()].reduce((sum, e) => sum + e.length, 0);
      const merge = allBytes - liveBytes > liveBytes || this.segments.length >= MAX_SEGMENTS;
      const segments = merge ? [] : [...this.segments];
      const keys: string[] = [];
      const place: Entry[] = [];
      const blobs: Buffer[] = [];
      let offset = 0;
      const into = segments.length;
      const append = (key: string, blob: Buffer) => {
        keys.push(key);
        place.push({ segment: into, offset, length: blob.length });
        blobs.push(blob);
        offset += blob.length;
      };
      for (const [key, entry] of keptOld) {
        if (merge) append(key, this.read(entry));
        else {
          keys.push(key);
          place.push(entry);
        }
      }
      for (const [key, blob] of this.added) if (this.kept.has(key)) append(key, blob);
      if (blobs.length) {
        const name = `${path.basename(this.file).replace(/\.idx$/, '')}.${Date.now().toString(36)}${process.pid.toString(36)}.seg`;
        writeFileSync(path.join(this.dir, name), Buffer.concat(blobs));
        segments.push(name);
      }
      const data: IndexData = {
        format: FORMAT,
        version: this.version,
        segments,
        keys,
        segment: place.map((e) => e.segment),
        offset: place.map((e) => e.offset),
        length: place.map((e) => e.length),
      };
      // Written aside and renamed: a scan cut short leaves the old index, whose segments are intact.
      const partial = `${this.file}.${process.pid}.tmp`;
      writeFileSync(partial, serialize(data));
      this.close();
      renameSync(partial, this.file);
      for (const old of this.segments) if (!segments.includes(old)) rmSync(path.join(this.dir, old), { force: true });
      this.segments = segments;
      this.index.clear();
      for (const [i, key] of keys.entries()) this.index.set(key, place[i]);
      this.added.clear();
    } catch {
      // a read-only cache folder simply runs without a cache
    } finally {
      this.close();
    }
  }

  private read(entry: Entry): Buffer {
    let fd = this.open.get(entry.segment);
    if (fd === undefined) {
      fd = openSync(path.join(this.dir, this.segments[entry.segment]), 'r');
      this.open.set(entry.segment, fd);
    }
    const buffer = Buffer.allocUnsafe(entry.length);
    let done = 0;
    while (done < entry.length) {
      const n = readSync(fd, buffer, done, entry.length - done, entry.offset + done);
      if (n === 0) throw new Error('facts cache segment is shorter than its index says');
      done += n;
    }
    return buffer;
  }

  private close(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }
}
