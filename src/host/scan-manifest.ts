// The CLI's record of its last scan of a tree: every folder and file it listed with their
// modification times and sizes, what the scan reported, and how each parsed file came to be parsed.
// When nothing it depends on has changed (folders' entries, .gitignore files, files, package
// manifests, the config, the build, the date), the next `scan` prints that result without walking,
// reading or analysing anything; when only a few files changed, it names them, so the scan can
// read just those (src/cli/rescan-changed.ts). Like Git's index, this trusts stat information. A
// file changed within a few seconds of the recorded scan (the file system's clock may not tell the
// two apart) is never trusted.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Finding, SkippedFile } from '../engine/types';
import type { WorkspacePackage } from '../engine/workspace-packages';

export interface StoredResult {
  files: number;
  parsed: number;
  withoutModelUse: string[];
  findings: Finding[];
  skipped: SkippedFile[];
}

/** How the last scan's parsed files came to be parsed (src/engine/scan.ts ScanAdmission), in the order of its facts. */
export interface StoredOutcome {
  parsed: { file: string; round: number; key: string }[];
  /** The wrapper-name pattern of each wrapper round that ran. */
  patterns: string[];
  /** The workspace packages the scan read from the package manifests. */
  packages: WorkspacePackage[];
}

/** The last scan, when only some of its files changed since (and nothing else). */
export interface ChangedSince {
  files: string[];
  result: StoredResult;
  outcome: StoredOutcome;
  /** Indexes into `files` of the files whose stat changed or cannot be trusted. */
  changed: number[];
  /** The manifest's record of the tree as stat sees it now (see ScanManifest.saveRescan). */
  recorded: Omit<ManifestData, 'format' | 'key' | 'result' | 'outcome'>;
}

const FORMAT = 2;

interface ManifestData {
  format: number;
  /** Everything besides the tree that decides the result: build, config, paths, date. */
  key: string;
  /** When the recorded scan started listing (ms since the epoch). */
  startedAt: number;
  /** Folders walked and .gitignore files read (any entry added, removed or renamed changes a folder's mtime). */
  listing: string[];
  /**
   * Per listing path: for a folder, a digest of its entries' names and types as the walk read them
   * ('' for a .gitignore file). A file saved by writing a new one and renaming it over the old
   * changes its folder's mtime but not its entries: the folder still lists the same files.
   */
  entries: string[];
  /** The files scanned, in the order the scan listed them. */
  files: string[];
  /** package.json / tsconfig.json files beside the sources: they decide how imports resolve. */
  manifests: string[];
  /** Four numbers per path (type or size, mtime, ctime, inode) of listing, files, then manifests; NaN for a missing path. */
  stats: Float64Array;
  result: StoredResult;
  outcome?: StoredOutcome;
}

/** A file modified this close to the recorded scan's start may have changed after it was read. */
const RACY_MS = 3000;
const FIELDS = 4;

export class ScanManifest {
  private readonly listing: string[] = [];
  private readonly listingStats: number[] = [];
  private readonly entryDigests = new Map<string, string>();
  private files: string[] = [];
  private fileStats: number[] = [];
  private readonly manifests: string[] = [];
  private readonly manifestStats: number[] = [];
  private readonly startedAt = Date.now();

  constructor(
    private readonly file: string,
    private readonly root: string,
    private readonly key: string,
  ) {}

  /**
   * The stored result when nothing it depends on has changed; else, when nothing but at most
   * `limit` files changed (the same folders, with the same entries, and the same package
   * manifests), the last scan and those files, with the tree's stats as they are now (taken
   * before the changed files are read, so a later edit is seen as one).
   */
  check(limit: number): { unchanged: StoredResult } | { changed: ChangedSince } | undefined {
    const startedAt = Date.now();
    const data = this.load();
    if (!data) return undefined;
    const listing = data.listing.length;
    const files = data.files.length;
    for (let i = 0; i < listing; i++) if (!this.unchanged(data, i) && !this.sameEntries(data, i)) return undefined;
    for (let i = listing + files; i < listing + files + data.manifests.length; i++) if (!this.unchanged(data, i)) return undefined;
    const changed: number[] = [];
    const now = new Float64Array(files * FIELDS);
    for (let i = 0; i < files; i++) {
      if (this.unchanged(data, listing + i, now, i)) continue;
      changed.push(i);
      if (changed.length > limit || !data.outcome) return undefined;
    }
    if (!changed.length) return { unchanged: data.result };
    const stats = Float64Array.from(data.stats);
    stats.set(now, listing * FIELDS);
    // Folders whose stats changed but not their entries are recorded as they are now.
    for (let i = 0; i < listing; i++)
      stats.set(fieldsOf(statSync(path.join(this.root, data.listing[i]), { throwIfNoEntry: false })), i * FIELDS);
    const recorded = { startedAt, listing: data.listing, entries: data.entries, files: data.files, manifests: data.manifests, stats };
    return { changed: { files: data.files, result: data.result, outcome: data.outcome!, changed, recorded } };
  }

  /** Records the result of a scan that read only the files `check` found changed. */
  saveRescan(since: ChangedSince, result: StoredResult, outcome: StoredOutcome): void {
    this.write({ format: FORMAT, key: this.key, ...since.recorded, result, outcome });
  }

  /** Records a folder (before it is read) or a .gitignore file, by path relative to the root. */
  noteListing(rel: string, stats: Stats): void {
    this.listing.push(rel);
    this.listingStats.push(...fieldsOf(stats));
  }

  /** Records a folder's entries as the walk read them. */
  noteEntries(rel: string, entries: Dirent[]): void {
    this.entryDigests.set(rel, entriesDigest(entries));
  }

  /** Records the files to be scanned; call before they are read, so a later edit is seen as one. */
  noteFiles(files: string[]): void {
    this.files = files;
    this.fileStats = files.flatMap((rel) => fieldsOf(statSync(path.join(this.root, rel), { throwIfNoEntry: false })));
  }

  /** Records the package manifests that exist beside the files (a new one changes its folder's mtime). */
  noteManifests(paths: string[]): void {
    for (const rel of paths) {
      const stats = statSync(path.join(this.root, rel), { throwIfNoEntry: false });
      if (!stats) continue;
      this.manifests.push(rel);
      this.manifestStats.push(...fieldsOf(stats));
    }
  }

  save(result: StoredResult, outcome?: StoredOutcome): void {
    this.write({
      format: FORMAT,
      key: this.key,
      startedAt: this.startedAt,
      listing: this.listing,
      entries: this.listing.map((rel, i) => (this.listingStats[i * FIELDS] === -1 ? (this.entryDigests.get(rel) ?? '') : '')),
      files: this.files,
      manifests: this.manifests,
      stats: Float64Array.from([...this.listingStats, ...this.fileStats, ...this.manifestStats]),
      result,
      outcome,
    });
  }

  private write(data: ManifestData): void {
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      // Written aside and renamed, so a scan cut short never leaves half a manifest behind.
      const partial = `${this.file}.${process.pid}.tmp`;
      writeFileSync(partial, serialize(data));
      renameSync(partial, this.file);
    } catch {
      // a read-only cache folder only costs the next scan its shortcut
    }
  }

  private load(): ManifestData | undefined {
    try {
      const data = deserialize(readFileSync(this.file)) as ManifestData;
      if (data.format !== FORMAT || data.key !== this.key || !(data.stats instanceof Float64Array)) return undefined;
      if (data.stats.length !== (data.listing.length + data.files.length + data.manifests.length) * FIELDS) return undefined;
      if (data.entries.length !== data.listing.length) return undefined;
      return data;
    } catch {
      return undefined;
    }
  }

  /** Whether listing path `i` is a folder whose entries are, by name and type, those the recorded walk read. */
  private sameEntries(data: ManifestData, i: number): boolean {
    if (!data.entries[i]) return false;
    try {
      return entriesDigest(readdirSync(path.join(this.root, data.listing[i]), { withFileTypes: true })) === data.entries[i];
    } catch {
      return false;
    }
  }

  /** Whether recorded path `i` has the stats it had, and was not modified too close to the recorded scan to trust them. */
  private unchanged(data: ManifestData, i: number, now?: Float64Array, at = 0): boolean {
    const rel =
      i < data.listing.length
        ? data.listing[i]
        : i < data.listing.length + data.files.length
          ? data.files[i - data.listing.length]
          : data.manifests[i - data.listing.length - data.files.length];
    const fields = fieldsOf(statSync(path.join(this.root, rel), { throwIfNoEntry: false }));
    now?.set(fields, at * FIELDS);
    if (Number.isNaN(fields[1]) || fields[1] >= data.startedAt - RACY_MS) return false;
    for (let f = 0; f < FIELDS; f++) if (data.stats[i * FIELDS + f] !== fields[f]) return false;
    return true;
  }
}

/** A digest of a folder's entries: their names and kinds, in name order. */
function entriesDigest(entries: Dirent[]): string {
  const kind = (e: Dirent) => (e.isDirectory() ? 'd' : e.isFile() ? 'f' : e.isSymbolicLink() ? 'l' : 'o');
  const listed = entries.map((e) => `${kind(e)}${e.name}`).sort();
  return createHash('sha256').update(listed.join('\0')).digest('base64url');
}

/** The stat fields that change when a file or folder does; NaN for a path that does not exist. */
function fieldsOf(stats: Stats | undefined): number[] {
  if (!stats) return [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  return [stats.isDirectory() ? -1 : stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino];
}
