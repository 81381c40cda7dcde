// Configuration: `.promptreview.json` (JSONC). Parsing and validation live in config-file.ts;
// this module holds the resolved shape and its defaults, shared by CLI and editor.
import type { ProviderId, Severity } from './types';

export type RuleSetting = Severity | 'off';

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

export const DEFAULT_EXCLUDES = [
  '**/node_modules/**', '**/.git/**', '**/.venv/**', '**/venv/**', '**/env/**', '**/.env/**', '**/__pycache__/**',
  '**/dist/**', '**/build/**', '**/out/**', '**/.next/**', '**/.nuxt/**', '**/coverage/**', '**/.tox/**',
  '**/site-packages/**', '**/.mypy_cache/**', '**/.pytest_cache/**', '**/target/**', '**/vendor/**',
];

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
