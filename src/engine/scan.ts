// Scan orchestration, shared by the CLI and the editor: read through the host's port, skip what
// cannot matter (a cheap byte scan before any parse), parse candidates and files that import
// wrappers, extract facts (cached by content hash), then analyse the whole set.
import { createHash } from 'node:crypto';
import type { FileFacts, Finding, SkippedFile } from './types';
import type { ResolvedConfig } from './config';
import type { WasmReader } from './parse/parser';
import { parseSyntax, ParseTimeoutError } from './parse/parser';
import { isNotebookFile, languageForFile } from './parse/languages';
import { notebookToDocument, NotebookError } from './parse/notebook';
import { admitSource, skipReasonByName } from './source-admission';
import { extractFacts } from './facts/extract';
import { prefilterNeedles, sdkForModule } from './providers';
import { withPromptFiles } from './prompt-files';
import { analyzeWorkspace } from './analyze';
import { WorkspaceIndex } from './workspace';
import { remapNotebookFacts } from './parse/notebook-map';
import { maxBracketDepth, MAX_NESTING } from './nesting';
import { configuredWrapperPattern } from './configured-sites';
import { wordTrieSource } from './word-trie';
import { WordQuery, wordHashes } from './word-hashes';
import { importedModulesToParse } from './imported-modules';
import { routeOfFile } from './facts/route-requests';
import {
  assignPackages,
  manifestPath,
  PACKAGE_FILES,
  packageManifestCandidates,
  packageOfFolder,
  type WorkspacePackage,
} from './workspace-packages';
import escapeRegExp from 'escape-string-regexp';

export interface ScanHost {
  /** Reads a file by its path relative to the scan root. */
  readFile(file: string): Promise<Uint8Array>;
  /** The names of the files directly inside a folder (relative to the scan root), for prompt templates named by a pattern. */
  listFolder?(folder: string): Promise<string[]>;
  readWasm: WasmReader;
}

/** Facts cache keyed by content hash; the CLI keeps it on disk, the editor in workspace storage. */
export interface FactsCache {
  get(key: string): FileFacts | undefined;
  set(key: string, facts: FileFacts): void;
}

export interface CancellationSignal {
  readonly cancelled: boolean;
}

export interface ScanOptions {
  config: ResolvedConfig;
  cache?: FactsCache;
  today?: string;
  cancellation?: CancellationSignal;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Per-file parse budget in milliseconds. */
  parseBudgetMs?: number;
  /** Called at the end of each phase (for timing output). */
  onPhase?: (label: string) => void;
  /**
   * Stop after the first pass (read, pre-filter, parse the candidates): the map step of a sharded
   * scan, whose slice cannot know the wrappers other slices define. No findings are computed.
   */
  firstPassOnly?: boolean;
  /**
   * The first pass already done elsewhere (the reduce step of a sharded scan), one entry per file
   * in `files`' order: the scan reads the files again only for their texts and words, and goes on
   * with the wrapper rounds. A file whose text no longer has the recorded hash is an error.
   */
  firstPass?: readonly FirstPassOutcome[];
  /**
   * Tests only: analysing the files at these paths throws, as a bug in the extractor would, so the
   * internal-error path (each file skipped with "internal error: …", the CLI's one line on stderr)
   * is tested on the built CLI. The CLI sets it from PPR_TEST_PLANTED_BUGS; nothing in a workspace can.
   */
  plantedBugs?: readonly string[];
}

/** What the first pass made of one file: skipped, facts extracted, or left for the wrapper rounds. */
export type FirstPassOutcome =
  | { file: string; skipped: string }
  | { file: string; facts: FileFacts; key: string }
  | { file: string; pending: true; key: string };

/** A file changed between the two steps of a sharded scan: its facts no longer describe it. */
export class FirstPassMismatchError extends Error {}

/**
 * Every listed file is accounted for once: parsed (in `facts`), read and found by the pre-filter
 * to name no model API (`withoutModelUse`), or in `skipped` with its reason.
 */
export interface ScanResult {
  files: number;
  parsed: number;
  /** Files read whose text names no model API, wrapper or training library: nothing to parse. */
  withoutModelUse: string[];
  findings: Finding[];
  skipped: SkippedFile[];
  facts: Map<string, FileFacts>;
  cancelled: boolean;
  /** Texts of the files that have facts (for line lookups); other files' texts are not kept. */
  texts: Map<string, string>;
  /** How the parsed files came to be parsed, for a later scan that re-reads only changed files. */
  admission?: ScanAdmission;
}

/**
 * Which pass sent each parsed file to the parser: what a later scan needs to know whether a changed
 * file would be parsed in the same pass, and so whether every other file would be too.
 */
export interface ScanAdmission {
  /** By file: 0 the pre-filter, 1 to WRAPPER_ROUNDS a wrapper round, IMPORTED_MODULES_ROUND the imported modules. */
  rounds: Map<string, number>;
  /** By file: the facts cache key of the text that was parsed. */
  keys: Map<string, string>;
  /** The wrapper-name pattern (a regex source) of each wrapper round that ran, in order. */
  patterns: string[];
  /** The workspace packages read from the package manifests beside the files. */
  packages: WorkspacePackage[];
}

export class ScanCancelledError extends Error {}

/** Files read ahead of the one being analysed. */
const READ_AHEAD = 16;

const NEEDLES = prefilterNeedles();
// A module name of a few letters (the Vercel AI SDK's 'ai') occurs inside countless words
// ("email", "detail"): it only counts as a quoted module specifier, `'ai'` or `"ai/rsc"`.
const isShortWord = (needle: string) => /^\w{1,3}$/.test(needle);
const NEEDLE_RE = new RegExp(
  NEEDLES.filter((n) => !isShortWord(n))
    .map(escapeRegExp)
    .join('|'),
);
const SHORT_NEEDLES = NEEDLES.filter(isShortWord);
const QUOTED_SHORT_NEEDLE_RE = SHORT_NEEDLES.length ? new RegExp(`['"](?:${SHORT_NEEDLES.map(escapeRegExp).join('|')})['"/]`) : undefined;

// Training code never talks to a model, but it is a workspace-level signal (training-on-outputs):
// the libraries and calls of phrases.ts's TRAINING_IMPORTS / TRAINING_CALLS.
const TRAINING_RE = new RegExp(
  String.raw`\b(?:trl|peft|unsloth|axolotl|deepspeed|llamafactory|torchtune|openrlhf|pytorch_lightning|transformers)\b|` +
    String.raw`Trainer\s*\(|get_peft_model|FastLanguageModel|TrainingArguments|LoraConfig`,
);

// Key managers name no SDK either, yet a pool of API keys is a finding wherever it is: several
// keys (`apiKeys`, `KEY_POOL`, `GEMINI_API_KEY_2`, `API_KEY_${i}`) or one value split into several
// (`(process.env.UPSTREAM_KEYS || '').split(',')`).
const KEY_POOL_RE = new RegExp(
  String.raw`api[_-]?keys|key_?pool|API_KEY\w*?\d|(?:API_KEY|_TOKEN|_KEY)_?(?:\$\{|\{)|` +
    String.raw`(?:api_?key|apikey|token)s?\w*\s*\.\s*split\(|_KEYS\b[^\n]{0,30}\.split\(|\bcycle\(\s*(?:[\w.]*_)?sks\)|` +
    // A key-provisioning endpoint (`${apiBase}/keys`, `/organization/admin_api_keys`): keys created per worker.
    String.raw`\/keys[\x60'"]|\/admin_api_keys\b|` +
    // Every variable named like a key (`name.startswith("OPENAI_API_KEY")`), a list of auths.
    String.raw`\.\s*start(?:swith|sWith)\(\s*["'\x60][A-Z][A-Z0-9_]*(?:API_?KEY|_KEY|TOKEN)|\bauths\b`,
  'i',
);

/** The cheap pre-filter: can this text possibly talk to a model (or train on what one said, or pool keys)? */
export function mayTalkToModel(text: string, wrapperNames?: RegExp): boolean {
  return (
    NEEDLE_RE.test(text) ||
    !!QUOTED_SHORT_NEEDLE_RE?.test(text) ||
    TRAINING_RE.test(text) ||
    KEY_POOL_RE.test(text) ||
    (!!wrapperNames && wrapperNames.test(text))
  );
}

/** The facts cache key of a file's text: its path and a hash of its content. */
export function factsCacheKey(file: string, text: string): string {
  return `${file}\u0000${hashText(text)}`;
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function scanFiles(files: string[], host: ScanHost, options: ScanOptions): Promise<ScanResult> {
  const skipped: SkippedFile[] = [];
  const texts = new Map<string, string>();
  const facts = new Map<string, FileFacts>();
  /** Files that did not pass the pre-filter, with the words in them (their texts are not kept). */
  let pending: { file: string; words: Uint32Array }[] = [];
  let parsed = 0;
  const admission: ScanAdmission = { rounds: new Map(), keys: new Map(), patterns: [], packages: [] };
  // Files that call a wrapper named in the config talk to a model without naming an SDK.
  const configuredWrappers = configuredWrapperPattern(options.config.wrappers);
  let done = 0;
  const cancelled = () => options.cancellation?.cancelled === true;
  const tick = async (file: string) => {
    done++;
    options.onProgress?.(done, files.length, file);
    // Yield now and then so cancellation and progress get through on a busy event loop.
    if (done % 25 === 0) await yieldToEventLoop();
  };

  // Reads run ahead of parsing: one read at a time leaves the disk (and the host's I/O threads)
  // idle while a file is being decoded and parsed.
  const reads = new Map<number, Promise<Uint8Array>>();
  const skippedByFirstPass = (index: number) => {
    const given = options.firstPass?.[index];
    return given !== undefined && 'skipped' in given;
  };
  const readAhead = (index: number) => {
    if (index >= files.length || reads.has(index) || skipReasonByName(files[index]) || skippedByFirstPass(index)) return;
    const read = host.readFile(files[index]);
    read.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    reads.set(index, read);
  };
  for (let i = 0; i < READ_AHEAD; i++) readAhead(i);
  for (const [index, file] of files.entries()) {
    if (cancelled()) return partial();
    readAhead(index + READ_AHEAD);
    const read = reads.get(index);
    reads.delete(index);
    const given = options.firstPass?.[index];
    try {
      if (given && 'skipped' in given) {
        // The first pass recorded why it skipped the file: not read again.
        skipped.push({ file, reason: given.skipped });
      } else {
        const text = read ? await textOf(file, read) : skipByName(file);
        if (text === undefined) {
          // recorded as skipped; the first pass elsewhere could read it, so the trees differ
          if (given)
            throw new FirstPassMismatchError(
              `${file} was read when its facts were extracted but cannot be read now (${skipped[skipped.length - 1].reason}); ` +
                `scan the same tree, from the same folder, as the facts step`,
            );
        } else if (given && 'facts' in given) adopt(file, text, given);
        else if (!given && mayTalkToModel(text, configuredWrappers)) await analyse(file, text, 0);
        else {
          if (given) checkUnchanged(file, text, given.key);
          pending.push({ file, words: wordHashes(text) });
        }
      }
    } catch (e) {
      if (e instanceof FirstPassMismatchError) throw e;
      skipped.push(internalErrorSkip(file, e));
    }
    await tick(file);
  }

  options.onPhase?.(`${options.firstPass ? 'read' : 'read and pre-filter'} ${files.length} files, parse ${parsed}`);
  if (options.firstPassOnly)
    return {
      files: files.length,
      parsed,
      withoutModelUse: pending.map((p) => p.file),
      findings: [],
      skipped,
      facts,
      cancelled: false,
      texts,
    };
  // Second round: files that never name an SDK but call a wrapper defined in a candidate file.
  const tested = new Set<string>();
  for (let round = 0; round < WRAPPER_ROUNDS && pending.length; round++) {
    const before = parsed;
    const names = wrapperNamePattern(facts, tested);
    if (!names) break;
    const query = new WordQuery(names.words);
    admission.patterns.push(names.pattern.source);
    const next: typeof pending = [];
    for (const entry of pending) {
      if (cancelled()) return partial();
      if (!query.mayMatch(entry.words)) {
        next.push(entry);
        continue;
      }
      const text = await textOf(entry.file, host.readFile(entry.file));
      if (text === undefined) continue; // recorded as skipped
      if (names.pattern.test(text)) await analyse(entry.file, text, round + 1);
      else next.push(entry);
    }
    options.onPhase?.(`wrapper round ${round + 1}: ${parsed - before} more files parsed`);
    if (next.length === pending.length) break;
    pending = next;
  }
  if (cancelled()) return partial();
  const importedModules = importedModulesToParse(facts, files, new Set(pending.map((p) => p.file)));
  for (const file of importedModules) {
    if (cancelled()) return partial();
    const text = await textOf(file, host.readFile(file));
    if (text !== undefined) await analyse(file, text, IMPORTED_MODULES_ROUND);
  }
  const readAgain = new Set(importedModules);
  pending = pending.filter((p) => !readAgain.has(p.file));
  if (importedModules.length) options.onPhase?.(`imported modules: ${importedModules.length} more files parsed`);

  const analysis = await analyseScannedFacts(files, facts, texts, host, options);
  const findings = analysis.findings;
  admission.packages = analysis.packages;
  options.onPhase?.(`analysis of ${facts.size} files`);
  return {
    files: files.length,
    parsed,
    withoutModelUse: pending.map((p) => p.file),
    findings,
    skipped,
    facts,
    cancelled: false,
    texts,
    admission,
  };

  function checkUnchanged(file: string, text: string, key: string): void {
    if (factsCacheKey(file, text) !== key)
      throw new FirstPassMismatchError(`${file} changed since its facts were extracted; extract the facts again from the same tree`);
  }

  function adopt(file: string, text: string, given: { facts: FileFacts; key: string }): void {
    checkUnchanged(file, text, given.key);
    texts.set(file, text);
    facts.set(file, given.facts);
    admission.rounds.set(file, 0);
    admission.keys.set(file, given.key);
    parsed++;
  }

  async function analyse(file: string, text: string, round: number): Promise<void> {
    const key = factsCacheKey(file, text);
    const result = await analyseKeyed(file, text, key, host, options);
    if ('reason' in result) skipped.push(result);
    else {
      texts.set(file, text);
      facts.set(file, result);
      admission.rounds.set(file, round);
      admission.keys.set(file, key);
      parsed++;
    }
  }

  /** A read file's text, or undefined with the reason recorded (unreadable, binary, too large, minified, invalid notebook). */
  async function textOf(file: string, read: Promise<Uint8Array>): Promise<string | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await read;
    } catch (e) {
      skipped.push({ file, reason: unreadableReason(e) });
      return undefined;
    }
    const admitted = admitSource(file, bytes, options.config.maxFileBytes);
    if (admitted.ok) return admitted.text;
    skipped.push({ file, reason: admitted.reason });
    return undefined;
  }

  /** A file not read because of its name: undefined, with the reason recorded. */
  function skipByName(file: string): undefined {
    skipped.push({ file, reason: skipReasonByName(file)! });
    return undefined;
  }

  function partial(): ScanResult {
    return { files: files.length, parsed, withoutModelUse: [], findings: [], skipped, facts, cancelled: true, texts };
  }
}

/**
 * The package.json and tsconfig.json files beside the listed source files (a monorepo's packages
 * and path aliases): read through the host like any file; folders without them are not packages.
 */
/**
 * The workspace-wide analysis once every file's facts are in, the same for the scan on one thread
 * and on workers: the package each file belongs to, then the rules over all the files.
 */
export async function analyseScannedFacts(
  files: readonly string[],
  facts: Map<string, FileFacts>,
  texts: ReadonlyMap<string, string>,
  host: Pick<ScanHost, 'readFile' | 'listFolder'>,
  options: Pick<ScanOptions, 'config' | 'today'>,
): Promise<{ findings: Finding[]; packages: WorkspacePackage[] }> {
  const packages = await readWorkspacePackages(files, host);
  assignPackages(facts, packages);
  await withPromptFiles(facts, host);
  const findings = analyzeWorkspace({
    files: facts,
    lineText: lineReader(texts),
    config: options.config,
    today: options.today ?? todayIso(),
  });
  return { findings, packages };
}

export async function readWorkspacePackages(files: readonly string[], host: Pick<ScanHost, 'readFile'>): Promise<WorkspacePackage[]> {
  const out: WorkspacePackage[] = [];
  const decoder = new TextDecoder();
  await Promise.all(
    packageManifestCandidates(files).map(async (root) => {
      const manifests: Record<string, string> = {};
      for (const name of PACKAGE_FILES) {
        try {
          manifests[name] = decoder.decode(await host.readFile(manifestPath(root, name)));
        } catch {
          // not in that folder
        }
      }
      const pkg = packageOfFolder(root, manifests);
      if (pkg) out.push(pkg);
    }),
  );
  return out.sort((a, b) => a.root.localeCompare(b.root));
}

/**
 * Lets pending I/O and messages run. `setImmediate` where there is one: `setTimeout(0)` waits at
 * least a millisecond, which added seconds of idle time to a 20,000-file scan.
 */
const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** Why a file that could not be read was skipped (`unreadable: ENOENT`). */
export function unreadableReason(error: unknown): string {
  return `unreadable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
}

/** Rounds of wrapper following: each one reaches one more level of wrappers of wrappers. */
export const WRAPPER_ROUNDS = 3;
/** The pass after the wrapper rounds that parses modules parsed files import prompts or clients from. */
export const IMPORTED_MODULES_ROUND = WRAPPER_ROUNDS + 1;

const GENERIC_FUNCTION_NAMES = /^(get|run|main|call|init|__init__|constructor|handler|default)$/;

export interface WrapperNames {
  pattern: RegExp;
  /** The words each alternative of the pattern needs (for WordQuery over files' word hashes). */
  words: string[][];
}

/** A base class imported from a model SDK (`import { ToolLoopAgent } from 'ai'`). */
function extendsSdkClass(facts: FileFacts, base: string): boolean {
  const imported = facts.imports.find((i) => i.localName === base);
  return !!imported && !!sdkForModule(imported.source);
}

/**
 * Names of the workspace functions that reach a provider call (directly or through other
 * wrappers), as a word regex: a file that mentions one may call it and must be parsed.
 * Only functions that really reach a call count; a name every module defines would send
 * the whole tree to the parser. Names in `tested` are left out (and the new ones added to
 * it): files that did not mention them in an earlier round still do not, so each round only
 * looks for the wrappers the previous round found.
 */
export function wrapperNamePattern(facts: Map<string, FileFacts>, tested = new Set<string>()): WrapperNames | undefined {
  const names = new Set<string>();
  // A default export is imported under any name (`import callModel from "./groqClient"`): its
  // importers name the module, not the function, so the module's stem counts next to an import.
  const stems = new Set<string>();
  // A script whose module-level code runs a wrapper (`if __name__ == "__main__": main()`) is run
  // by a launcher that names its file (`subprocess.run(["python", "generate.py", …])`).
  const scripts = new Set<string>();
  // An API route whose handler reaches a model (`app/api/parse/route.ts`) is requested by path
  // (`fetch("http://localhost:3000/api/parse")`) from scripts that name nothing else.
  const routes = new Set<string>();
  for (const { file, fn } of new WorkspaceIndex(facts).wrappers()) {
    names.add(fn.name);
    const route = routeOfFile(file);
    if (route && !tested.has(`route:${route}`)) routes.add(route);
    const stem = /([\w$-]+)\.[cm]?[jt]sx?$/.exec(file)?.[1];
    if (fn.defaultExport && stem && stem !== 'index' && !tested.has(`module:${stem}`)) stems.add(stem);
    const script = /([\w-]+)\.(?:py|[cm]?[jt]s)$/.exec(file)?.[1];
    const runs = facts.get(file)?.localCalls.some((c) => !c.enclosingFunction && c.name === fn.name);
    if (script && runs && !tested.has(`script:${script}`)) scripts.add(script);
  }
  // Tables of those functions (`registered_completions[kind](…)`) and functions returning them
  // (`get_api_function(p)(…)`): their users name the table or the factory, never the wrapper.
  const reaches = (members: { name: string }[]) => members.some((m) => names.has(m.name.split('.').pop()!));
  for (const fileFacts of facts.values()) {
    for (const [table, members] of Object.entries(fileFacts.functionTables ?? {})) if (reaches(members)) names.add(table);
    for (const fn of fileFacts.functions) if (fn.returnsFunctions && reaches(fn.returnsFunctions)) names.add(fn.name);
    // `class ResearchAgent extends ToolLoopAgent`: files typed with the class call the SDK through it.
    for (const cls of fileFacts.classes ?? []) if (cls.bases.some((b) => extendsSdkClass(fileFacts, b))) names.add(cls.name);
  }
  const list = [...names].filter((n) => n.length >= 3 && !GENERIC_FUNCTION_NAMES.test(n) && !tested.has(n)).sort();
  // Module-level clients other files import (`from .clients import client`): names like
  // `client` are everywhere, so they only count next to an import. A class field's client
  // (`BaseEvaluator.model`) is reached by importing the class.
  const clients = [...new Set([...facts.values()].flatMap((f) => (f.exportedClients ?? []).map((c) => c.name.split('.')[0])))]
    .filter((n) => !tested.has(`client:${n}`))
    .sort();
  for (const n of list) tested.add(n);
  for (const n of clients) tested.add(`client:${n}`);
  const modules = [...stems].sort();
  for (const n of modules) tested.add(`module:${n}`);
  const launched = [...scripts].sort();
  for (const n of launched) tested.add(`script:${n}`);
  const routePaths = [...routes].sort();
  for (const r of routePaths) tested.add(`route:${r}`);
  const parts = list.length ? [`\\b${wordTrieSource(list)}\\b`] : [];
  const launchedSource = launched.map(escapeRegExp).join('|');
  if (launched.length) parts.push(`\\b(?:${launchedSource})\\.(?:py|[cm]?[jt]s)\\b|-m\\W+[\\w.]*\\b(?:${launchedSource})\\b`);
  if (clients.length) parts.push(`\\b(?:import|require)\\b[\\s\\S]{0,300}?\\b(?:${clients.map(escapeRegExp).join('|')})\\b`);
  if (modules.length)
    // A path of the workspace (`./groqClient`, `../lib/groqClient.js`, `@/lib/groqClient`), not a
    // package whose last segment is the same word (`@ai-sdk/provider` beside a `provider.ts`).
    parts.push(
      `\\b(?:from|require)\\b\\s*\\(?\\s*['"](?:\\.{1,2}|@|~)/(?:[^'"]*/)?` +
        `(?:${modules.map(escapeRegExp).join('|')})(?:\\.[cm]?[jt]sx?)?['"]`,
    );
  if (routePaths.length) parts.push(`(?:${routePaths.map(escapeRegExp).join('|')})(?![\\w-])`);
  if (!parts.length) return undefined;
  const wordsOf = (name: string) => name.match(/\w+/g) ?? [];
  const words = [
    ...list.map(wordsOf),
    ...clients.flatMap((c) => [
      ['import', ...wordsOf(c)],
      ['require', ...wordsOf(c)],
    ]),
    ...modules.flatMap((m) => [
      ['from', ...wordsOf(m)],
      ['require', ...wordsOf(m)],
    ]),
    ...launched.map(wordsOf),
    ...routePaths.map(wordsOf),
  ];
  return { pattern: new RegExp(parts.join('|')), words };
}

/**
 * Parses one file and extracts its facts; never throws. A file the tool cannot analyse is skipped
 * with its reason; an exception no check expected is skipped as an internal error (a bug to report).
 */
export async function analyseOne(
  file: string,
  text: string,
  host: Pick<ScanHost, 'readWasm'>,
  options: Pick<ScanOptions, 'cache' | 'parseBudgetMs' | 'plantedBugs'>,
): Promise<FileFacts | SkippedFile> {
  return analyseKeyed(file, text, factsCacheKey(file, text), host, options);
}

/** analyseOne for a text whose facts cache key is known. */
async function analyseKeyed(
  file: string,
  text: string,
  key: string,
  host: Pick<ScanHost, 'readWasm'>,
  options: Pick<ScanOptions, 'cache' | 'parseBudgetMs' | 'plantedBugs'>,
): Promise<FileFacts | SkippedFile> {
  const cached = options.cache?.get(key);
  if (cached) return cached;
  const depth = maxBracketDepth(text);
  if (depth > MAX_NESTING) return { file, reason: `too deeply nested to analyse (more than ${MAX_NESTING} levels of brackets)` };
  try {
    if (options.plantedBugs?.includes(file)) throw new Error(`a bug planted for a test (PPR_TEST_PLANTED_BUGS) in ${file}`);
    let facts: FileFacts;
    if (isNotebookFile(file)) {
      const doc = notebookToDocument(text);
      facts = await factsOf(file, 'python', doc.text, host, options.parseBudgetMs);
      facts = remapNotebookFacts(facts, doc);
    } else {
      const language = languageForFile(file);
      if (!language) return { file, reason: 'unsupported file type' };
      facts = await factsOf(file, language, text, host, options.parseBudgetMs);
    }
    options.cache?.set(key, facts);
    return facts;
  } catch (e) {
    if (e instanceof NotebookError) return { file, reason: e.message };
    if (e instanceof ParseTimeoutError) return { file, reason: `parse time budget exceeded: ${e.message}` };
    if (isStackOverflow(e)) return { file, reason: 'too deeply nested to analyse' };
    return internalErrorSkip(file, e);
  }
}

/** Skip reasons that start with this are bugs in the tool, not properties of the file. */
export const INTERNAL_ERROR_PREFIX = 'internal error: ';

/** A file that hit a bug: still accounted for, and told apart from an honest skip. */
export function internalErrorSkip(file: string, error: unknown): SkippedFile {
  return { file, reason: `${INTERNAL_ERROR_PREFIX}${error instanceof Error ? error.message : String(error)}` };
}

export function isInternalError(skip: SkippedFile): boolean {
  return skip.reason.startsWith(INTERNAL_ERROR_PREFIX);
}

/** Deep recursion in the extractor on a tree the nesting check let through; any other RangeError is a bug. */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

async function factsOf(
  file: string,
  language: Parameters<typeof parseSyntax>[0],
  text: string,
  host: Pick<ScanHost, 'readWasm'>,
  budget?: number,
): Promise<FileFacts> {
  return extractFacts(file, language, await parseSyntax(language, text, host.readWasm, budget), text);
}

/**
 * Reads lines of the texts by file, as `lineAt` does, through a table of line starts built once
 * per file: the analysis reads whole functions line by line, and counting lines from the top of
 * the file for each one was a tenth of a large monorepo's analysis.
 */
export function lineReader(texts: ReadonlyMap<string, string>): (file: string, line: number) => string {
  const starts = new Map<string, number[]>();
  return (file, line) => {
    const text = texts.get(file) ?? '';
    let table = starts.get(file);
    if (!table) {
      table = [0];
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) table.push(at + 1);
      starts.set(file, table);
    }
    // lineAt's loop: line 0 for a negative line, the next whole line for a fraction.
    const index = line > 0 ? Math.ceil(line) : 0;
    if (index >= table.length) return '';
    const end = text.indexOf('\n', table[index]);
    return text.slice(table[index], end < 0 ? undefined : end);
  };
}

export function lineAt(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

/**
 * SHA-256 of the text: a cache key must not collide. Both hosts run the engine on Node (the CLI,
 * and the editor's extension host, desktop or remote), where node:crypto is native and fast.
 */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
