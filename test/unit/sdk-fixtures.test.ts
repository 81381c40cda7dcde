// Walks test/fixtures/sdk/<surface>/: each folder is scanned as its own workspace and its call
// inventory is compared with the marks in its files:
//   `# call: <provider>` / `// call: <provider>`   the next code line holds a provider call
//   `# wrapper-call: <provider>`                      … reached through a workspace wrapper
//   `# nocall`                                        the next code line is a look-alike trap
// Every reported call site must be marked, so unmarked false calls fail too. Per-surface counts
// (expected, found, missing, wrong provider, false) are printed for the report.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildInventory, type InventoryEntry } from '../../src/engine/report/inventory';
import { repoPath, scanFolder } from './support/scan';
import { checkFixtureMarks, groupBy } from './support/fixture-runner';

const FIXTURES = repoPath('test', 'fixtures', 'sdk');
const MARK = /(?:#|\/\/|\/\*|\{\/\*)\s*(call|wrapper-call|nocall)\b(?:\s*:\s*([\w-]+))?/;

interface SdkMark {
  file: string;
  line: number;
  kind: 'call' | 'wrapper-call' | 'nocall';
  provider?: string;
}

/** Marks in a fixture file; lines are 1-based like the inventory's. Notebook marks live in cell source strings. */
export function readSdkMarks(fullPath: string, relative: string): SdkMark[] {
  const lines = readFileSync(fullPath, 'utf8').split('\n');
  const marks: SdkMark[] = [];
  lines.forEach((text, i) => {
    const m = MARK.exec(text);
    if (!m) return;
    const target = nextCodeLine(lines, i);
    marks.push({ file: relative, line: target + 1, kind: m[1] as SdkMark['kind'], provider: m[2] });
  });
  return marks;
}

function isMarkOrBlank(text: string): boolean {
  const t = text
    .trim()
    .replace(/^"|",?$/g, '')
    .replace(/\\n$/, '')
    .trim();
  return !t || (MARK.test(t) && /^(#|\/\/|\/\*|\{\/\*)/.test(t));
}

function nextCodeLine(lines: string[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) if (!isMarkOrBlank(lines[i])) return i;
  return from + 1;
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out;
}

export interface SurfaceResult {
  surface: string;
  expected: number;
  found: number;
  traps: number;
  missing: string[];
  wrongProvider: string[];
  notViaWrapper: string[];
  falseCalls: string[];
}

export async function checkSurface(surface: string): Promise<SurfaceResult> {
  const dir = path.join(FIXTURES, surface);
  const marks = listFiles(dir).flatMap((f) => readSdkMarks(path.join(dir, f), f));
  const scan = await scanFolder(dir);
  const inventory = buildInventory({ root: surface, files: scan.files, parsed: scan.parsed, facts: scan.facts, skipped: scan.skipped });
  const keyOf = (m: SdkMark) => `${m.file}:${m.line}`;
  const checked = checkFixtureMarks(
    marks.map((m) => ({ key: keyOf(m), expect: m.kind === 'nocall' ? ('silent' as const) : ('reported' as const) })),
    groupBy(inventory.callSites, (c: InventoryEntry) => `${c.file}:${c.line}`),
    (entries) => entries.map((e) => `${e.provider} ${e.callee}`).join(', '),
  );
  const expected = marks.filter((m) => m.kind !== 'nocall');
  const result: SurfaceResult = {
    surface,
    expected: expected.length,
    found: 0,
    traps: marks.length - expected.length,
    missing: checked.missing.map((key) => `${key} expected ${expected.find((m) => keyOf(m) === key)?.provider}`),
    wrongProvider: [],
    notViaWrapper: [],
    falseCalls: checked.noisy,
  };
  // Found calls must also have the marked provider, and wrapper calls must come through a wrapper.
  for (const mark of expected) {
    const entries = checked.validated.get(keyOf(mark));
    if (!entries) continue;
    const match = entries.find((e) => e.provider === mark.provider);
    if (!match) {
      result.wrongProvider.push(`${keyOf(mark)} expected ${mark.provider}, got ${entries.map((e) => e.provider).join('/')}`);
      continue;
    }
    if (mark.kind === 'wrapper-call' && !match.viaWrapper) result.notViaWrapper.push(keyOf(mark));
    result.found++;
  }
  return result;
}

describe('SDK call-site fixtures', function () {
  this.timeout(120000);
  const surfaces = readdirSync(FIXTURES)
    .filter((d) => statSync(path.join(FIXTURES, d)).isDirectory())
    .sort();
  const results: SurfaceResult[] = [];

  for (const surface of surfaces) {
    it(`${surface}: every marked call is found with its provider, and nothing else is`, async () => {
      const r = await checkSurface(surface);
      results.push(r);
      assert.ok(r.expected + r.traps > 0, `${surface} has no "call:" or "nocall" marks`);
      assert.deepEqual(
        { missing: r.missing, wrongProvider: r.wrongProvider, notViaWrapper: r.notViaWrapper, falseCalls: r.falseCalls },
        { missing: [], wrongProvider: [], notViaWrapper: [], falseCalls: [] },
      );
    });
  }

  after(() => {
    if (!process.env.PPR_SDK_SUMMARY) return;
    for (const r of results)
      console.log(
        `  ${r.surface.padEnd(22)} expected ${String(r.expected).padStart(3)}  found ${String(r.found).padStart(3)}  ` +
          `traps ${String(r.traps).padStart(3)}  false ${r.falseCalls.length}`,
      );
    const expected = results.reduce((a, r) => a + r.expected, 0);
    const found = results.reduce((a, r) => a + r.found, 0);
    console.log(`  total: ${found}/${expected} found, ${results.reduce((a, r) => a + r.falseCalls.length, 0)} false`);
  });
});
