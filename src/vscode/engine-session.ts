// The editor's side of the engine: reads grammars through vscode.workspace.fs (desktop and web),
// keeps the facts of scanned files so live analysis of one file still sees cross-file wrappers,
// and loads the folder's .promptreview.json.
import vscode = require('vscode');
import type { FileFacts } from '../engine/types';
import type { ScanHost } from '../engine/scan';
import type { ResolvedConfig } from '../engine/config';
import type { ConfigError } from '../engine/config-file';
import { engine } from './lazy-engine';
import { CONFIG_FILE } from '../engine/config';
import { EDITOR_LANGUAGE_IDS } from '../engine/parse/languages';
import { StoredFactsCache, factsCacheVersion } from './stored-facts-cache';

export { CONFIG_FILE } from '../engine/config';

/** The documents live analysis, hovers, code lenses and code actions attach to. */
export const SOURCE_SELECTOR: vscode.DocumentSelector = EDITOR_LANGUAGE_IDS.map((language) => ({ language }));

export class EngineSession {
  /** Facts per workspace-relative path, per folder (from scans and live analysis). */
  readonly factsByFolder = new Map<string, Map<string, FileFacts>>();
  /** Facts by path and content hash, kept in workspace storage between sessions. */
  readonly cache: StoredFactsCache;
  readonly onDidChangeFacts = new vscode.EventEmitter<void>();

  constructor(readonly context: vscode.ExtensionContext) {
    this.cache = new StoredFactsCache(context.storageUri, () => factsCacheVersion(context));
    context.subscriptions.push(this.onDidChangeFacts, this.cache);
  }

  private readonly indexing = new Map<string, Promise<void>>();

  readWasm = async (name: string): Promise<Uint8Array> => {
    return vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'wasm', name));
  };

  /** Reads of a folder's files by their paths relative to it, and the .wasm files: what scans and template reads need. */
  folderHost(folder: vscode.WorkspaceFolder): ScanHost {
    return {
      readFile: async (file) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, file)),
      listFolder: async (sub) =>
        (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder.uri, sub)))
          .filter(([, type]) => type === vscode.FileType.File)
          .map(([name]) => name),
      readWasm: this.readWasm,
    };
  }

  folderFacts(folder: vscode.WorkspaceFolder | undefined): Map<string, FileFacts> {
    const key = folder?.uri.toString() ?? '';
    let map = this.factsByFolder.get(key);
    if (!map) {
      map = new Map();
      this.factsByFolder.set(key, map);
    }
    return map;
  }

  /** The folder's configuration; a broken file yields the defaults and the error to show. */
  async loadConfig(folder: vscode.WorkspaceFolder | undefined): Promise<{ config: ResolvedConfig; error?: ConfigError }> {
    if (!folder) return { config: engine().defaultConfig() };
    const setting = vscode.workspace.getConfiguration('promptPatternReview', folder.uri).get<string>('configFile') || CONFIG_FILE;
    const uri = vscode.Uri.joinPath(folder.uri, setting);
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return { config: engine().defaultConfig() };
    }
    try {
      return { config: engine().parseConfig(setting, text) };
    } catch (e) {
      if (e instanceof engine().ConfigError) return { config: engine().defaultConfig(), error: e };
      throw e;
    }
  }

  /**
   * Gathers the facts of every file of a folder once, in the background, so that live analysis of
   * one open file already sees wrappers, sinks and training code in files that were never opened.
   * Facts from live analysis (possibly unsaved edits) win over the indexed ones.
   */
  indexFolder(folder: vscode.WorkspaceFolder | undefined): Promise<void> {
    if (!folder || folder.uri.scheme !== 'file') return Promise.resolve();
    const key = folder.uri.toString();
    let job = this.indexing.get(key);
    if (!job) {
      job = this.collectFolderFacts(folder).catch(() => undefined);
      this.indexing.set(key, job);
    }
    return job;
  }

  private async collectFolderFacts(folder: vscode.WorkspaceFolder): Promise<void> {
    await this.cache.ready;
    const { config } = await this.loadConfig(folder);
    const settings = vscode.workspace.getConfiguration('promptPatternReview', folder.uri);
    const files = await engine().listSourceFiles(folder.uri.fsPath, {
      include: config.include,
      exclude: [...config.exclude, ...(settings.get<string[]>('exclude') ?? [])],
    });
    const result = await engine().scanFiles(files, this.folderHost(folder), {
      config: { ...config, maxFileBytes: settings.get<number>('maxFileSize') ?? config.maxFileBytes },
      cache: this.cache,
    });
    const store = this.folderFacts(folder);
    for (const [file, facts] of result.facts) if (!store.has(file)) store.set(file, facts);
    this.onDidChangeFacts.fire();
  }

  relativePath(uri: vscode.Uri): { folder: vscode.WorkspaceFolder | undefined; path: string } {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const path = folder ? vscode.workspace.asRelativePath(uri, false) : uri.path.split('/').pop()!;
    // asRelativePath prefixes the folder name in multi-root workspaces.
    const prefix = folder && (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? folder.name + '/' : '';
    return { folder, path: prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path };
  }
}
