// Suppressions: a reason is required (without one nothing is suppressed and the comment itself is
// reported), `until=` expires, file-level and config entries work, and suppressed findings stay
// visible in JSON (suppressed: true), SARIF (suppressions with justification) and text (counted).
import assert from 'node:assert/strict';
import { scanFolder } from './support/scan';
import { writeWorkspace } from './support/workspace';
import type { ScanResult } from '../../src/engine/scan';
import type { ResolvedConfig } from '../../src/engine/config';
import { toJsonReport } from '../../src/engine/report/json';
import { toSarif } from '../../src/engine/report/sarif';
import { toText } from '../../src/engine/report/text';

const TODAY = '2026-11-25';
const CALL = 'client.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=[{"role": "user", "content": row}])';

function loop(before: string, trailing = ''): string {
  return (
    `import anthropic\n` +
    `\n` +
    `client = anthropic.Anthropic()\n${before}\n` +
    `\n` +
    `def run(rows):\n` +
    `    for row in rows:\n` +
    `        ${CALL}${trailing}\n`
  );
}

async function scan(text: string, config: Partial<ResolvedConfig> = {}): Promise<ScanResult> {
  const ws = writeWorkspace({ 'jobs/enrich.py': text });
  try {
    return await scanFolder(ws.dir, config, TODAY);
  } finally {
    ws.remove();
  }
}

const bulkOf = (r: ScanResult) => r.findings.find((f) => f.ruleId === 'bulk-generation-loop')!;
const staleOf = (r: ScanResult) => r.findings.filter((f) => f.ruleId === 'stale-usage-annotation');

describe('suppressions', () => {
  it('same-line suppression with a reason keeps the finding, marked suppressed', async () => {
    const r = await scan(loop('', '  # llm-usage-ignore bulk-generation-loop -- enrichment of our own tickets'));
    const f = bulkOf(r);
    assert.equal(f.suppressed, true);
    assert.deepEqual(f.suppression, { kind: 'inline', reason: 'enrichment of our own tickets' });
    assert.deepEqual(staleOf(r), []);
  });

  it('a suppression on the line above applies to the next code line', async () => {
    const text = loop('').replace(
      `        ${CALL}`,
      `        # llm-usage-ignore bulk-generation-loop until=2027-01-01 -- one-off migration\n        ${CALL}`,
    );
    const f = bulkOf(await scan(text));
    assert.equal(f.suppressed, true);
    assert.equal(f.suppression?.reason, 'one-off migration');
  });

  it('a suppression without a reason suppresses nothing and is itself reported', async () => {
    const r = await scan(loop('', '  # llm-usage-ignore bulk-generation-loop'));
    assert.equal(bulkOf(r).suppressed, false);
    const [s] = staleOf(r);
    assert.ok(s, 'stale-usage-annotation reported');
    assert.equal(s.range.startLine, 7);
    assert.match(s.message, /no reason/);
  });

  it('an expired until= stops applying and says so', async () => {
    const r = await scan(loop('', '  # llm-usage-ignore bulk-generation-loop until=2026-06-30 -- migration window'));
    assert.equal(bulkOf(r).suppressed, false);
    assert.match(staleOf(r)[0]?.message ?? '', /expired on 2026-06-30/);
  });

  it('a suppression for another rule does not apply', async () => {
    const r = await scan(loop('', '  # llm-usage-ignore sampling-sweep -- not this one'));
    assert.equal(bulkOf(r).suppressed, false);
  });

  it('llm-usage-ignore-file covers the whole file', async () => {
    const r = await scan(loop('# llm-usage-ignore-file bulk-generation-loop -- fixture data generator for our tests'));
    assert.equal(bulkOf(r).suppressed, true);
    assert.equal(bulkOf(r).suppression?.kind, 'file');
  });

  it('config ignore entries apply by glob until they expire', async () => {
    const entry = { rule: 'bulk-generation-loop', path: 'jobs/**', reason: 'reviewed by platform team' };
    const applied = bulkOf(await scan(loop(''), { ignore: [{ ...entry, expires: '2027-01-01' }] }));
    assert.deepEqual(applied.suppression, { kind: 'config', reason: 'reviewed by platform team' });
    assert.equal(bulkOf(await scan(loop(''), { ignore: [{ ...entry, expires: '2026-01-01' }] })).suppressed, false);
    assert.equal(bulkOf(await scan(loop(''), { ignore: [{ ...entry, path: 'other/**' }] })).suppressed, false);
  });

  it('suppressed findings stay in JSON, SARIF and the text summary', async () => {
    const r = await scan(loop('', '  # llm-usage-ignore bulk-generation-loop -- enrichment of our own tickets'));
    const input = { root: '.', files: r.files, parsed: r.parsed, findings: r.findings, skipped: r.skipped };
    const json = toJsonReport(input);
    const jf = json.findings.find((f) => f.ruleId === 'bulk-generation-loop')!;
    assert.equal(jf.suppressed, true);
    assert.equal(json.summary.suppressed, 1);
    const sarif = toSarif(input);
    const result = sarif.runs[0].results!.find((x) => x.ruleId === 'bulk-generation-loop')!;
    assert.deepEqual(result.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'enrichment of our own tickets' }]);
    const text = toText(input, { color: false });
    assert.match(text, /1 suppressed/);
    assert.match(text, /suppressed \(inline\): enrichment of our own tickets/);
  });
});
