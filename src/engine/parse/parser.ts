// Loads web-tree-sitter and the grammars once, lazily, from bytes the host supplies
// (so the same code runs in Node, the extension host and a browser build).
import { Parser, Language as TsLanguage, type Tree } from 'web-tree-sitter';
import type { Language } from '../types';
import { GRAMMAR_FILES, RUNTIME_WASM } from './languages';
import { SyntaxTree, useCursorModule } from './syntax-tree';

/** Reads a bundled .wasm file by name; implemented by each host. */
export type WasmReader = (name: string) => Promise<Uint8Array>;

export class ParseTimeoutError extends Error {}

let runtimeReady: Promise<void> | undefined;
const grammars = new Map<Language, Promise<TsLanguage>>();
const parsers = new Map<Language, Parser>();

function initRuntime(readWasm: WasmReader): Promise<void> {
  runtimeReady ??= readWasm(RUNTIME_WASM).then(async (wasmBinary) => {
    // Emscripten fills in the options object it is given and uses it as the module: keeping it
    // lets the tree copy call the cursor functions without web-tree-sitter's per-call marshalling.
    const moduleOptions = { wasmBinary, locateFile: (name: string) => name };
    await Parser.init(moduleOptions);
    useCursorModule(moduleOptions);
  });
  return runtimeReady;
}

async function loadGrammar(language: Language, readWasm: WasmReader): Promise<TsLanguage> {
  await initRuntime(readWasm);
  let grammar = grammars.get(language);
  if (!grammar) {
    grammar = readWasm(GRAMMAR_FILES[language]).then((bytes) => TsLanguage.load(bytes));
    grammars.set(language, grammar);
    // A failed load must not stick: the next request retries.
    grammar.catch(() => grammars.delete(language));
  }
  return grammar;
}

/** A parser per language, created on first use and reused for every file. */
export async function parserFor(language: Language, readWasm: WasmReader): Promise<Parser> {
  const existing = parsers.get(language);
  if (existing) return existing;
  const grammar = await loadGrammar(language, readWasm);
  const parser = parsers.get(language) ?? new Parser();
  parser.setLanguage(grammar);
  parsers.set(language, parser);
  return parser;
}

/**
 * Parses `text`; throws ParseTimeoutError when parsing exceeds `budgetMs`, so one pathological
 * file cannot stall a scan. The caller owns the tree and must `delete()` it.
 */
export async function parseText(language: Language, text: string, readWasm: WasmReader, budgetMs = 5000): Promise<Tree> {
  const parser = await parserFor(language, readWasm);
  const deadline = Date.now() + budgetMs;
  parser.reset();
  const tree = parser.parse(text, null, { progressCallback: () => Date.now() > deadline });
  if (!tree) {
    parser.reset();
    throw new ParseTimeoutError(`parsing took longer than ${budgetMs} ms`);
  }
  return tree;
}

/** Parses `text` into a JavaScript copy of the tree (the wasm tree is freed before this returns). */
export async function parseSyntax(language: Language, text: string, readWasm: WasmReader, budgetMs?: number): Promise<SyntaxTree> {
  const tree = await parseText(language, text, readWasm, budgetMs);
  try {
    return new SyntaxTree(tree, text);
  } finally {
    tree.delete();
  }
}
