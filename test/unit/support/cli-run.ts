// Test support: the built CLI (dist/cli.js) run as a user or CI runs it, in a given folder, with
// the facts cache in a temp folder of the test's own.
import { spawnSync } from 'node:child_process';
import { repoPath } from './scan';

export const CLI = repoPath('dist', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): CliRun {
  const r = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
