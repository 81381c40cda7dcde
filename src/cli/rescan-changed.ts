// A warm scan after a few files changed: only those files are read. Each one is put through the
// passes the last scan ran (the pre-filter, then each wrapper round's pattern, then the imported
// modules); when every changed file lands in the pass it was in before, and the facts of those
// the wrapper rounds read link the same way (src/engine/link-view.ts), every other file would be
// parsed as before, so their facts come from the cache and the analysis runs on the whole set in
// the last scan's order, as a full scan would. A changed file that would be parsed in another
// pass (or now, or no longer) changes what the rounds see: then the caller scans in full.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeWorkspace } from '../engine/analyze';
import type { ResolvedConfig } from '../engine/config';
import { configuredWrapperPattern } from '../engine/configured-sites';
import { linkView } from '../engine/link-view';
import { analyseOne, factsCacheKey, IMPORTED_MODULES_ROUND, lineReader, mayTalkToModel, unreadableReason } from '../engine/scan';
import { admitSource, skipReasonByName } from '../engine/source-admission';
import type { FileFacts } from '../engine/types';
import { assignPackages } from '../engine/workspace-packages';
import { withPromptFiles } from '../engine/prompt-files';
import type { DiskFactsCache } from '../host/disk-facts-cache';
import { createNodeHost } from '../host/node-host';
import type { ChangedSince, StoredOutcome, StoredResult } from '../host/scan-manifest';

export interface RescanOptions {
  root: string;
  config: ResolvedConfig;
  today: string;
  cache: DiskFactsCache;
  wasmDir?: string;
}

/** What a file's text makes of it in the scan: skipped with a reason, left unparsed, or parsed in a pass. */
type Outcome = { skipped: string } | { pending: true } | { round: number; key?: string };

/**
 * The last scan's result brought up to date with the changed files, or undefined when a changed
 * file would change which files the scan parses (or the cache lacks a file's facts).
 */
export async function rescanChanged(
  since: ChangedSince,
  options: RescanOptions,
): Promise<{ result: StoredResult; outcome: StoredOutcome; analysed: boolean } | undefined> {
  const { root, config } = options;
  const parsedBefore = new Map(since.outcome.parsed.map((p) => [p.file, p]));
  const skippedBefore = new Map(since.result.skipped.map((s) => [s.file, s.reason]));
  const pendingBefore = new Set(since.result.withoutModelUse);
  const outcomeBefore = (file: string): Outcome | undefined => {
    const parsed = parsedBefore.get(file);
    if (parsed) return { round: parsed.round, key: parsed.key };
    const reason = skippedBefore.get(file);
    if (reason !== undefined) return { skipped: reason };
    return pendingBefore.has(file) ? { pending: true } : undefined;
  };
  const configuredWrappers = configuredWrapperPattern(config.wrappers);
  const patterns = since.outcome.patterns.map((p) => new RegExp(p));
  const host = createNodeHost(root, options.wasmDir);
  const texts = new Map<string, string>();
  const changedFacts = new Map<string, { facts: FileFacts; key: string }>();

  for (const index of since.changed) {
    const file = since.files[index];
    const before = outcomeBefore(file);
    if (!before) return undefined;
    const read = readAdmitted(root, file, config.maxFileBytes);
    if ('skipped' in read) {
      // Skipped for its name, bytes or size, as the first pass skips it: same reason, same place.
      if (!('skipped' in before) || before.skipped !== read.skipped) return undefined;
      continue;
    }
    // Admitted now: it must have been admitted before, to the same pass.
    if ('skipped' in before) return undefined;
    const firstMatch = patterns.findIndex((p) => p.test(read.text));
    const round = mayTalkToModel(read.text, configuredWrappers) ? 0 : firstMatch >= 0 ? firstMatch + 1 : undefined;
    if ('pending' in before) {
      if (round !== undefined) return undefined;
      continue;
    }
    // The imported-modules pass picks its files by what the other parsed files import: a file
    // parsed there before is parsed there again as long as no earlier pass takes it.
    if ((round ?? IMPORTED_MODULES_ROUND) !== before.round) return undefined;
    const facts = await analyseOne(file, read.text, host, { cache: options.cache });
    if ('reason' in facts) return undefined;
    if (before.round !== IMPORTED_MODULES_ROUND) {
      // The wrapper rounds read this file's facts: they must link as the old ones did.
      const old = before.key ? options.cache.get(before.key) : undefined;
      if (!old || linkView(old) !== linkView(facts)) return undefined;
    }
    texts.set(file, read.text);
    changedFacts.set(file, { facts, key: factsCacheKey(file, read.text) });
  }

  const parsed = since.outcome.parsed.map((p) => (changedFacts.has(p.file) ? { ...p, key: changedFacts.get(p.file)!.key } : p));
  const outcome = { ...since.outcome, parsed };
  // Only files without facts changed (or files whose text is what it was): the result stands.
  if (![...changedFacts].some(([file, { key }]) => key !== parsedBefore.get(file)!.key)) {
    options.cache.keep(parsed.map((p) => p.key));
    return { result: since.result, outcome, analysed: false };
  }

  const facts = new Map<string, FileFacts>();
  for (const { file, key } of parsed) {
    const found = changedFacts.get(file)?.facts ?? options.cache.get(key);
    if (!found) return undefined;
    facts.set(file, found);
  }
  assignPackages(facts, since.outcome.packages);
  await withPromptFiles(facts, host);
  // Lines are read from the files the analysis looks into (their stat says they are unchanged).
  const lazyTexts = {
    get(file: string): string | undefined {
      let text = texts.get(file);
      if (text === undefined && facts.has(file)) {
        const read = readAdmitted(root, file, config.maxFileBytes);
        text = 'text' in read ? read.text : '';
        texts.set(file, text);
      }
      return text;
    },
  };
  const findings = analyzeWorkspace({
    files: facts,
    lineText: lineReader(lazyTexts as ReadonlyMap<string, string>),
    config,
    today: options.today,
  });
  return { result: { ...since.result, findings }, outcome, analysed: true };
}

/** A file read and admitted as the first pass does it: its text, or why it is skipped. */
function readAdmitted(root: string, file: string, maxBytes: number): { text: string } | { skipped: string } {
  const byName = skipReasonByName(file);
  if (byName) return { skipped: byName };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path.join(root, file));
  } catch (e) {
    return { skipped: unreadableReason(e) };
  }
  const admitted = admitSource(file, bytes, maxBytes);
  return admitted.ok ? { text: admitted.text } : { skipped: admitted.reason };
}
