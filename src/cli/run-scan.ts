// Shared by every CLI command: resolve the root and config, list files, scan with the cache.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig, type ResolvedConfig } from '../engine/config';
import { parseConfig } from '../engine/config-file';
import type { ScanResult } from '../engine/scan';
import type { Finding } from '../engine/types';
import { DiskFactsCache, factsCacheFile } from '../host/node-host';
import { scanFilesInParallel } from './parallel-scan';
import { listSourceFiles } from '../host/node-files';
import { UsageError } from './errors';
import { TOOL } from '../engine/report/json';
import { loadBaselineFingerprints } from './baseline';

export interface CliScanOptions {
  config?: string;
  cache?: boolean;
  baseline?: string;
}

export interface CliScanResult {
  root: string;
  rootLabel: string;
  config: ResolvedConfig;
  scan: ScanResult;
  findings: Finding[];
}

export const CONFIG_FILE = '.promptreview.json';

export async function runScan(paths: string[], options: CliScanOptions): Promise<CliScanResult> {
  const targets = (paths.length ? paths : ['.']).map((p) => path.resolve(p));
  for (const t of targets) if (!existsSync(t)) throw new UsageError(`path not found: ${t}`);
  const root = statSync(targets[0]).isDirectory() ? targets[0] : path.dirname(targets[0]);
  const config = loadConfig(root, options.config);
  const skippedWalk: { file: string; reason: string }[] = [];
  const files: string[] = [];
  for (const target of targets) {
    if (statSync(target).isDirectory()) {
      const rel = path.relative(root, target).split(path.sep).join('/');
      const listed = await listSourceFiles(target, { include: config.include, exclude: config.exclude, onSkip: (file, reason) => skippedWalk.push({ file: rel ? `${rel}/${file}` : file, reason }) });
      files.push(...listed.map((f) => (rel ? `${rel}/${f}` : f)));
    } else files.push(path.relative(root, target).split(path.sep).join('/'));
  }
  const cache = options.cache === false ? undefined : new DiskFactsCache(factsCacheFile(root), cacheVersion());
  const scan = await scanFilesInParallel(root, [...new Set(files)], { config, cache });
  scan.skipped.unshift(...skippedWalk);
  cache?.save();
  let findings = scan.findings;
  if (options.baseline) {
    const known = loadBaselineFingerprints(options.baseline);
    findings = findings.filter((f) => !known.has(f.fingerprint));
  }
  return { root, rootLabel: path.relative(process.cwd(), root).split(path.sep).join('/') || '.', config, scan, findings };
}

/** Facts change shape between builds: a rebuilt CLI never reads an older build's cache. */
function cacheVersion(): string {
  try {
    const self = statSync(__filename);
    return `${TOOL.version}:${self.size}:${Math.round(self.mtimeMs)}`;
  } catch {
    return TOOL.version;
  }
}

function loadConfig(root: string, explicit?: string): ResolvedConfig {
  const file = explicit ? path.resolve(explicit) : path.join(root, CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit) throw new UsageError(`config file not found: ${explicit}`);
    return defaultConfig();
  }
  return parseConfig(path.relative(process.cwd(), file) || file, readFileSync(file, 'utf8'));
}
