// scripts/check-line-length.mjs (part of `npm run lint`): run on a small git repository, it names
// each tracked line of the project's code over biome.jsonc's lineWidth and fails; fixtures and
// untracked files are not its business.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { GitFixture } from './support/git-fixture';
import { repoPath } from './support/scan';

const SCRIPT = repoPath('scripts', 'check-line-length.mjs');
const line = (length: number) => `// ${'x'.repeat(length - 3)}`;

function check(dir: string) {
  return spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
}

describe('line length check', () => {
  let repo: GitFixture;
  beforeEach(() => {
    repo = GitFixture.create('ppr-line-length-');
  });
  afterEach(() => rmSync(repo.dir, { recursive: true, force: true }));

  it('names every tracked line over 140 characters and fails', () => {
    repo.write({
      'src/a.ts': [line(140), line(141), '// ' + 'é'.repeat(137)].join('\n'),
      'bench/run.mjs': line(150),
      'test/fixtures/rules/x/long.ts': line(300),
      'test/unit/untracked.test.ts': line(300),
    });
    repo.git('add', 'src/a.ts', 'bench/run.mjs', 'test/fixtures/rules/x/long.ts');
    const run = check(repo.dir);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n').sort(), ['bench/run.mjs:1: 150 characters', 'src/a.ts:2: 141 characters']);
    assert.match(run.stderr, /2 lines longer than 140 characters/);
  });

  it('passes when every line fits', () => {
    repo.write({ 'src/a.ts': `${line(140)}\r\n${line(10)}\r\n` });
    repo.git('add', 'src/a.ts');
    const run = check(repo.dir);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, '');
  });
});
