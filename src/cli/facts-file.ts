// The facts file of a sharded scan: what the map step (`facts --shard i/n`) made of its slice of
// the tree, and how the reduce step (`scan --facts <glob>`) checks that the slices fit together
// (same build, same tree, same config, every slice once) before linking them as one scan.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { glob } from 'glob';
import type { FirstPassOutcome } from '../engine/scan';
import type { SkippedFile } from '../engine/types';
import { TOOL } from '../engine/report/json';
import { UsageError } from './errors';

export const FACTS_FILE_KIND = 'prompt-pattern-review facts';
/** Bumped whenever the layout of a facts file changes. */
export const FACTS_FORMAT_VERSION = 1;

export interface ShardSpec {
  index: number;
  count: number;
}

/** `--shard 2/4`: the second of four slices (1-based, as CI matrices count). */
export function parseShardSpec(spec: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard must be i/n with 1 <= i <= n, e.g. 1/4 (got "${spec}")`);
  return { index, count };
}

/**
 * Which slice a file belongs to: a hash of its path relative to the scan root, so the slices do
 * not depend on the machine, the checkout folder or the order the walker lists files in.
 */
export function shardOfPath(file: string, count: number): number {
  return (createHash('sha256').update(file).digest().readUInt32BE(0) % count) + 1;
}

/** What the slices must agree on: the whole file list, the config, the paths scanned. */
export interface TreeIdentity {
  files: number;
  listHash: string;
  configHash: string;
  targets: string[];
}

export interface FactsFile {
  kind: typeof FACTS_FILE_KIND;
  formatVersion: number;
  engine: string;
  shard: ShardSpec;
  tree: TreeIdentity;
  /** Entries the walker could not read, with their place in the walk (so the reduce keeps the order). */
  walkSkipped: (SkippedFile & { ordinal: number })[];
  /** The slice's files with their index in the whole list and what the first pass made of them. */
  files: (FirstPassOutcome & { index: number })[];
}

export const hashOf = (value: unknown): string =>
  createHash('sha256')
    .update(typeof value === 'string' ? value : JSON.stringify(value))
    .digest('hex');

/** The file list's hash: the reduce recomputes it from the slices to know none is missing or foreign. */
export const fileListHash = (files: readonly string[]): string => hashOf(files.join('\n'));

/**
 * The engine that wrote the facts: the tool's version and a hash of the running bundle, since the
 * facts' shape changes between builds of one version. Equal on every machine for the same build.
 */
export function engineVersion(): string {
  try {
    return `${TOOL.version}+${hashOf(readFileSync(__filename, 'utf8')).slice(0, 12)}`;
  } catch {
    return TOOL.version;
  }
}

export function writeFactsFile(file: string, facts: FactsFile): void {
  const json = JSON.stringify(facts);
  writeFileSync(path.resolve(file), file.endsWith('.gz') ? gzipSync(json) : json);
}

/** Expands the pattern (in-process, the same on every shell) and reads and checks every file. */
export async function readFactsFiles(pattern: string): Promise<FactsFile[]> {
  const matched = (await glob(pattern, { absolute: true, nodir: true })).sort();
  if (!matched.length) {
    const literal = statSync(path.resolve(pattern), { throwIfNoEntry: false });
    throw new UsageError(literal ? `${pattern} is not a facts file` : `no facts files match "${pattern}"`);
  }
  const read = matched.map(readOne);
  checkSlices(
    read.map((r) => r.facts),
    read.map((r) => r.label),
  );
  return read.map((r) => r.facts);
}

function readOne(file: string): { facts: FactsFile; label: string } {
  const label = path.relative(process.cwd(), file) || file;
  let facts: FactsFile;
  try {
    const bytes = readFileSync(file);
    const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
    facts = JSON.parse(text) as FactsFile;
  } catch (e) {
    throw new UsageError(`${label} is not a readable facts file: ${(e as Error).message}`);
  }
  if (facts?.kind !== FACTS_FILE_KIND)
    throw new UsageError(`${label} is not a facts file (write one with "prompt-pattern-review facts --shard i/n --output <file>")`);
  if (facts.formatVersion !== FACTS_FORMAT_VERSION)
    throw new UsageError(
      `${label} has facts format ${facts.formatVersion}, this build reads format ${FACTS_FORMAT_VERSION}: extract the facts ` +
        `again with this build`,
    );
  const engine = engineVersion();
  if (facts.engine !== engine)
    throw new UsageError(
      `${label} was written by engine ${facts.engine}, this is engine ${engine}: run the facts and scan steps with the same build`,
    );
  return { facts, label };
}

/** Every slice of one tree exactly once: same count, no slice twice, none missing, same tree and config. */
function checkSlices(slices: FactsFile[], labels: string[]): void {
  const first = slices[0];
  const seen = new Map<number, string>();
  for (const [i, slice] of slices.entries()) {
    if (slice.shard.count !== first.shard.count)
      throw new UsageError(
        `${labels[i]} is slice ${slice.shard.index}/${slice.shard.count}, but ${labels[0]} is ` +
          `slice ${first.shard.index}/${first.shard.count}: all slices must come from one split`,
      );
    const twice = seen.get(slice.shard.index);
    if (twice) throw new UsageError(`slice ${slice.shard.index}/${slice.shard.count} is given twice: ${twice} and ${labels[i]}`);
    seen.set(slice.shard.index, labels[i]);
    if (
      slice.tree.listHash !== first.tree.listHash ||
      slice.tree.files !== first.tree.files ||
      JSON.stringify(slice.tree.targets) !== JSON.stringify(first.tree.targets)
    ) {
      throw new UsageError(
        `${labels[i]} and ${labels[0]} were extracted from different trees (or different paths): extract every slice from the same commit`,
      );
    }
    if (slice.tree.configHash !== first.tree.configHash)
      throw new UsageError(`${labels[i]} and ${labels[0]} were extracted with different configurations`);
  }
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length)
    throw new UsageError(
      `slice${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${first.shard.count}`).join(', ')} missing: the reduce ` +
        `step needs every slice's facts file`,
    );
}

/** The whole scan's file list, first pass and walker skips, put back together from its slices. */
export function mergeSlices(slices: FactsFile[]): {
  files: string[];
  firstPass: FirstPassOutcome[];
  walkSkipped: SkippedFile[];
  tree: TreeIdentity;
} {
  const tree = slices[0].tree;
  const firstPass: FirstPassOutcome[] = new Array(tree.files);
  for (const slice of slices) {
    for (const { index, ...outcome } of slice.files) firstPass[index] = outcome;
  }
  const files = Array.from(firstPass, (outcome) => outcome?.file);
  if (files.some((f) => f === undefined) || fileListHash(files) !== tree.listHash)
    throw new UsageError(
      'the facts files do not add up to the tree they were extracted from: extract every slice again with the same build',
    );
  const walkSkipped = slices
    .flatMap((s) => s.walkSkipped)
    .sort((a, b) => a.ordinal - b.ordinal)
    .map(({ file, reason }) => ({ file, reason }));
  return { files, firstPass, walkSkipped, tree };
}
