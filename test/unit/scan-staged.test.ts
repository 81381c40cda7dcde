// `scan --staged`: the index against HEAD, files read as staged. With the second commit's changes
// staged (and other edits left unstaged or untracked), it reports what `--since HEAD~1` reports
// after the commit.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { FIRST_COMMIT, GitFixture, SECOND_COMMIT, SECOND_COMMIT_WORKLOADS, workloadsOf } from './support/git-fixture';
import { runCli } from './support/cli-run';

describe('scan --staged', function () {
  this.timeout(120_000);
  let repo: GitFixture;
  const json = (dir: string) => {
    const r = runCli(dir, ['scan', '--staged', '--format', 'json', '--fail-on', 'none', '--no-cache']);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };

  before(() => {
    repo = GitFixture.create();
    repo.commit(FIRST_COMMIT, 'first');
    repo.write(SECOND_COMMIT);
    repo.git('add', '--', ...Object.keys(SECOND_COMMIT));
    // Not staged: an edit that would add a sampling sweep to the batch job, and a new untracked poller.
    repo.write({
      'jobs/batch.py': FIRST_COMMIT['jobs/batch.py'].replace('max_tokens=5,', 'max_tokens=5, n=4,'),
      'untracked_poll.py': SECOND_COMMIT['poll.py'].replace('def watch', 'def untracked_watch'),
    });
  });
  after(() => rmSync(repo.dir, { recursive: true, force: true }));

  it('reports exactly the workloads touching the staged files', () => {
    const report = json(repo.dir);
    assert.deepEqual(workloadsOf(report), SECOND_COMMIT_WORKLOADS);
    assert.deepEqual(report.changes.files, Object.keys(SECOND_COMMIT).sort());
    assert.equal(report.changes.since, 'HEAD');
    const evalRules = report.findings.filter((f: { file: string }) => f.file === 'run_eval.py').map((f: { ruleId: string }) => f.ruleId);
    assert.deepEqual(evalRules, ['sampling-sweep']);
  });

  it('reads staged content: an unstaged edit and an untracked file are not part of the scan', () => {
    const report = json(repo.dir);
    assert.ok(!report.findings.some((f: { file: string }) => f.file === 'jobs/batch.py' || f.file === 'untracked_poll.py'));
    // The same tree scanned from disk sees both.
    const disk = JSON.parse(runCli(repo.dir, ['scan', '--format', 'json', '--fail-on', 'none', '--no-cache']).stdout);
    assert.ok(disk.findings.some((f: { file: string; ruleId: string }) => f.file === 'jobs/batch.py' && f.ruleId === 'sampling-sweep'));
    assert.ok(workloadsOf(disk).includes('untracked_poll.py:untracked_watch'));
  });

  it('before the first commit, everything staged is new', () => {
    const fresh = GitFixture.create('ppr-git-first-');
    try {
      fresh.write(FIRST_COMMIT);
      fresh.git('add', '--', 'jobs/batch.py');
      const report = json(fresh.dir);
      assert.deepEqual(workloadsOf(report), ['batch.py:nightly']);
      assert.equal(report.changes.commit, undefined);
    } finally {
      rmSync(fresh.dir, { recursive: true, force: true });
    }
  });

  it('prints a short text report and exits with the --fail-on code', () => {
    const r = runCli(repo.dir, ['scan', '--staged', '--no-cache']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^Staged changes against HEAD \([0-9a-f]{12}\): 3 changed files, 3 workloads touching them/);
    assert.equal(runCli(repo.dir, ['scan', '--staged', '--no-cache', '--fail-on', 'none']).status, 0);
  });
});
