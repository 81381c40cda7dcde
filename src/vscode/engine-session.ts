// The editor's side of the engine: reads grammars through vscode.workspace.fs (desktop and web),
// keeps the facts of scanned files so live analysis of one file still sees cross-file wrappers,
// and loads the folder's .promptreview.json.
import * as vscode from 'vscode';
import type { FactsCache } from '../engine/scan';
import type { FileFacts } from '../engine/types';
import { defaultConfig, type ResolvedConfig } from '../engine/config';
import { parseConfig, ConfigError } from '../engine/config-file';

export const CONFIG_FILE = '.promptreview.json';

export class EngineSession {
  /** Facts per workspace-relative path, per folder (from scans and live analysis). */
  readonly factsByFolder = new Map<string, Map<string, FileFacts>>();
  readonly cache: FactsCache;
  private readonly cacheEntries = new Map<string, FileFacts>();
  readonly onDidChangeFacts = new vscode.EventEmitter<void>();

  constructor(readonly context: vscode.ExtensionContext) {
    this.cache = {
      get: (key) => this.cacheEntries.get(key),
      set: (key, facts) => {
        if (this.cacheEntries.size > 5000) this.cacheEntries.delete(this.cacheEntries.keys().next().value!);
        this.cacheEntries.set(key, facts);
      },
    };
    context.subscriptions.push(this.onDidChangeFacts);
  }

  readWasm = async (name: string): Promise<Uint8Array> => {
    return vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'wasm', name));
  };

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
    if (!folder) return { config: defaultConfig() };
    const setting = vscode.workspace.getConfiguration('promptPatternReview', folder.uri).get<string>('configFile') || CONFIG_FILE;
    const uri = vscode.Uri.joinPath(folder.uri, setting);
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return { config: defaultConfig() };
    }
    try {
      return { config: parseConfig(setting, text) };
    } catch (e) {
      if (e instanceof ConfigError) return { config: defaultConfig(), error: e };
      throw e;
    }
  }

  relativePath(uri: vscode.Uri): { folder: vscode.WorkspaceFolder | undefined; path: string } {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const path = folder ? vscode.workspace.asRelativePath(uri, false) : uri.path.split('/').pop()!;
    // asRelativePath prefixes the folder name in multi-root workspaces.
    const prefix = folder && (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? folder.name + '/' : '';
    return { folder, path: prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path };
  }
}
