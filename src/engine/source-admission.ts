// Which listed files become text for the engine, and why the others do not: every file that is
// not read is skipped with a reason it can state (its name, size, bytes, or notebook JSON), so a
// file never drops out of a scan's result unaccounted for, whether or not it names a model API.
import { decodeSource } from './decode';
import { isNotebookFile } from './parse/languages';
import { NotebookError, notebookToDocument } from './parse/notebook';

export type Admission = { ok: true; text: string } | { ok: false; reason: string };

/** Bundles named as such hold nothing reviewable; skipped by name, without reading megabytes. */
const MINIFIED_NAME = /\.min\.[cm]?js$/i;

/** The reason to skip a file from its name alone, before reading it. */
export function skipReasonByName(file: string): string | undefined {
  return MINIFIED_NAME.test(file) ? 'minified or generated code (named *.min.js)' : undefined;
}

/**
 * A read file's text, or the reason it is skipped. A notebook's JSON is checked here, before
 * the pre-filter: a truncated notebook that names no SDK would otherwise pass as one that
 * simply does not talk to a model.
 */
export function admitSource(file: string, bytes: Uint8Array, maxBytes: number): Admission {
  const decoded = decodeSource(bytes, { maxBytes });
  if (!decoded.ok) return decoded;
  if (isNotebookFile(file)) {
    try {
      notebookToDocument(decoded.text);
    } catch (e) {
      if (e instanceof NotebookError) return { ok: false, reason: e.message };
      throw e;
    }
  }
  return { ok: true, text: decoded.text };
}
