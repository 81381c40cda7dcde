// Configuration: `.promptreview.json` (JSONC). Parsing and validation live in config-file.ts;
// this module holds the resolved shape and its defaults, shared by CLI and editor.
import type { ConfigFile } from './config-definition';

// Types only: the definition's TypeBox builders stay out of the runtime bundles.
export type { CustomWrapper, IgnoreEntry, RuleSetting } from './config-definition';

/** The configuration file a folder's scan reads by default. */
export const CONFIG_FILE = '.promptreview.json';

/** The file's settings with every default filled in. */
export type ResolvedConfig = Required<Omit<ConfigFile, '$schema' | 'thresholds'>> & {
  thresholds: Required<NonNullable<ConfigFile['thresholds']>>;
};

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
