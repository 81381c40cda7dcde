// The CLI never touches the network and starts no process but git: every command runs with
// connections, name lookups, fetch and child processes made impossible, and nothing is attempted.
// The change scans (--since, --staged) may run git, and only its read-only subcommands listed in
// ALLOWED_GIT, through spawn without a shell; every run is recorded and checked.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoPath } from './support/scan';
import { FIRST_COMMIT, GitFixture } from './support/git-fixture';
import { requirePrerequisite } from './support/prerequisites';

const PRELOAD = repoPath('test', 'support', 'forbid-network.js');

/** What the CLI may ask of git: reading refs, diffs, the untracked list and blobs; nothing that writes, fetches or runs hooks. */
const ALLOWED_GIT = ['rev-parse', 'diff', 'ls-files', 'cat-file', 'hash-object'];

function runCli(args: string[], log: string, options: { cwd?: string; spawnLog?: string } = {}) {
  return spawnSync(process.execPath, ['--require', PRELOAD, repoPath('dist', 'cli.js'), ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    env: { ...process.env, PPR_NETWORK_LOG: log, PPR_ALLOWED_GIT: ALLOWED_GIT.join(','), PPR_SPAWN_LOG: options.spawnLog ?? log },
    timeout: 60_000,
  });
}

describe('no network, no processes', function () {
  this.timeout(120_000);
  let tmp: string;
  let repo: GitFixture;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ppr-net-'));
    repo = GitFixture.twoCommits('ppr-net-git-');
    // A staged edit, so --staged has a version to read from git.
    repo.write({ 'jobs/batch.py': FIRST_COMMIT['jobs/batch.py'].replace('max_tokens=5,', 'max_tokens=5, n=4,') });
    repo.git('add', 'jobs/batch.py');
  });
  after(() => {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(repo.dir, { recursive: true, force: true });
  });

  it('the preload really blocks and records (self-check)', () => {
    const log = path.join(tmp, 'self.log');
    const run = spawnSync(process.execPath, ['--require', PRELOAD, '-e', 'require("node:net").connect(80, "127.0.0.1")'], {
      encoding: 'utf8',
      env: { ...process.env, PPR_NETWORK_LOG: log },
    });
    assert.notEqual(run.status, 0);
    assert.match(readFileSync(log, 'utf8'), /net\.connect/);
  });

  it('the preload lets only the allowed git subcommands run, without a shell (self-check)', () => {
    const log = path.join(tmp, 'self-git.log');
    const spawnLog = path.join(tmp, 'self-git-spawn.log');
    const env = { ...process.env, PPR_NETWORK_LOG: log, PPR_SPAWN_LOG: spawnLog, PPR_ALLOWED_GIT: 'rev-parse' };
    const attempt = (code: string) =>
      spawnSync(process.execPath, ['--require', PRELOAD, '-e', code], { encoding: 'utf8', env, cwd: repo.dir });
    assert.equal(
      attempt('require("node:child_process").spawn("git", ["-c", "a.b=c", "rev-parse", "HEAD"]).on("close", (c) => process.exit(c))')
        .status,
      0,
    );
    assert.notEqual(attempt('require("node:child_process").spawn("git", ["fetch"])').status, 0);
    assert.notEqual(attempt('require("node:child_process").spawn("git", ["rev-parse"], { shell: true })').status, 0);
    assert.notEqual(attempt('require("node:child_process").spawn("sh", ["-c", "true"])').status, 0);
    assert.notEqual(attempt('require("node:child_process").execFileSync("git", ["rev-parse"])').status, 0);
    assert.equal(readFileSync(spawnLog, 'utf8'), 'git rev-parse\n');
    assert.match(readFileSync(log, 'utf8'), /spawn git fetch[\s\S]*shell[\s\S]*spawn sh[\s\S]*execFileSync/);
  });

  const commands: [string, string[]][] = [
    ['scan (text)', ['scan', repoPath('examples'), '--no-cache', '--fail-on', 'none']],
    ['scan (json)', ['scan', repoPath('examples'), '--format', 'json', '--no-cache', '--fail-on', 'none']],
    ['scan (sarif)', ['scan', repoPath('examples'), '--format', 'sarif', '--no-cache', '--fail-on', 'none']],
    ['scan (gitlab)', ['scan', repoPath('examples'), '--format', 'gitlab', '--no-cache', '--fail-on', 'none']],
    ['inventory', ['inventory', repoPath('examples'), '--format', 'json']],
    ['inventory (cyclonedx)', ['inventory', repoPath('examples'), '--format', 'cyclonedx', '--no-cache']],
    ['note', ['note', repoPath('examples')]],
  ];
  for (const [name, args] of commands) {
    it(`${name} attempts no connection`, function () {
      const log = path.join(tmp, `${name.replace(/\W+/g, '-')}.log`);
      const run = runCli(args, log);
      requirePrerequisite(
        this,
        !(run.status === 2 && /unknown command/.test(run.stderr)),
        `the ${name} command in the built CLI: run the build first`,
      );
      assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
      assert.ok(run.stdout.length > 0, 'the command printed its output');
      assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '', 'network or process access was attempted');
    });
  }

  const changeScans: [string, string[], string[]][] = [
    ['scan --since', ['scan', '--since', 'HEAD~1', '--fail-on', 'none'], ['cat-file', 'diff', 'ls-files', 'rev-parse']],
    ['scan --staged', ['scan', '--staged', '--fail-on', 'none', '--format', 'json'], ['cat-file', 'diff', 'ls-files', 'rev-parse']],
    ['scan --workspace (pre-commit hook)', ['scan', '--workspace', '.', 'train_sft.py', '--fail-on', 'none'], []],
  ];
  for (const [name, args, expected] of changeScans) {
    it(`${name} attempts no connection and runs only git's read-only subcommands`, () => {
      const log = path.join(tmp, `${name.replace(/\W+/g, '-')}.log`);
      const spawnLog = path.join(tmp, `${name.replace(/\W+/g, '-')}.spawn.log`);
      const run = runCli([...args, '--no-cache'], log, { cwd: repo.dir, spawnLog });
      assert.equal(run.status, 0, run.stderr);
      assert.ok(run.stdout.length > 0, 'the command printed its output');
      assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '', 'network or a forbidden process was attempted');
      const ran = existsSync(spawnLog) ? readFileSync(spawnLog, 'utf8').trim().split('\n').filter(Boolean) : [];
      assert.ok(
        ran.every((line) => ALLOWED_GIT.includes(line.replace(/^git /, ''))),
        ran.join(', '),
      );
      assert.deepEqual([...new Set(ran.map((line) => line.replace(/^git /, '')))].sort(), expected);
    });
  }
});
