// action.yml: a composite action whose inputs are real options of the CLI (read from the program's
// own definition), which uploads the SARIF it writes through code scanning's upload action; its
// scan step, run as the runner runs it (bash, inputs through env), writes that SARIF on a repository.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { Command, Option } from 'commander';
import { createProgram } from '../../src/cli/main';
import { repoPath } from './support/scan';
import { GitFixture } from './support/git-fixture';

interface Step {
  name?: string;
  'working-directory'?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(repoPath('action.yml'), 'utf8')) as Action;
const scanCommand = createProgram(() => undefined).commands.find((c) => c.name() === 'scan') as Command;
const option = (long: string) => (scanCommand.options as Option[]).find((o) => o.long === long);

/** Which CLI flag each input becomes; `paths` is the scan's positional argument. */
const INPUT_FLAGS: Record<string, string> = { 'fail-on': '--fail-on', since: '--since', 'sarif-file': '--output' };

describe('GitHub Action', function () {
  this.timeout(120_000);
  const scanStep = action.runs.steps.find((s) => s.id === 'scan')!;
  const envFor = (input: string) => Object.entries(scanStep.env ?? {}).find(([, v]) => v === `\${{ inputs.${input} }}`)?.[0];

  it('is a composite action whose every input is a CLI option of scan', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs).sort(), ['fail-on', 'paths', 'sarif-file', 'since']);
    assert.equal(scanCommand.registeredArguments[0].name(), 'paths');
    for (const [input, flag] of Object.entries(INPUT_FLAGS)) {
      assert.ok(option(flag), `${input} → ${flag} is an option of scan`);
      const variable = envFor(input);
      assert.ok(variable && scanStep.run!.includes(`${flag} "$${variable}"`), `the scan step passes ${input} as ${flag}`);
    }
    assert.ok(
      scanStep.run!.includes(`"\${paths[@]}"`) && /<<< "\$SCAN_PATHS"/.test(scanStep.run!) && envFor('paths') === 'SCAN_PATHS',
      'paths become the positional arguments',
    );
    assert.ok(option('--format')!.argChoices!.includes('sarif'));
    assert.match(scanStep.run!, /--format sarif/);
    for (const input of Object.keys(action.inputs)) assert.ok(action.inputs[input].description.length > 10, `${input} is described`);
  });

  it('defaults match the CLI: fail-on is a valid severity, since is the pull request base', () => {
    assert.deepEqual(option('--fail-on')!.argChoices!.includes(action.inputs['fail-on'].default!), true);
    assert.equal(action.inputs['fail-on'].default, option('--fail-on')!.defaultValue);
    assert.equal(action.inputs.since.default, '${{ github.event.pull_request.base.sha }}');
    // Inputs never pasted into a script (script injection): only through env.
    for (const step of action.runs.steps) assert.doesNotMatch(step.run ?? '', /\$\{\{\s*inputs\./, step.name);
  });

  it('installs its own package, then uploads the SARIF file through code scanning', () => {
    const install = action.runs.steps.find((s) => s.run?.includes('npm ci'))!;
    assert.equal(install['working-directory'], '${{ github.action_path }}');
    assert.match(install.run!, /scripts\/build\.mjs/);
    assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('actions/setup-node@')));
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.equal(upload.with!.sarif_file, '${{ inputs.sarif-file }}');
    assert.match(upload.if!, /always\(\)/);
    const indexOf = (s: Step) => action.runs.steps.indexOf(s);
    assert.ok(indexOf(scanStep) < indexOf(upload), 'the upload comes after the scan');
    const fail = action.runs.steps.find((s) => s.if?.includes("exit-code == '1'"))!;
    assert.ok(indexOf(fail) > indexOf(upload), 'the job fails only after the upload');
  });

  it('its scan step writes SARIF of the changes since the base and reports the exit code', () => {
    const repo = GitFixture.twoCommits('ppr-action-');
    const out = mkdtempSync(path.join(os.tmpdir(), 'ppr-action-out-'));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        GITHUB_ACTION_PATH: repoPath(),
        GITHUB_OUTPUT: path.join(out, 'output'),
        PPR_CACHE_DIR: out,
      };
      const inputs: Record<string, string> = {
        paths: '.',
        'fail-on': 'critical',
        since: repo.git('rev-parse', 'HEAD~1').trim(),
        'sarif-file': path.join(out, 'results.sarif'),
      };
      for (const [name, value] of Object.entries(scanStep.env!))
        env[name] = value.replace(/^\$\{\{ inputs\.([\w-]+) \}\}$/, (_, input: string) => inputs[input]);
      const run = spawnSync('bash', ['-e', '-c', scanStep.run!], { cwd: repo.dir, env, encoding: 'utf8', timeout: 120_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.match(readFileSync(path.join(out, 'output'), 'utf8'), /^exit-code=1$/m);
      const sarif = JSON.parse(readFileSync(inputs['sarif-file'], 'utf8'));
      const files = new Set(
        sarif.runs[0].results.map(
          (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
            r.locations[0].physicalLocation.artifactLocation.uri,
        ),
      );
      assert.ok(files.has('train_sft.py') && files.has('poll.py'));
      assert.ok(!files.has('jobs/batch.py'), 'the unchanged batch job is not reported');
    } finally {
      rmSync(repo.dir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });
});
