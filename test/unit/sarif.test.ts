// SARIF 2.1.0 for GitHub code scanning: the shape checks GitHub relies on, plus Microsoft's SARIF
// Multitool (`validate` and `validate --rule-kind Gh`) run offline on a scan of examples/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Log } from 'sarif';
import { toSarif } from '../../src/engine/report/sarif';
import { RULES } from '../../src/engine/rules';
import { repoPath, scanFolder } from './support/scan';
import { requirePrerequisite, runnableBinary } from './support/prerequisites';

/** The platform binary (the npm wrapper runs it through a shell, which mangles `;` in arguments). */
function multitoolBinary(): string | undefined {
  try {
    return runnableBinary(require('@microsoft/sarif-multitool') as string);
  } catch {
    return undefined;
  }
}
const MULTITOOL = multitoolBinary();

async function examplesSarif(): Promise<Log> {
  const scan = await scanFolder(repoPath('examples'));
  // One suppressed finding so the log carries a `suppressions` entry.
  const findings = scan.findings.map((f, i) =>
    i === 0 ? { ...f, suppressed: true, suppression: { kind: 'inline' as const, reason: 'reviewed in ticket 42' } } : f,
  );
  return toSarif({ root: 'examples', files: scan.files, parsed: scan.parsed, findings, skipped: scan.skipped });
}

/** Errors and warnings the Multitool reports about a SARIF file. */
function multitool(file: string, ...extra: string[]): string[] {
  const out = `${file}.validation.sarif`;
  const r = spawnSync(MULTITOOL!, ['validate', file, '-o', out, '--log', 'ForceOverwrite', ...extra], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, `sarif-multitool failed: ${r.stdout}${r.stderr}`);
  const log = JSON.parse(readFileSync(out, 'utf8')) as Log;
  return (log.runs[0].results ?? [])
    .filter((x) => x.level === 'error' || x.level === 'warning')
    .map((x) => `${x.ruleId}: ${x.message.text ?? JSON.stringify(x.message.arguments)}`);
}

describe('SARIF output', function () {
  this.timeout(300_000);
  let log: Log;
  before(async () => {
    log = await examplesSarif();
  });

  it('describes every rule with short and full descriptions, help and a helpUri', () => {
    const rules = log.runs[0].tool.driver.rules ?? [];
    assert.deepEqual(
      rules.map((r) => r.id),
      RULES.map((r) => r.meta.id),
    );
    for (const r of rules) {
      assert.ok(r.shortDescription?.text && r.fullDescription?.text && r.help?.text, r.id);
      assert.match(r.helpUri ?? '', new RegExp(`/docs/rules/${r.id}\\.md$`));
    }
  });

  it('gives every result a relative URI, a region and a partial fingerprint', () => {
    const results = log.runs[0].results ?? [];
    assert.ok(results.length > 0);
    for (const r of results) {
      const location = r.locations?.[0]?.physicalLocation;
      assert.ok(location?.artifactLocation?.uri && !/^(\/|[a-z]+:)/i.test(location.artifactLocation.uri), location?.artifactLocation?.uri);
      assert.ok((location?.region?.startLine ?? 0) >= 1);
      assert.ok(r.partialFingerprints?.['promptPatternReview/v1']);
    }
  });

  it('keeps suppressed findings, marked with a justification', () => {
    const suppressed = (log.runs[0].results ?? []).filter((r) => r.suppressions?.length);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0].suppressions![0].justification, 'reviewed in ticket 42');
  });

  it('passes the SARIF Multitool validation, including the GitHub rules', function () {
    requirePrerequisite(this, !!MULTITOOL, 'the SARIF Multitool (@microsoft/sarif-multitool) for this platform');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ppr-sarif-')), 'examples.sarif');
    writeFileSync(file, JSON.stringify(log, null, 2));
    assert.deepEqual(multitool(file), [], 'validate');
    assert.deepEqual(multitool(file, '--rule-kind', 'Gh'), [], 'validate --rule-kind Gh');
  });

  it('would catch a result without a location (the validator really checks)', function () {
    requirePrerequisite(this, !!MULTITOOL, 'the SARIF Multitool (@microsoft/sarif-multitool) for this platform');
    const broken = JSON.parse(JSON.stringify(log)) as Log;
    delete broken.runs[0].results![0].locations;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ppr-sarif-')), 'broken.sarif');
    writeFileSync(file, JSON.stringify(broken, null, 2));
    assert.ok(multitool(file, '--rule-kind', 'Gh').length > 0);
  });
});
