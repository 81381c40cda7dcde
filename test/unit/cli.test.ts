// The built CLI (dist/cli.js) as CI runs it: formats, --output, --fail-on exit codes, --baseline
// from JSON or SARIF, --config, and exit 2 on usage and configuration errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoPath } from './support/scan';
import { requirePrerequisite } from './support/prerequisites';

const CLI = repoPath('dist', 'cli.js');
const EXAMPLES = repoPath('examples');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: repoPath(), timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI scan', function () {
  this.timeout(120_000);
  const out = mkdtempSync(path.join(tmpdir(), 'ppr-cli-'));

  before(function () {
    requirePrerequisite(this, existsSync(CLI), 'the built CLI (dist/cli.js): run the build first');
  });

  it('fails the build (exit 1) on the distillation example at the default --fail-on high', () => {
    const r = cli('scan', EXAMPLES, '--no-cache');
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /● generate\.py:main/);
    assert.match(r.stdout, /\d+ findings \(.*critical.*\) in \d+ files/);
  });

  it('exits 0 with --fail-on none and when nothing reaches the threshold', () => {
    assert.equal(cli('scan', EXAMPLES, '--no-cache', '--fail-on', 'none').status, 0);
    assert.equal(cli('scan', path.join(EXAMPLES, 'chat-app'), '--no-cache', '--fail-on', 'low').status, 0);
    assert.equal(cli('scan', path.join(EXAMPLES, 'eval-harness'), '--no-cache', '--fail-on', 'medium').status, 0);
  });

  it('writes JSON with the documented shape to --output', () => {
    const file = path.join(out, 'report.json');
    const r = cli('scan', EXAMPLES, '--no-cache', '--format', 'json', '--output', file, '--fail-on', 'none');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const report = JSON.parse(readFileSync(file, 'utf8'));
    for (const key of ['version', 'tool', 'root', 'summary', 'findings', 'skipped']) assert.ok(key in report, key);
    for (const key of ['files', 'parsed', 'skipped', 'findings', 'bySeverity']) assert.ok(key in report.summary, `summary.${key}`);
    const finding = report.findings[0];
    for (const key of [
      'ruleId',
      'severity',
      'score',
      'message',
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'provider',
      'workload',
      'signals',
      'volume',
      'annotated',
      'suppressed',
      'fingerprint',
    ]) {
      assert.ok(key in finding, `finding.${key}`);
    }
    assert.ok(report.findings.every((f: { file: string; line: number }) => !path.isAbsolute(f.file) && f.line >= 1));
  });

  it('reports only new findings against a JSON or SARIF baseline', () => {
    for (const format of ['json', 'sarif']) {
      const baseline = path.join(out, `baseline.${format}`);
      assert.equal(cli('scan', EXAMPLES, '--no-cache', '--format', format, '--output', baseline, '--fail-on', 'none').status, 0);
      const r = cli('scan', EXAMPLES, '--no-cache', '--format', 'json', '--baseline', baseline);
      assert.equal(r.status, 0, `${format}: ${r.stderr}`);
      assert.deepEqual(JSON.parse(r.stdout).findings, [], format);
    }
  });

  it('exits 2 with a one-line message on usage errors', () => {
    for (const args of [
      ['--format', 'xml'],
      ['--fail-on', 'severe'],
      ['--baseline', path.join(out, 'missing.json')],
      ['--config', path.join(out, 'missing.json')],
    ]) {
      const r = cli('scan', EXAMPLES, '--no-cache', ...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.ok(r.stderr.trim().length > 0, args.join(' '));
    }
    assert.equal(cli('scan', path.join(out, 'no-such-folder')).status, 2);
  });

  it('exits 2 on a bad config and names the file, the field and the fix', () => {
    const config = path.join(out, 'bad.promptreview.json');
    writeFileSync(config, '{ "rules": { "bulk-generation-loop": "loud" } }');
    const r = cli('scan', EXAMPLES, '--no-cache', '--config', config);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.promptreview\.json.*rules\.bulk-generation-loop.*must be one of/);
  });

  it('applies --config: a rule set to off disappears', () => {
    const config = path.join(out, 'quiet.promptreview.json');
    writeFileSync(config, '// CI profile\n{ "rules": { "training-on-outputs": "off" } }');
    const r = cli('scan', EXAMPLES, '--no-cache', '--format', 'json', '--config', config, '--fail-on', 'none');
    assert.equal(r.status, 0, r.stderr);
    const ids = JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    assert.ok(ids.length > 0 && !ids.includes('training-on-outputs'));
  });
});
