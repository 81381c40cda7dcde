// Shared by every CLI command: resolve the root and config, list files, scan with the cache.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, defaultConfig, type ResolvedConfig } from '../engine/config';
import { parseConfig } from '../engine/config-file';
import { packageManifestPaths } from '../engine/workspace-packages';
import { isInternalError, todayIso, type ScanResult } from '../engine/scan';
import type { Finding, SkippedFile } from '../engine/types';
import { DiskFactsCache, factsCacheFile, scanManifestFile } from '../host/node-host';
import { ScanManifest } from '../host/scan-manifest';
import { createHash } from 'node:crypto';
import { scanFilesInParallel } from './parallel-scan';
import { phaseTimer } from './phase-timer';
import { listSourceFiles } from '../host/node-files';
import { UsageError } from './errors';
import { TOOL } from '../engine/report/json';
import { loadBaselineFingerprints } from './baseline';

export interface CliScanOptions {
  config?: string;
  cache?: boolean;
  baseline?: string;
  /** Only findings are needed (not facts): an unchanged tree may reuse the last scan's result. */
  findingsOnly?: boolean;
}

export interface CliScanResult {
  root: string;
  rootLabel: string;
  config: ResolvedConfig;
  scan: ScanResult;
  findings: Finding[];
  /** The tree was unchanged since the last scan, whose result this is. */
  reused: boolean;
}


export async function runScan(paths: string[], options: CliScanOptions): Promise<CliScanResult> {
  const { targets, root } = resolveTargets(paths);
  const timings = phaseTimer();
  const config = loadConfig(root, options.config);
  const today = todayIso();
  // The scan command needs only findings: an unchanged tree gets the last result back.
  const manifest = options.cache === false ? undefined : new ScanManifest(scanManifestFile(root), root, manifestKey(config, targets.map((t) => relativeTo(root, t)), today));
  const reused = options.findingsOnly ? manifest?.reuse() : undefined;
  timings.phase(reused ? 'unchanged since the last scan: its result is reused' : 'check the scan manifest');
  let scan: ScanResult;
  if (reused) scan = { ...reused, facts: new Map(), texts: new Map(), cancelled: false };
  else {
    const { files: unique, skipped: skippedWalk } = await listTargets(root, targets, config, manifest);
    // Package manifests and tsconfig paths decide how imports resolve: an edit to one is a change too.
    manifest?.noteFiles([...unique, ...packageManifestPaths(unique)]);
    timings.phase(`list ${unique.length} files`);
    const cache = options.cache === false ? undefined : openFactsCache(root);
    timings.phase('load the facts cache');
    scan = await scanFilesInParallel(root, unique, { config, cache, today, onWorkerLost: (reason) => process.stderr.write(`prompt-pattern-review: ${reason}\n`) });
    // Entries the walk could not follow (broken links, loops, unreadable folders) count as skipped files.
    scan.skipped.unshift(...skippedWalk);
    scan.files += skippedWalk.length;
    timings.phase('scan');
    cache?.save();
    if (!scan.cancelled) manifest?.save({ files: scan.files, parsed: scan.parsed, withoutModelUse: scan.withoutModelUse, findings: scan.findings, skipped: scan.skipped });
    timings.phase('save the facts cache and the scan manifest');
  }
  reportInternalErrors(scan);
  let findings = scan.findings;
  if (options.baseline) {
    const known = loadBaselineFingerprints(options.baseline);
    findings = findings.filter((f) => !known.has(f.fingerprint));
  }
  return { root, rootLabel: rootLabelOf(root), config, scan, findings, reused: !!reused };
}

/** The scan root: the first path given (its folder when it is a file); every path must exist. */
export function resolveTargets(paths: string[]): { targets: string[]; root: string } {
  const targets = (paths.length ? paths : ['.']).map((p) => path.resolve(p));
  for (const t of targets) if (!existsSync(t)) throw new UsageError(`path not found: ${t}`);
  const root = statSync(targets[0]).isDirectory() ? targets[0] : path.dirname(targets[0]);
  return { targets, root };
}

/** The root as reports name it: relative to the current folder. */
export function rootLabelOf(root: string): string {
  return path.relative(process.cwd(), root).split(path.sep).join('/') || '.';
}

/** `p` relative to `root`, with forward slashes. */
export function relativeTo(root: string, p: string): string {
  return path.relative(root, p).split(path.sep).join('/');
}

/** The files the walk lists under each target (relative to the root, once each), and what it skipped. */
export async function listTargets(root: string, targets: string[], config: ResolvedConfig, manifest?: ScanManifest): Promise<{ files: string[]; skipped: SkippedFile[] }> {
  const skipped: SkippedFile[] = [];
  const files: string[] = [];
  for (const target of targets) {
    if (statSync(target).isDirectory()) {
      const rel = relativeTo(root, target);
      const under = (f: string) => (rel ? (f ? `${rel}/${f}` : rel) : f);
      const listed = await listSourceFiles(target, {
        include: config.include,
        exclude: config.exclude,
        onSkip: (file, reason) => skipped.push({ file: under(file), reason }),
        onListing: manifest ? (file, stats) => manifest.noteListing(under(file), stats) : undefined,
      });
      files.push(...listed.map(under));
    } else files.push(relativeTo(root, target));
  }
  return { files: [...new Set(files)], skipped };
}

/** The tree's facts cache, for this build of the CLI. */
export function openFactsCache(root: string): DiskFactsCache {
  return new DiskFactsCache(factsCacheFile(root), cacheVersion());
}

/** Files that hit a bug are listed as skipped like any other; stderr says once that they are a bug. */
function reportInternalErrors(scan: ScanResult): void {
  const failed = scan.skipped.filter(isInternalError);
  if (!failed.length) return;
  const which = failed.length === 1 ? `${failed[0].file} was` : `${failed.length} files were (${failed[0].file}, …)`;
  process.stderr.write(`prompt-pattern-review: ${which} skipped after an internal error: a bug in ${TOOL.name} ${TOOL.version}, not a problem with the file. `
    + `Please report it with the "internal error:" reason from the skipped list.\n`);
}

/** What a scan's result depends on besides the tree: the build, the config, the paths given, the date. */
function manifestKey(config: ResolvedConfig, targets: string[], today: string): string {
  return createHash('sha256').update(JSON.stringify({ build: cacheVersion(), config, targets, today })).digest('hex');
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

export function loadConfig(root: string, explicit?: string): ResolvedConfig {
  const file = explicit ? path.resolve(explicit) : path.join(root, CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit) throw new UsageError(`config file not found: ${explicit}`);
    return defaultConfig();
  }
  return parseConfig(path.relative(process.cwd(), file) || file, readFileSync(file, 'utf8'));
}
