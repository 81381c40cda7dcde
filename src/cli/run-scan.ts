// Shared by every CLI command: resolve the root and config, list files, scan with the cache.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, defaultConfig, type ResolvedConfig } from '../engine/config';
import { parseConfig } from '../engine/config-file';
import { packageManifestPaths } from '../engine/workspace-packages';
import {
  factsCacheKey,
  FirstPassMismatchError,
  internalErrorSkip,
  isInternalError,
  todayIso,
  unreadableReason,
  type ScanResult,
} from '../engine/scan';
import type { Finding, SkippedFile } from '../engine/types';
import { admitSource, skipReasonByName } from '../engine/source-admission';
import {
  engineVersion,
  FACTS_FILE_KIND,
  FACTS_FORMAT_VERSION,
  fileListHash,
  hashOf,
  mergeSlices,
  readFactsFiles,
  shardOfPath,
  writeFactsFile,
  type FactsFile,
  type ShardSpec,
} from './facts-file';
import { factsCacheFile, scanManifestFile } from '../host/node-host';
import { DiskFactsCache } from '../host/disk-facts-cache';
import { ScanManifest, type StoredOutcome, type StoredResult } from '../host/scan-manifest';
import { rescanChanged } from './rescan-changed';
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
  /** Facts files of a sharded scan's slices (a glob): link and report them instead of reading the tree afresh. */
  facts?: string;
}

export interface CliScanResult {
  root: string;
  rootLabel: string;
  config: ResolvedConfig;
  scan: ScanResult;
  findings: Finding[];
  /** The tree was unchanged since the last scan, whose result this is. */
  reused: boolean;
  /** Only these files had changed since the last scan: they alone were read (src/cli/rescan-changed.ts). */
  rescanned?: string[];
}

export async function runScan(paths: string[], options: CliScanOptions): Promise<CliScanResult> {
  const { targets, root } = resolveTargets(paths);
  const timings = phaseTimer();
  const config = loadConfig(root, options.config);
  const today = todayIso();
  // The scan command needs only findings: an unchanged tree gets the last result back.
  const manifest =
    options.cache === false || options.facts
      ? undefined
      : new ScanManifest(
          scanManifestFile(root),
          root,
          manifestKey(
            config,
            targets.map((t) => relativeTo(root, t)),
            today,
          ),
        );
  const state = options.findingsOnly ? manifest?.check(RESCAN_LIMIT) : undefined;
  const reused = state && 'unchanged' in state ? state.unchanged : undefined;
  timings.phase(reused ? 'unchanged since the last scan: its result is reused' : 'check the scan manifest');
  // A few files changed and nothing else: read those, and analyse again only if their facts did.
  let rescanned: string[] | undefined;
  let recent: StoredResult | undefined;
  // Kept for the full scan when the changed files turn out to change what it parses: their facts are in it.
  let warmCache: DiskFactsCache | undefined;
  if (state && 'changed' in state) {
    const cache = (warmCache = openFactsCache(root));
    const rescan = await rescanChanged(state.changed, { root, config, today, cache });
    timings.phase(
      rescan
        ? `${state.changed.changed.length} changed files read${rescan.analysed ? ', the analysis run again' : ', the result unchanged'}`
        : `${state.changed.changed.length} changed files read: they change what the scan parses, so it scans in full`,
    );
    if (rescan) {
      recent = rescan.result;
      rescanned = state.changed.changed.map((i) => state.changed.files[i]);
      cache.save();
      manifest!.saveRescan(state.changed, rescan.result, rescan.outcome);
      timings.phase('save the facts cache and the scan manifest');
    }
  }
  let scan: ScanResult;
  if (reused ?? recent) scan = { ...(reused ?? recent)!, facts: new Map(), texts: new Map(), cancelled: false };
  else if (options.facts) {
    // The reduce step of a sharded scan: the slices' first passes, then the rest on this machine.
    const slices = mergeSlices(await readFactsFiles(options.facts));
    const targetsHere = targets.map((t) => relativeTo(root, t));
    if (JSON.stringify(slices.tree.targets) !== JSON.stringify(targetsHere))
      throw new UsageError(
        `the facts were extracted from ${slices.tree.targets.join(' ') || '.'}, not ${targetsHere.join(' ') || '.'}: give the ` +
          `scan the paths the facts step had`,
      );
    if (slices.tree.configHash !== hashOf(config))
      throw new UsageError('the facts were extracted with another configuration than this scan reads');
    timings.phase(`read the facts of ${slices.files.length} files`);
    const cache = options.cache === false ? undefined : openFactsCache(root);
    try {
      scan = await scanFilesInParallel(root, slices.files, {
        config,
        cache,
        today,
        firstPass: slices.firstPass,
        onWorkerLost: reportWorkerLost,
        plantedBugs: plantedBugs(),
      });
    } catch (e) {
      if (e instanceof FirstPassMismatchError) throw new UsageError(e.message);
      throw e;
    }
    // As in a whole scan, entries the walk could not follow count as skipped files.
    scan.skipped.unshift(...slices.walkSkipped);
    scan.files += slices.walkSkipped.length;
    timings.phase('scan');
    cache?.save();
  } else {
    const { files: unique, skipped: skippedWalk } = await listTargets(root, targets, config, manifest);
    // Package manifests and tsconfig paths decide how imports resolve: an edit to one is a change too.
    manifest?.noteFiles(unique);
    manifest?.noteManifests(packageManifestPaths(unique));
    timings.phase(`list ${unique.length} files`);
    const cache = options.cache === false ? undefined : (warmCache ?? openFactsCache(root));
    timings.phase('load the facts cache');
    scan = await scanFilesInParallel(root, unique, { config, cache, today, onWorkerLost: reportWorkerLost, plantedBugs: plantedBugs() });
    // Entries the walk could not follow (broken links, loops, unreadable folders) count as skipped files.
    scan.skipped.unshift(...skippedWalk);
    scan.files += skippedWalk.length;
    timings.phase('scan');
    cache?.save();
    if (!scan.cancelled)
      manifest?.save(
        {
          files: scan.files,
          parsed: scan.parsed,
          withoutModelUse: scan.withoutModelUse,
          findings: scan.findings,
          skipped: scan.skipped,
        },
        storedOutcome(scan),
      );
    timings.phase('save the facts cache and the scan manifest');
  }
  reportInternalErrors(scan);
  let findings = scan.findings;
  if (options.baseline) {
    const known = loadBaselineFingerprints(options.baseline);
    findings = findings.filter((f) => !known.has(f.fingerprint));
  }
  return { root, rootLabel: rootLabelOf(root), config, scan, findings, reused: !!reused, ...(rescanned ? { rescanned } : {}) };
}

/** More changed files than this and a scan reads the whole tree again (its workers parse them faster). */
const RESCAN_LIMIT = 256;

/** How the scan's parsed files came to be parsed, in the order of its facts; undefined if it cannot tell. */
function storedOutcome(scan: ScanResult): StoredOutcome | undefined {
  const admission = scan.admission;
  if (!admission) return undefined;
  const parsed: StoredOutcome['parsed'] = [];
  for (const file of scan.facts.keys()) {
    const round = admission.rounds.get(file);
    const key = admission.keys.get(file);
    if (round === undefined || key === undefined) return undefined;
    parsed.push({ file, round, key });
  }
  return { parsed, patterns: admission.patterns, packages: admission.packages };
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
export async function listTargets(
  root: string,
  targets: string[],
  config: ResolvedConfig,
  manifest?: ScanManifest,
): Promise<{ files: string[]; skipped: SkippedFile[] }> {
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
        onEntries: manifest ? (file, entries) => manifest.noteEntries(under(file), entries) : undefined,
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

/** Tests only: the files (comma-separated) whose analysis throws, to test how internal errors are reported. */
const plantedBugs = () => process.env.PPR_TEST_PLANTED_BUGS?.split(',').filter(Boolean);

const reportWorkerLost = (reason: string) => process.stderr.write(`prompt-pattern-review: ${reason}\n`);

/** Files that hit a bug are listed as skipped like any other; stderr says once that they are a bug. */
function reportInternalErrors(scan: ScanResult): void {
  const failed = scan.skipped.filter(isInternalError);
  if (!failed.length) return;
  const which = failed.length === 1 ? `${failed[0].file} was` : `${failed.length} files were (${failed[0].file}, …)`;
  process.stderr.write(
    `prompt-pattern-review: ${which} skipped after an internal error: a bug in ${TOOL.name} ${TOOL.version}, ` +
      `not a problem with the file. Please report it with the "internal error:" reason from the skipped list.\n`,
  );
}

export interface FactsExtractionOptions {
  shard: ShardSpec;
  output: string;
  config?: string;
  cache?: boolean;
}

/**
 * The map step of a sharded scan: lists the whole tree (as every slice does, so they agree on it),
 * runs the first pass over the files of one slice and writes what it made of each file.
 */
export async function runFactsExtraction(
  paths: string[],
  options: FactsExtractionOptions,
): Promise<{ files: number; inSlice: number; withFacts: number }> {
  const { targets, root } = resolveTargets(paths);
  const timings = phaseTimer();
  const config = loadConfig(root, options.config);
  const tree = await listTargets(root, targets, config);
  timings.phase(`list ${tree.files.length} files`);
  const { index, count } = options.shard;
  const slice = tree.files.flatMap((file, i) => (shardOfPath(file, count) === index ? [i] : []));
  const cache = options.cache === false ? undefined : openFactsCache(root);
  const scan = await scanFilesInParallel(
    root,
    slice.map((i) => tree.files[i]),
    { config, cache, today: todayIso(), firstPassOnly: true, onWorkerLost: reportWorkerLost },
  );
  timings.phase(`first pass over slice ${index}/${count}: ${slice.length} files`);
  cache?.save();
  const skips = new Map(scan.skipped.map((s) => [s.file, s.reason]));
  const withoutModelUse = new Set(scan.withoutModelUse);
  const files = slice.map((i): FactsFile['files'][number] => {
    const file = tree.files[i];
    const facts = scan.facts.get(file);
    const reason = skips.get(file);
    if (facts) return { index: i, file, facts, key: factsCacheKey(file, scan.texts.get(file)!) };
    if (reason !== undefined) return { index: i, file, skipped: reason };
    // Every file is parsed, skipped or without model use; one that is none of them is a bug.
    if (!withoutModelUse.has(file))
      return { index: i, file, skipped: internalErrorSkip(file, 'the first pass gave this file no outcome').reason };
    // Read and found to name no model API: hashed here, so the reduce step notices an edit to it
    // between the two steps as it does for files with facts, and counts it without model use.
    const byName = skipReasonByName(file);
    if (byName) return { index: i, file, skipped: byName };
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path.join(root, file));
    } catch (e) {
      return { index: i, file, skipped: unreadableReason(e) };
    }
    const admitted = admitSource(file, bytes, config.maxFileBytes);
    if (!admitted.ok) return { index: i, file, skipped: admitted.reason };
    return { index: i, file, pending: true, key: factsCacheKey(file, admitted.text) };
  });
  writeFactsFile(options.output, {
    kind: FACTS_FILE_KIND,
    formatVersion: FACTS_FORMAT_VERSION,
    engine: engineVersion(),
    shard: options.shard,
    tree: {
      files: tree.files.length,
      listHash: fileListHash(tree.files),
      configHash: hashOf(config),
      targets: targets.map((t) => relativeTo(root, t)),
    },
    walkSkipped: tree.skipped.flatMap((s, ordinal) => (shardOfPath(s.file, count) === index ? [{ ...s, ordinal }] : [])),
    files,
  });
  timings.phase(`write ${options.output}`);
  return { files: tree.files.length, inSlice: slice.length, withFacts: scan.facts.size };
}

/** What a scan's result depends on besides the tree: the build, the config, the paths given, the date. */
function manifestKey(config: ResolvedConfig, targets: string[], today: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ build: cacheVersion(), config, targets, today }))
    .digest('hex');
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
