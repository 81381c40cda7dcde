// The editor's facts cache, kept in the workspace's storage folder between sessions: reopening a
// workspace parses only the files that changed since (facts are keyed by path and content hash).
// Written a few seconds after the last change, and when the extension shuts down.
import vscode = require('vscode');
import type { FactsCache } from '../engine/scan';
import type { FileFacts } from '../engine/types';

/** Facts of this many files at most stay in memory (and on disk); the oldest go first. */
const MAX_ENTRIES = 5000;
const SAVE_DELAY_MS = 3000;

interface StoredData {
  version: string;
  entries: [string, FileFacts][];
}

export class StoredFactsCache implements FactsCache, vscode.Disposable {
  private readonly entries = new Map<string, FileFacts>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private changed = false;
  private loading: Promise<void> | undefined;
  private versionOf: Promise<string> | undefined;
  private readonly file: vscode.Uri | undefined;

  /**
   * `folder` (the workspace storage folder) is undefined when no folder is open: then the cache only
   * lives in memory. Nothing is read until the first scan asks (activation only registers).
   */
  constructor(
    private readonly folder: vscode.Uri | undefined,
    private readonly buildVersion: () => Promise<string>,
  ) {
    this.file = folder && vscode.Uri.joinPath(folder, 'facts.json');
  }

  /** Settles when the stored entries (if any) are in memory; the first call starts reading them. */
  get ready(): Promise<void> {
    return (this.loading ??= this.load());
  }

  private get version(): Promise<string> {
    return (this.versionOf ??= this.buildVersion());
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): FileFacts | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last, so eviction drops what has not been needed for longest.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, facts: FileFacts): void {
    this.entries.delete(key);
    this.entries.set(key, facts);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.changed = true;
    this.scheduleSave();
  }

  /** Writes the entries now if anything changed since the last write. */
  async save(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.folder || !this.file || !this.changed) return;
    await this.ready; // never write over stored entries that were not read yet
    this.changed = false;
    const data: StoredData = { version: await this.version, entries: [...this.entries] };
    try {
      await vscode.workspace.fs.createDirectory(this.folder);
      await vscode.workspace.fs.writeFile(this.file, new TextEncoder().encode(JSON.stringify(data)));
    } catch {
      // storage unavailable (read-only profile, full disk): the cache simply stays in memory
    }
  }

  dispose(): void {
    void this.save();
  }

  private scheduleSave(): void {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
  }

  private async load(): Promise<void> {
    if (!this.file) return;
    try {
      const data = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.file))) as StoredData;
      // Facts change shape between builds of the extension: another build's entries are dropped.
      if (data.version !== (await this.version) || !Array.isArray(data.entries)) return;
      for (const [key, facts] of data.entries.slice(-MAX_ENTRIES)) if (!this.entries.has(key)) this.entries.set(key, facts);
    } catch {
      // nothing stored yet, or unreadable: start empty
    }
  }
}

/** The build identity facts are valid for: the extension's version and its engine bundle's size and time. */
export async function factsCacheVersion(context: vscode.ExtensionContext): Promise<string> {
  const version = String(context.extension.packageJSON?.version ?? '0');
  try {
    const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(context.extensionUri, 'dist', 'engine.js'));
    return `${version}:${stat.size}:${stat.mtime}`;
  } catch {
    return version;
  }
}
