// The CLI's record of its last scan of a tree: every folder and file it listed with their
// modification times and sizes, and what the scan reported. When nothing it depends on has
// changed (folders' entries, .gitignore files, files, the config, the build, the date), the
// next `scan` prints that result without walking, reading or analysing anything; like Git's
// index, this trusts stat information. A file changed within a few seconds of the recorded
// scan (the file system's clock may not tell the two apart) is never trusted.
import { readFileSync, statSync, writeFileSync, mkdirSync, renameSync, type Stats } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Finding, SkippedFile } from '../engine/types';

export interface StoredResult {
  files: number;
  parsed: number;
  withoutModelUse: string[];
  findings: Finding[];
  skipped: SkippedFile[];
}

interface ManifestData {
  /** Everything besides the tree that decides the result: build, config, paths, date. */
  key: string;
  /** When the recorded scan started listing (ms since the epoch). */
  startedAt: number;
  /** Folders walked and .gitignore files read (any entry added, removed or renamed changes a folder's mtime), then the files scanned; one path a line. */
  paths: string;
  /** A hash of every path's type, size, mtime and ctime, in order. */
  stats: string;
  result: StoredResult;
}

/** A file modified this close to the recorded scan's start may have changed after it was read. */
const RACY_MS = 3000;

export class ScanManifest {
  private readonly listing: string[] = [];
  private readonly files: string[] = [];
  private readonly hash = new StatHash();
  private readonly startedAt = Date.now();

  constructor(
    private readonly file: string,
    private readonly root: string,
    private readonly key: string,
  ) {}

  /** The stored result when nothing it depends on has changed; undefined otherwise. */
  reuse(): StoredResult | undefined {
    let data: ManifestData;
    try {
      data = JSON.parse(readFileSync(this.file, 'utf8')) as ManifestData;
    } catch {
      return undefined;
    }
    if (data.key !== this.key || typeof data.paths !== 'string' || !Array.isArray(data.result?.withoutModelUse)) return undefined;
    const now = new StatHash();
    for (const rel of data.paths ? data.paths.split('\n') : []) {
      const stats = statSync(path.join(this.root, rel), { throwIfNoEntry: false });
      if (!stats || stats.mtimeMs >= data.startedAt - RACY_MS) return undefined;
      now.add(stats);
    }
    return now.digest() === data.stats ? data.result : undefined;
  }

  /** Records a folder (before it is read) or a .gitignore file, by path relative to the root. */
  noteListing(rel: string, stats: Stats): void {
    this.listing.push(rel);
    this.hash.add(stats);
  }

  /** Records the files to be scanned; call before they are read, so a later edit is seen as one. */
  noteFiles(files: string[]): void {
    // Listing first, then files, the order reuse() reads them in.
    for (const rel of files) {
      const stats = statSync(path.join(this.root, rel), { throwIfNoEntry: false });
      if (stats) {
        this.files.push(rel);
        this.hash.add(stats);
      }
    }
  }

  save(result: StoredResult): void {
    const data: ManifestData = {
      key: this.key,
      startedAt: this.startedAt,
      paths: [...this.listing, ...this.files].join('\n'),
      stats: this.hash.digest(),
      result,
    };
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      // Written aside and renamed, so a scan cut short never leaves half a manifest behind.
      const partial = `${this.file}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify(data));
      renameSync(partial, this.file);
    } catch {
      // a read-only cache folder only costs the next scan its shortcut
    }
  }
}

/** SHA-256 over the stat fields that change when a file or folder does (as raw doubles). */
class StatHash {
  private readonly hash = createHash('sha256');
  private readonly fields = new Float64Array(4);

  add(stats: Stats): void {
    this.fields.set([stats.isDirectory() ? -1 : stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino]);
    this.hash.update(this.fields);
  }

  digest(): string {
    return this.hash.copy().digest('hex');
  }
}
