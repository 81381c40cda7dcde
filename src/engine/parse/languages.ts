// Maps file names and VS Code language ids to the grammars the engine parses with.
import type { Language } from '../types';

const BY_EXTENSION: Record<string, Language> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
};

const BY_LANGUAGE_ID: Record<string, Language> = {
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  javascript: 'javascript',
  javascriptreact: 'javascript',
};

/** Grammar file for each language; JSX parses with the JavaScript grammar, which includes it. */
export const GRAMMAR_FILES: Record<Language, string> = {
  python: 'tree-sitter-python.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
};

export const RUNTIME_WASM = 'web-tree-sitter.wasm';

function extensionOf(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const dot = file.lastIndexOf('.');
  return dot > slash ? file.slice(dot).toLowerCase() : '';
}

export function languageForFile(file: string): Language | undefined {
  return BY_EXTENSION[extensionOf(file)];
}

export function isNotebookFile(file: string): boolean {
  return extensionOf(file) === '.ipynb';
}

/** Files the engine reads: source files of the supported languages and Jupyter notebooks. */
export function isAnalysableFile(file: string): boolean {
  return languageForFile(file) !== undefined || isNotebookFile(file);
}

/** The editor language ids the engine analyses (for document selectors). */
export const EDITOR_LANGUAGE_IDS: readonly string[] = Object.keys(BY_LANGUAGE_ID);

export function languageForId(languageId: string): Language | undefined {
  return BY_LANGUAGE_ID[languageId];
}
