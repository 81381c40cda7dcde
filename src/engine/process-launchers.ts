// Calls that run another program, as data: a driver that runs a workspace script once per cell of
// a grid (`for model in MODELS: subprocess.run(["python", "generate.py", "--model", model])`)
// repeats that script's requests, though no function of it is called.
//
// Row format:
//   modules   import sources the launcher comes from (`subprocess`, `node:child_process`; a source
//             that starts with one matches too)
//   names     the functions called, as the module names them
//   command   the positional argument holding the command (a string, or a list of program and arguments)
import { isFromModule } from './import-sources';
export interface ProcessLauncher {
  modules: string[];
  names: string[];
  command: number;
}

export const PROCESS_LAUNCHERS: ProcessLauncher[] = [
  { modules: ['subprocess'], names: ['run', 'call', 'check_call', 'check_output', 'Popen'], command: 0 },
  { modules: ['os'], names: ['system', 'popen', 'execv', 'execvp', 'spawnv', 'spawnvp'], command: 0 },
  { modules: ['asyncio'], names: ['create_subprocess_exec', 'create_subprocess_shell'], command: 0 },
  {
    modules: ['child_process', 'node:child_process'],
    names: ['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork'],
    command: 0,
  },
  { modules: ['execa'], names: ['execa', 'execaSync', 'execaNode', 'execaCommand', 'execaCommandSync'], command: 0 },
];

/** The launcher row for `name` imported (or reached as a member) from `source`. */
export function processLauncherFor(source: string, name: string): ProcessLauncher | undefined {
  return PROCESS_LAUNCHERS.find((row) => row.names.includes(name) && row.modules.some((m) => isFromModule(source, m)));
}
