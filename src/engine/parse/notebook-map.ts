// Moves every position in a notebook's facts from the virtual document to the raw .ipynb
// line of the same code, and keeps the cell map so the editor can land on the cell.
import type { FileFacts } from '../types';
import type { NotebookDocument } from './notebook';

export interface NotebookLineMap {
  /** Virtual line → cell index and line inside the cell. */
  cells: { cell: number; line: number }[];
  /** Raw .ipynb line where each cell's source begins, or -1. */
  cellRawLines: number[];
}

export function rawLineOf(map: NotebookLineMap, virtualLine: number): number {
  const at = map.cells[Math.min(virtualLine, map.cells.length - 1)];
  if (!at) return virtualLine;
  const start = map.cellRawLines[at.cell];
  return start >= 0 ? start + at.line : virtualLine;
}

export function remapNotebookFacts(facts: FileFacts, doc: NotebookDocument): FileFacts {
  const map: NotebookLineMap = { cells: doc.lines, cellRawLines: doc.cellRawLines };
  const seen = new WeakSet<object>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const v = value as Record<string, unknown>;
    if (typeof v.startLine === 'number' && typeof v.endLine === 'number' && typeof v.startColumn === 'number') {
      const start = v.startLine;
      v.startLine = rawLineOf(map, start);
      // Columns inside a JSON string shift by the indentation and the opening quote.
      v.endLine = rawLineOf(map, v.endLine as number);
      return;
    }
    for (const child of Object.values(v)) visit(child);
  };
  visit(facts);
  return { ...facts, notebook: map };
}
