// Scans that report what a change brought: `--since <ref>` (the working tree against a commit),
// `--staged` (the index against HEAD) and `--workspace <dir> <files…>` (a pre-commit hook's files).
// The whole workspace is analysed each time, since a workload's files link across the tree; the
// facts cache keeps that cheap, and the earlier version costs a parse of the changed files only.
import { statSync } from 'node:fs';
import path from 'node:path';
import { scanFiles, todayIso, type ScanResult } from '../engine/scan';
import { scanFilesInParallel } from './parallel-scan';
import { loadBaselineFingerprints } from './baseline';
import { findingsOfChange } from './change-scope';
import { GitRepository } from './git';
import {
  listTargets,
  loadConfig,
  openFactsCache,
  relativeTo,
  resolveTargets,
  rootLabelOf,
  runScan,
  type CliScanOptions,
  type CliScanResult,
} from './run-scan';
import { rootPaths, stagedVersion, versionAtCommit, versionFiles, versionHost, type TreeVersion } from './tree-versions';

export interface ChangeScanOptions extends CliScanOptions {
  /** A commit: report what the working tree changed since it. */
  since?: string;
  /** Report what the index changes against HEAD, reading staged content. */
  staged?: boolean;
}

export interface ChangeSummary {
  /** What the result is compared with: the ref as given, `HEAD` for --staged, or `files` for a file list. */
  since: string;
  /** The commit compared with (absent for a file list, and for --staged before the first commit). */
  commit?: string;
  /** Changed files under the scan root, relative to it. */
  files: string[];
  /** Workloads touching those files. */
  workloads: string[];
}

export interface ChangeScanResult extends CliScanResult {
  changes: ChangeSummary;
}

/** `--since <ref>` or `--staged`: both versions are scanned and only new or worse findings are kept. */
export async function runChangeScan(paths: string[], options: ChangeScanOptions): Promise<ChangeScanResult> {
  const { targets, root } = resolveTargets(paths);
  const config = loadConfig(root, options.config);
  const today = todayIso();
  const repo = await GitRepository.open(root);
  const toRoot = rootPaths(repo, root);
  const { files: listed, skipped: walkSkipped } = await listTargets(root, targets, config);
  const targetFolders = targets.filter((t) => statSync(t).isDirectory()).map((t) => relativeTo(root, t));
  const cache = options.cache === false ? undefined : openFactsCache(root);
  const scanVersion = (version: TreeVersion) =>
    scanFiles(versionFiles(version, listed, targetFolders, config), versionHost(root, version), { config, cache, today });

  let current: ScanResult;
  let before: ScanResult;
  let changed: string[];
  let summary: Omit<ChangeSummary, 'files' | 'workloads'>;
  if (options.staged) {
    const head = await repo.head();
    const from = head ?? (await repo.emptyTree());
    const [index, atHead, staged] = await Promise.all([
      stagedVersion(repo, root),
      versionAtCommit(repo, root, from, head ? 'HEAD' : 'the empty tree'),
      repo.commitVsIndex(from),
    ]);
    changed = staged.map((c) => toRoot(c.path)).filter((f): f is string => f !== undefined);
    current = await scanVersion(index);
    before = await scanVersion(atHead);
    summary = { since: 'HEAD', ...(head ? { commit: head } : {}) };
  } else {
    const ref = options.since!;
    const commit = await repo.resolveCommit(ref);
    const atRef = await versionAtCommit(repo, root, commit, ref);
    changed = [...atRef.replaced.keys()];
    current = await scanFilesInParallel(root, listed, { config, cache, today });
    before = await scanVersion(atRef);
    summary = { since: ref, commit };
  }
  cache?.save();
  current.skipped.unshift(...walkSkipped);
  const scoped = findingsOfChange(current.findings, new Set(changed), before.findings);
  return {
    root,
    rootLabel: rootLabelOf(root),
    config,
    scan: current,
    reused: false,
    findings: withoutBaseline(scoped.findings, options.baseline),
    changes: { ...summary, files: [...new Set(changed)].sort(), workloads: scoped.workloads },
  };
}

/**
 * `--workspace <dir> <files…>`: the whole workspace analysed, the workloads touching the files
 * reported (all their findings: a hook on a file reports what is in it, as linters do).
 */
export async function runScopedScan(workspace: string, files: string[], options: CliScanOptions): Promise<ChangeScanResult> {
  const result = await runScan([workspace], { ...options, baseline: undefined, findingsOnly: true });
  // Named files need not exist: a deleted file touches nothing.
  const scope = new Set(files.map((f) => relativeTo(result.root, path.resolve(f))));
  const scoped = findingsOfChange(result.findings, scope);
  return {
    ...result,
    findings: withoutBaseline(scoped.findings, options.baseline),
    changes: { since: 'files', files: [...scope].sort(), workloads: scoped.workloads },
  };
}

function withoutBaseline(findings: CliScanResult['findings'], baseline: string | undefined) {
  if (!baseline) return findings;
  const known = loadBaselineFingerprints(baseline);
  return findings.filter((f) => !known.has(f.fingerprint));
}
