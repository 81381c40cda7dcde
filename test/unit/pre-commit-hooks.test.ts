// .pre-commit-hooks.yaml, run the way pre-commit runs a node hook: the installed package's bin named
// by `entry`, then the hook's args, then the selected files (unless pass_filenames is false), from
// the repository root. Also: the package npm would install holds that bin and its .wasm files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { parse } from 'yaml';
import { repoPath } from './support/scan';
import { FIRST_COMMIT, GitFixture, SECOND_COMMIT, workloadsOf } from './support/git-fixture';
import { CLI, runCli } from './support/cli-run';

interface Hook {
  id: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  require_serial?: boolean;
  types_or?: string[];
  args?: string[];
}

const hooks = parse(readFileSync(repoPath('.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
const hook = (id: string) => hooks.find((h) => h.id === id)!;

/** What pre-commit starts: entry split on spaces (no quoting in ours), args, then the files. */
function runHook(h: Hook, cwd: string, files: string[], extraArgs: string[] = []) {
  const [bin, ...entryArgs] = h.entry.split(/\s+/);
  assert.equal(pkg.bin[bin], './dist/cli.js', `${bin} is the package's CLI`);
  return runCli(cwd, [...entryArgs, ...(h.args ?? []), ...extraArgs, ...(h.pass_filenames === false ? [] : files)], {
    PPR_CACHE_DIR: `${cwd}/.git/ppr-cache`,
  });
}

describe('pre-commit hooks', function () {
  this.timeout(120_000);
  let repo: GitFixture;
  before(() => {
    repo = GitFixture.twoCommits();
  });
  after(() => rmSync(repo.dir, { recursive: true, force: true }));

  it('declares node hooks on the languages the engine reads, one invocation at a time', () => {
    assert.deepEqual(hooks.map((h) => h.id).sort(), ['prompt-pattern-review', 'prompt-pattern-review-staged']);
    for (const h of hooks) {
      assert.equal(h.language, 'node');
      assert.equal(h.require_serial, true);
      assert.ok(h.types_or?.includes('python') && h.types_or.includes('ts') && h.types_or.includes('jupyter'));
    }
  });

  it('links the files pre-commit passes against the rest of the workspace', () => {
    // train_sft.py alone names no provider: only the generator and its wrapper elsewhere make it a finding.
    const r = runHook(hook('prompt-pattern-review'), repo.dir, ['train_sft.py'], ['--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(workloadsOf(report), ['generate.py:main']);
    assert.ok(
      report.findings.some((f: { file: string; ruleId: string }) => f.file === 'train_sft.py' && f.ruleId === 'training-on-outputs'),
    );
  });

  it('prints a short text report and passes when the files touch no workload', () => {
    const flagged = runHook(hook('prompt-pattern-review'), repo.dir, ['run_eval.py', 'poll.py']);
    assert.equal(flagged.status, 0, 'the eval and the poller stay below --fail-on high');
    assert.match(flagged.stdout, /^2 files given, 2 workloads touching them/);
    assert.match(flagged.stdout, /● poll\.py:watch/);
    assert.equal(
      runHook(hook('prompt-pattern-review'), repo.dir, ['run_eval.py', 'poll.py'], ['--fail-on', 'medium']).status,
      1,
      "the user's args reach the CLI",
    );
  });

  it('the staged hook reports what the staged changes bring', () => {
    const fresh = GitFixture.create('ppr-hook-staged-');
    try {
      fresh.commit(FIRST_COMMIT, 'first');
      fresh.write({ 'poll.py': SECOND_COMMIT['poll.py'] });
      fresh.git('add', 'poll.py');
      const r = runHook(hook('prompt-pattern-review-staged'), fresh.dir, ['ignored-by-pass_filenames.py']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^Staged changes against HEAD .*1 changed file, 1 workload touching it/);
      assert.match(r.stdout, /● poll\.py:watch/);
      assert.doesNotMatch(r.stdout, /generate\.py|batch\.py/);
    } finally {
      rmSync(fresh.dir, { recursive: true, force: true });
    }
  });

  it('the npm package pre-commit installs ships the CLI bundle and its grammars', () => {
    assert.ok(CLI.endsWith('cli.js'));
    // pre-commit installs a node hook from its git repository (`npm install`, then `npm pack`): prepare builds dist/.
    assert.match(pkg.scripts.prepare, /scripts\/build\.mjs --no-tests/);
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: repoPath(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(pack.status, 0, pack.stderr);
    const files = (JSON.parse(pack.stdout)[0].files as { path: string }[]).map((f) => f.path);
    for (const needed of [
      'dist/cli.js',
      'dist/scan-worker.js',
      'dist/wasm/web-tree-sitter.wasm',
      'dist/wasm/tree-sitter-python.wasm',
      'dist/wasm/tree-sitter-tsx.wasm',
    ]) {
      assert.ok(files.includes(needed), `${needed} is in the package`);
    }
    assert.ok(!files.some((f) => f.startsWith('node_modules/') || f.startsWith('out/')));
  });
});
