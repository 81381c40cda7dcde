// scan --format gitlab: GitLab's code quality report, checked against a JSON schema written from
// GitLab's documentation of the format (test/schemas/gitlab-code-quality.schema.json).
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { repoPath } from './support/scan';
import { runCli } from './support/cli-run';

const schema = JSON.parse(readFileSync(repoPath('test', 'schemas', 'gitlab-code-quality.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

describe('GitLab code quality report', function () {
  this.timeout(120_000);
  let issues: Issue[];
  before(() => {
    // Run from the repository root, as GitLab CI does: paths must come out relative to it.
    const r = runCli(repoPath(), ['scan', 'examples', '--format', 'gitlab', '--no-cache', '--fail-on', 'none']);
    assert.equal(r.status, 0, r.stderr);
    issues = JSON.parse(r.stdout);
  });

  it('validates against the schema, which rejects what GitLab would not read', () => {
    assert.ok(validate(issues), JSON.stringify(validate.errors));
    assert.ok(issues.length > 5);
    const broken = structuredClone(issues);
    broken[0].severity = 'high';
    assert.equal(validate(broken), false, 'a severity GitLab does not know fails');
    assert.equal(validate([{ ...issues[0], location: { path: '/abs/file.py', lines: { begin: 1 } } }]), false, 'an absolute path fails');
  });

  it('maps severities in order, paths relative to the repository, fingerprints unique', () => {
    const harvest = issues.find(
      (i) => i.check_name === 'output-harvesting' && i.location.path === 'examples/distill-pipeline/generate.py',
    )!;
    assert.ok(harvest, 'paths carry the scanned folder in front');
    assert.equal(harvest.severity, 'blocker'); // critical
    assert.equal(harvest.location.lines.begin, 23);
    assert.match(harvest.description, /\[generate\.py:main\]$/);
    const evalLoop = issues.find((i) => i.location.path === 'examples/eval-harness/run_eval.py')!;
    assert.equal(evalLoop.severity, 'minor'); // low
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
  });

  it('leaves suppressed findings out', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ppr-gitlab-'));
    try {
      const loop = [
        'from anthropic import Anthropic',
        'client = Anthropic()',
        'for i in range(1000):',
        '    client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[{"role": "user", "content": str(i)}])',
        '',
      ];
      writeFileSync(path.join(dir, 'open.py'), loop.join('\n'));
      writeFileSync(
        path.join(dir, 'quiet.py'),
        ['# llm-usage-ignore-file bulk-generation-loop -- load test agreed with the provider', ...loop].join('\n'),
      );
      const json = JSON.parse(runCli(dir, ['scan', '--format', 'json', '--no-cache', '--fail-on', 'none']).stdout);
      assert.ok(
        json.findings.some((f: { file: string; suppressed: boolean }) => f.file === 'quiet.py' && f.suppressed),
        'the fixture has a suppressed finding',
      );
      const gitlab: Issue[] = JSON.parse(runCli(dir, ['scan', '--format', 'gitlab', '--no-cache', '--fail-on', 'none']).stdout);
      assert.ok(validate(gitlab), JSON.stringify(validate.errors));
      assert.deepEqual([...new Set(gitlab.map((i) => i.location.path))], ['open.py']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
