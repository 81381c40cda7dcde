// Configuration: `.promptreview.json` (JSONC). Parsing and validation live in config-file.ts;
// this module holds the resolved shape and its defaults, shared by CLI and editor.
import type { ProviderId, Severity } from './types';

export type RuleSetting = Severity | 'off';

/** The configuration file a folder's scan reads by default. */
export const CONFIG_FILE = '.promptreview.json';

export interface IgnoreEntry {
  rule: string;
  path: string;
  reason: string;
  expires?: string;
}

export interface CustomWrapper {
  /** Module (Python dotted or npm/relative path) that exports the function. */
  module: string;
  function: string;
  provider: ProviderId;
}

export interface ResolvedConfig {
  include: string[];
  exclude: string[];
  rules: Record<string, RuleSetting>;
  wrappers: CustomWrapper[];
  /** Extra hosts → provider (internal gateways, proxies). */
  providerHosts: Record<string, ProviderId>;
  thresholds: { volume: number };
  ignore: IgnoreEntry[];
  maxFileBytes: number;
}

/** Folders no scan walks into, wherever they are: dependencies, environments, build output, tool caches. */
export const DEFAULT_EXCLUDED_FOLDERS: readonly string[] = [
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  'env',
  '.env',
  '__pycache__',
  'site-packages',
  'dist',
  'build',
  'out',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  'coverage',
  'target',
  'vendor',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
];

/** The default folders as exclude globs. */
export const DEFAULT_EXCLUDES = DEFAULT_EXCLUDED_FOLDERS.map((name) => `**/${name}/**`);

export function defaultConfig(): ResolvedConfig {
  return {
    include: [],
    exclude: [],
    rules: {},
    wrappers: [],
    providerHosts: {},
    thresholds: { volume: 10_000 },
    ignore: [],
    maxFileBytes: 1_000_000,
  };
}
