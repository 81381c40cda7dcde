// `scan --since <ref>`: on a repository with two commits, only the workloads touching the second
// commit's files are reported, each with the findings that are new or worse than at the ref.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitFixture, SECOND_COMMIT, SECOND_COMMIT_WORKLOADS, workloadsOf } from './support/git-fixture';
import { runCli } from './support/cli-run';

describe('scan --since', function () {
  this.timeout(120_000);
  let repo: GitFixture;
  let cacheDir: string;
  const scan = (...args: string[]) => runCli(repo.dir, ['scan', ...args], { PPR_CACHE_DIR: cacheDir });
  const json = (...args: string[]) => {
    const r = scan('--format', 'json', '--fail-on', 'none', ...args);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };

  before(() => {
    repo = GitFixture.twoCommits();
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'ppr-since-cache-'));
  });
  after(() => {
    rmSync(repo.dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it("reports exactly the workloads touching the second commit's files", () => {
    const everything = json('--no-cache');
    assert.ok(workloadsOf(everything).includes('batch.py:nightly'), 'the untouched workload exists in a full scan');
    for (const cache of [['--no-cache'], [], []]) {
      // cold, then a warm facts cache twice
      const report = json('--since', 'HEAD~1', ...cache);
      assert.deepEqual(workloadsOf(report), SECOND_COMMIT_WORKLOADS);
      assert.deepEqual(report.changes.files, Object.keys(SECOND_COMMIT).sort());
      assert.deepEqual(report.changes.workloads, SECOND_COMMIT_WORKLOADS);
      assert.equal(report.changes.since, 'HEAD~1');
      assert.match(report.changes.commit, /^[0-9a-f]{40}$/);
    }
  });

  it('keeps only findings new or worse than at the ref', () => {
    const report = json('--since', 'HEAD~1');
    const rules = (file: string) =>
      report.findings
        .filter((f: { file: string }) => f.file === file)
        .map((f: { ruleId: string }) => f.ruleId)
        .sort();
    // The eval's loop was already reported at the ref; the sampling sweep is what the commit added.
    assert.deepEqual(rules('run_eval.py'), ['sampling-sweep']);
    // The trainer in another file raises the generator's findings: they are reported as worse.
    assert.ok(rules('train_sft.py').includes('training-on-outputs'));
    assert.ok(rules('generate.py').includes('bulk-generation-loop'));
    assert.ok(
      report.findings.every((f: { ruleId: string }) => f.ruleId !== 'capability-coverage-sweep'),
      'the topic sweep was critical at the ref already',
    );
  });

  it('counts uncommitted edits and untracked files as changes, and ignored files not', () => {
    writeFileSync(path.join(repo.dir, '.gitignore'), 'scratch/\n');
    repo.write({
      'scratch/loop.py': SECOND_COMMIT['poll.py'].replace('def watch', 'def scratch_watch'),
      'extra.py': SECOND_COMMIT['poll.py'].replace('def watch', 'def extra_watch'),
    });
    try {
      const report = json('--since', 'HEAD');
      assert.deepEqual(workloadsOf(report), ['extra.py:extra_watch']);
      assert.deepEqual(report.changes.files, ['.gitignore', 'extra.py']);
    } finally {
      rmSync(path.join(repo.dir, 'scratch'), { recursive: true, force: true });
      rmSync(path.join(repo.dir, 'extra.py'));
      rmSync(path.join(repo.dir, '.gitignore'));
    }
  });

  it('a file the commit added and the working tree deleted is at neither version', () => {
    rmSync(path.join(repo.dir, 'poll.py'));
    try {
      const report = json('--since', 'HEAD~1');
      assert.deepEqual(
        workloadsOf(report),
        SECOND_COMMIT_WORKLOADS.filter((w) => w !== 'poll.py:watch'),
      );
      assert.ok(
        report.changes.files.includes('train_sft.py') && !report.changes.files.includes('poll.py'),
        'poll.py is at neither version',
      );
    } finally {
      repo.git('checkout', '-q', '--', 'poll.py');
    }
  });

  it('a file deleted since the ref is a change that brings nothing new; a renamed workload is new', () => {
    rmSync(path.join(repo.dir, 'jobs', 'batch.py'));
    try {
      const deleted = json('--since', 'HEAD');
      assert.deepEqual(deleted.changes.files, ['jobs/batch.py']);
      assert.deepEqual(deleted.findings, []);
    } finally {
      repo.git('checkout', '-q', '--', 'jobs/batch.py');
    }
    repo.git('mv', 'jobs/batch.py', 'jobs/nightly.py');
    try {
      const renamed = json('--since', 'HEAD');
      assert.deepEqual(renamed.changes.files, ['jobs/batch.py', 'jobs/nightly.py']);
      assert.deepEqual(workloadsOf(renamed), ['nightly.py:nightly']);
    } finally {
      repo.git('mv', 'jobs/nightly.py', 'jobs/batch.py');
    }
  });

  it('prints the text report under a line saying what was compared, and exits by --fail-on', () => {
    const r = scan('--since', 'HEAD~1');
    assert.equal(r.status, 1, r.stderr); // the generator's findings are critical
    assert.match(r.stdout, /^Changes since HEAD~1 \([0-9a-f]{12}\): 3 changed files, 3 workloads touching them/);
    assert.doesNotMatch(r.stdout, /batch\.py/);
    assert.equal(scan('--since', 'HEAD~1', '--fail-on', 'critical').status, 1);
    assert.equal(
      runCli(repo.dir, ['scan', '--since', 'HEAD~1', 'jobs'], { PPR_CACHE_DIR: cacheDir }).status,
      0,
      'nothing changed under jobs/',
    );
  });

  it('exits 2 with a clear message for an unknown ref, outside a repository, and combined with --staged', () => {
    const unknown = scan('--since', 'no-such-branch');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /"no-such-branch" is not a commit/);
    const outside = mkdtempSync(path.join(os.tmpdir(), 'ppr-nogit-'));
    try {
      writeFileSync(path.join(outside, 'a.py'), 'x = 1\n');
      const r = runCli(outside, ['scan', '--since', 'HEAD', '--no-cache'], { GIT_CEILING_DIRECTORIES: path.dirname(outside) });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /git rev-parse failed: .*not a git repository/i);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    assert.equal(scan('--since', 'HEAD', '--staged').status, 2);
  });
});
