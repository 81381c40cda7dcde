// The part of a file's facts that decides which other files a scan parses. The wrapper rounds
// parse the files that mention the names of workspace functions reaching a provider call, and the
// imported-modules pass the modules parsed files import prompts or hand clients to: both read a
// file's functions, calls, call sites, imports, classes and clients, and compare positions only
// with one another inside the file (is this call inside that function?). So two versions of a file
// whose facts agree on those fields, with positions renumbered in order, send the same files to the
// parser: an edit that moves code down a few lines or changes a prompt leaves the rest of the scan
// as it was, and only the analysis runs again.
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
  'controlLoops',
  'mocksProviders',
  'notebook',
  // set by the scan after the rounds, from the package manifests
  'package',
]);
/** Fields of call sites and calls the linking only copies into what it builds. */
const COPIED_FIELDS = new Set<string>(['repetition', 'prompt', 'model', 'modelDynamic']);
const LINE_FIELDS = new Set<string>(['startLine', 'endLine', 'line', 'appliesToLine']);
const COLUMN_FIELDS = new Set<string>(['startColumn', 'endColumn']);

/**
 * A string that is equal for two versions of a file's facts when the rounds of a scan would treat
 * them alike: the linked fields, with line and column numbers replaced by their rank among the
 * file's own (the linking compares them only with one another).
 */
export function linkView(facts: FileFacts): string {
  const lines = new Set<number>();
  const columns = new Set<number>();
  const collect = (value: unknown, key: string | undefined, top: boolean): void => {
    if (typeof value === 'number') {
      if (key !== undefined && LINE_FIELDS.has(key)) lines.add(value);
      else if (key !== undefined && COLUMN_FIELDS.has(key)) columns.add(value);
      return;
    }
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) collect(item, undefined, false);
      return;
    }
    for (const [k, v] of Object.entries(value)) if (!skipped(k, top)) collect(v, k, false);
  };
  collect(facts, undefined, true);
  const rank = (values: Set<number>) => new Map([...values].sort((a, b) => a - b).map((v, i) => [v, i]));
  const lineRank = rank(lines);
  const columnRank = rank(columns);
  const copy = (value: unknown, key: string | undefined, top: boolean): unknown => {
    if (typeof value === 'number') {
      if (key !== undefined && LINE_FIELDS.has(key)) return lineRank.get(value);
      if (key !== undefined && COLUMN_FIELDS.has(key)) return columnRank.get(value);
      return value;
    }
    if (!value || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => copy(item, undefined, false));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!skipped(k, top)) out[k] = copy(v, k, false);
    return out;
  };
  return JSON.stringify(copy(facts, undefined, true));
}

function skipped(key: string, top: boolean): boolean {
  return (top && UNLINKED_FIELDS.has(key)) || COPIED_FIELDS.has(key);
}
