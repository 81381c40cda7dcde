// Property-based fuzzing over the rule fixtures and examples: mutated sources never make the
// engine fail (an internal error is a failure, though analyseOne reports it as a skipped file)
// or stall, and line endings or equivalent whitespace never change the findings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { analyseOne, isInternalError, scanFiles, type ScanHost } from '../../src/engine/scan';
import { assertNoInternalErrors } from './support/accounting';
import { defaultConfig } from '../../src/engine/config';
import { createNodeHost } from '../../src/host/node-host';
import { listSourceFiles } from '../../src/host/node-files';
import { repoPath } from './support/scan';

const RUNS = Number(process.env.PPR_FUZZ_RUNS ?? 150);
const CASE_BUDGET_MS = 3000;
const host = createNodeHost(repoPath());

interface Corpus {
  folder: string;
  files: Map<string, string>;
}

async function loadCorpora(): Promise<Corpus[]> {
  const roots = [repoPath('examples'), ...(await listDirs(repoPath('test', 'fixtures', 'rules')))];
  const out: Corpus[] = [];
  for (const folder of roots) {
    const files = new Map<string, string>();
    for (const f of await listSourceFiles(folder, { include: [], exclude: [] })) files.set(f, readFileSync(path.join(folder, f), 'utf8'));
    if (files.size) out.push({ folder, files });
  }
  return out;
}

async function listDirs(dir: string): Promise<string[]> {
  const { readdirSync, statSync } = await import('node:fs');
  return readdirSync(dir)
    .map((d) => path.join(dir, d))
    .filter((d) => statSync(d).isDirectory());
}

function memoryHost(files: Map<string, string>): ScanHost {
  return { readFile: async (f) => new TextEncoder().encode(files.get(f) ?? ''), readWasm: host.readWasm };
}

async function findingsOf(files: Map<string, string>): Promise<string[]> {
  const result = await scanFiles([...files.keys()], memoryHost(files), { config: defaultConfig(), today: '2026-11-25' });
  assertNoInternalErrors(result.skipped);
  return result.findings.map((f) => `${f.ruleId}@${f.file}:${f.range.startLine}:${f.severity}`).sort();
}

/** A mutation: delete a slice, insert noise, duplicate or drop a line, or truncate. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 80 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({ unit: fc.constantFrom(...'(){}[]"\'`#/*\\\n\t :=,.;xy0$'.split('')), maxLength: 24 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function applyMutation(text: string, m: Mutation): string {
  const at = text.length ? m.at % text.length : 0;
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    case 'duplicate-line': {
      const lines = text.split('\n');
      const i = lines.length ? m.at % lines.length : 0;
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
  }
}

describe('fuzzing', function () {
  this.timeout(300_000);
  let corpora: Corpus[] = [];
  let cases = 0;
  before(async () => {
    corpora = await loadCorpora();
  });
  after(() => console.log(`      fuzz: ${cases} cases over ${corpora.length} corpora`));

  it('mutated sources never hit an internal error and stay within the time budget', async () => {
    const sources = corpora.flatMap((c) => [...c.files.entries()]);
    assert.ok(sources.length >= 5, 'fuzzing needs fixtures');
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: sources.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (index, mutations) => {
          const [file, text] = sources[index];
          const mutated = mutations.reduce(applyMutation, text);
          const started = Date.now();
          const result = await analyseOne(file, mutated, host, {});
          cases++;
          if ('reason' in result) assert.ok(!isInternalError(result) && result.reason.length > 0, `${file}: ${result.reason}`);
          else assert.ok(Array.isArray(result.callSites));
          assert.ok(Date.now() - started < CASE_BUDGET_MS, `${file} took ${Date.now() - started} ms`);
        },
      ),
      { numRuns: RUNS * 5, seed: 20261125 },
    );
  });

  it('CRLF line endings give the same findings as LF', async () => {
    for (const corpus of corpora) {
      const crlf = new Map([...corpus.files].map(([f, t]) => [f, t.replace(/\r?\n/g, '\r\n')]));
      assert.deepEqual(await findingsOf(crlf), await findingsOf(corpus.files), corpus.folder);
      cases += 2;
    }
  });

  it('equivalent whitespace gives the same findings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: corpora.length - 1 }),
        fc.constantFrom(' ', '  ', '\t'),
        fc.nat({ max: 3 }),
        async (index, pad, blankLines) => {
          const corpus = corpora[index];
          const padded = new Map(
            [...corpus.files].map(([f, t]) => [
              f,
              t
                .split('\n')
                .map((l) => (l.trim() ? l + pad : l))
                .join('\n') + '\n'.repeat(blankLines),
            ]),
          );
          cases += 2;
          assert.deepEqual(await findingsOf(padded), await findingsOf(corpus.files), corpus.folder);
        },
      ),
      { numRuns: RUNS, seed: 7 },
    );
  });
});
