// The part of a file's facts that decides which other files a scan parses. The wrapper rounds
// parse the files that mention the names of workspace functions reaching a provider call, and the
// imported-modules pass the modules parsed files import prompts or hand clients to: both read a
// file's functions, calls, call sites, imports, classes and clients, and compare positions only
// with one another inside the file (is this call inside that function?). So two versions of a file
// whose facts agree on those fields, with positions renumbered in order, send the same files to the
// parser: an edit that moves code down a few lines or changes a prompt leaves the rest of the scan
// as it was, and only the analysis runs again. A field not named here is compared as it is, so a
// new kind of fact can only make two versions differ (and the scan run in full), never hide a change.
import type { FileFacts } from './types';

/** Fields neither the wrapper rounds nor the imported-modules pass read. */
const UNLINKED_FIELDS = new Set<string>([
  'sinks',
  'training',
  'credentials',
  'retries',
  'promptFeatures',
  'annotations',
  'suppressions',
  'hasSyntaxErrors',
  'isTestFile',
  'hasRequestHandlers',
  'dataFiles',
  'dataFolders',
  'controlLoops',
  'mocksProviders',
  'notebook',
  // set by the scan after the rounds, from the package manifests
  'package',
]);
/** Fields of call sites and calls the linking only copies into what it builds. */
const COPIED_FIELDS = new Set<string>(['repetition', 'prompt', 'model', 'modelDynamic']);
const LINE_FIELDS = new Set<string>(['startLine', 'endLine', 'line', 'appliesToLine']);
/** Columns, each with the line field it goes with. */
const COLUMN_OF = new Map<string, string>([
  ['startColumn', 'startLine'],
  ['endColumn', 'endLine'],
]);
/** Fields naming a place as "line:column" (a conditional chain's head): compared only for identity. */
const PLACE_FIELDS = new Set<string>(['branch']);
const PLACE = /^(\d+):(\d+)$/;

/**
 * A string that is equal for two versions of a file's facts when the rounds of a scan would treat
 * them alike: the linked fields, with each line number replaced by its rank among the file's lines
 * (the linking compares lines: is this call inside that function?) and each column by its rank
 * among the columns on its line (columns only tell places apart), so code that moves down, or a
 * token that grows, leaves the view as it was.
 */
export function linkView(facts: FileFacts): string {
  const lines = new Set<number>();
  const columns = new Map<number, Set<number>>();
  const place = (line: number, column: number) => {
    lines.add(line);
    let onLine = columns.get(line);
    if (!onLine) columns.set(line, (onLine = new Set()));
    onLine.add(column);
  };
  const collect = (value: unknown, key: string | undefined, top: boolean): void => {
    const at = placeOf(value, key);
    if (at) {
      place(at[0], at[1]);
      return;
    }
    if (typeof value === 'number') {
      if (key !== undefined && LINE_FIELDS.has(key)) lines.add(value);
      return;
    }
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) collect(item, undefined, false);
      return;
    }
    const record = value as Record<string, unknown>;
    for (const [column, line] of COLUMN_OF)
      if (typeof record[column] === 'number' && typeof record[line] === 'number') place(record[line] as number, record[column] as number);
    for (const [k, v] of Object.entries(record)) if (!skipped(k, top)) collect(v, k, false);
  };
  collect(facts, undefined, true);
  const lineRank = new Map([...lines].sort((a, b) => a - b).map((v, i) => [v, i]));
  const columnRank = new Map([...columns].map(([line, cols]) => [line, new Map([...cols].sort((a, b) => a - b).map((v, i) => [v, i]))]));
  const copy = (value: unknown, key: string | undefined, top: boolean, holder?: Record<string, unknown>): unknown => {
    const at = placeOf(value, key);
    if (at) return `${lineRank.get(at[0])}:${columnRank.get(at[0])?.get(at[1])}`;
    if (typeof value === 'number' && key !== undefined) {
      if (LINE_FIELDS.has(key)) return lineRank.get(value);
      const lineField = COLUMN_OF.get(key);
      const line = lineField && holder?.[lineField];
      if (typeof line === 'number') return columnRank.get(line)?.get(value);
      return value;
    }
    if (!value || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => copy(item, undefined, false));
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) if (!skipped(k, top)) out[k] = copy(v, k, false, record);
    return out;
  };
  return JSON.stringify(copy(facts, undefined, true));
}

function placeOf(value: unknown, key: string | undefined): [number, number] | undefined {
  if (key === undefined || !PLACE_FIELDS.has(key) || typeof value !== 'string') return undefined;
  const m = PLACE.exec(value);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function skipped(key: string, top: boolean): boolean {
  return (top && UNLINKED_FIELDS.has(key)) || COPIED_FIELDS.has(key);
}
