// Walks test/fixtures/rules/<rule-id>/: each folder is scanned as its own workspace (so loops and
// SDK calls may live in different files) and every `ruleid:` / `ok:` mark is checked.
// Missing (false negative) and noisy (false positive) cases are reported separately; a finding
// of the rule on a line no mark mentions is noisy too (test/unit/support/fixture-runner.ts).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../src/engine/rules';
import { readMarks, type Mark } from './support/marks';
import { checkFixtureMarks, groupBy } from './support/fixture-runner';
import { repoPath, scanFolder } from './support/scan';
import { listSourceFiles } from '../../src/host/node-files';

const FIXTURES = repoPath('test', 'fixtures', 'rules');

describe('rule fixtures', () => {
  for (const rule of RULES) {
    const id = rule.meta.id;
    it(`${id}: fixtures exist and every mark holds`, async () => {
      const dir = path.join(FIXTURES, id);
      assert.ok(existsSync(dir) && statSync(dir).isDirectory(), `rule ${id} has no fixtures folder test/fixtures/rules/${id}`);
      const files = await listSourceFiles(dir, { include: [], exclude: [] });
      const marks: Mark[] = files.flatMap((f) => readMarks(path.join(dir, f), f)).filter((m) => m.id === id);
      assert.ok(
        marks.some((m) => m.kind === 'ruleid'),
        `rule ${id} has no "ruleid: ${id}" fixture`,
      );
      assert.ok(
        marks.some((m) => m.kind === 'ok'),
        `rule ${id} has no "ok: ${id}" fixture`,
      );
      const result = await scanFolder(dir);
      // Keys use 1-based lines, as an editor shows them.
      const reported = groupBy(
        result.findings.filter((f) => f.ruleId === id),
        (f) => `${f.file}:${f.range.startLine + 1}`,
      );
      const { missing, noisy } = checkFixtureMarks(
        marks.map((m) => ({ key: `${m.file}:${m.line + 1}`, expect: m.kind === 'ruleid' ? ('reported' as const) : ('silent' as const) })),
        reported,
        (fs) => fs.map((f) => f.severity).join(', '),
      );
      assert.deepEqual(
        { missing, noisy },
        { missing: [], noisy: [] },
        `rule ${id}: missing = expected but not reported; noisy = reported where marked ok or on an unmarked line`,
      );
    });
  }

  it('has no fixture folder for an unknown rule', () => {
    const known = new Set(RULES.map((r) => r.meta.id));
    const unknown = readdirSync(FIXTURES).filter((d) => statSync(path.join(FIXTURES, d)).isDirectory() && !known.has(d));
    assert.deepEqual(unknown, []);
  });
});
