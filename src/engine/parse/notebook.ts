// Jupyter notebooks: code cells joined into one virtual Python document, with a line map back
// to each cell and to the raw .ipynb, so findings land on the right cell and line.

export interface NotebookDocument {
  text: string;
  /** For each virtual line: the cell index and the line inside that cell. */
  lines: { cell: number; line: number }[];
  /** For each cell: the raw file's line where its source starts (best effort), or -1. */
  cellRawLines: number[];
  language: 'python';
}

export class NotebookError extends Error {}

export function notebookToDocument(raw: string): NotebookDocument {
  let nb: unknown;
  try {
    nb = JSON.parse(raw);
  } catch (e) {
    throw new NotebookError(`invalid notebook JSON: ${(e as Error).message}`);
  }
  const cells = (nb as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) throw new NotebookError('invalid notebook: no "cells" array');
  const kernelLanguage = String(
    (nb as { metadata?: { kernelspec?: { language?: string }; language_info?: { name?: string } } }).metadata?.language_info?.name ??
      (nb as { metadata?: { kernelspec?: { language?: string } } }).metadata?.kernelspec?.language ??
      'python',
  ).toLowerCase();
  if (kernelLanguage !== 'python') throw new NotebookError(`notebook language "${kernelLanguage}" is not supported`);
  const out: string[] = [];
  const lines: { cell: number; line: number }[] = [];
  const rawLines = raw.split('\n');
  const cellRawLines: number[] = [];
  let searchFrom = 0;
  cells.forEach((cell: { cell_type?: string; source?: string | string[] }, index: number) => {
    // Every cell has a "source" key, in order: find this cell's, so markdown cells that quote
    // code cannot be mistaken for the code cell.
    const sourceLine = findSourceKey(rawLines, searchFrom);
    if (sourceLine >= 0) searchFrom = sourceLine + 1;
    if (cell?.cell_type !== 'code') {
      cellRawLines.push(-1);
      return;
    }
    const source = Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? '');
    // IPython magics and shell escapes are not Python: blank them, keeping line numbers.
    const cellLines = source.split('\n').map((l) => (/^\s*[%!]/.test(l) ? '' : l));
    cellRawLines.push(sourceLine < 0 ? -1 : sourceStartLine(rawLines, sourceLine, Array.isArray(cell.source)));
    cellLines.forEach((line, i) => {
      out.push(line);
      lines.push({ cell: index, line: i });
    });
  });
  return { text: out.join('\n'), lines, cellRawLines, language: 'python' };
}

/** The raw line of the next `"source":` key at or after `from`, or -1. */
function findSourceKey(rawLines: string[], from: number): number {
  for (let i = from; i < rawLines.length; i++) if (/^\s*"source"\s*:/.test(rawLines[i])) return i;
  return -1;
}

/**
 * Where a cell's first source line sits in the raw file: on the line after `"source": [` when
 * the source is a list of lines (what Jupyter writes), else on the key's own line.
 */
function sourceStartLine(rawLines: string[], keyLine: number, isList: boolean): number {
  if (!isList) return keyLine;
  return /\[\s*$/.test(rawLines[keyLine]) ? keyLine + 1 : keyLine;
}
