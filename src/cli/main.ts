// The CLI entry: argument parsing and exit codes only; the work happens in the engine.
// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error.
import { Command, Option, CommanderError } from 'commander';
import { FAIL_ON, SCAN_FORMATS, scanCommand } from './scan-command';
import { UsageError } from './errors';
import { ConfigError } from '../engine/config-file';
import { TOOL } from '../engine/report/json';
import { registerExtraCommands } from './commands';
import { withScanOptions } from './command-options';

/** The commands and their options; actions report their exit code through `setExit`. */
export function createProgram(setExit: (code: number) => void): Command {
  const program = new Command()
    .name('prompt-pattern-review')
    .description('Finds LLM API usage that looks like distillation or capability extraction, and helps document it.')
    .version(TOOL.version)
    .exitOverride()
    .showHelpAfterError();
  withScanOptions(
    program
      .command('scan')
      .description('scan files or folders and report findings')
      .argument('[paths...]', 'files or folders (default: current folder)')
      .addOption(
        new Option('-f, --format <format>', 'output format (gitlab: a GitLab code quality report)')
          .choices([...SCAN_FORMATS])
          .default('text'),
      )
      .option('-o, --output <file>', 'write the report to a file')
      .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding reaches this severity').choices(FAIL_ON).default('high'))
      .option('--baseline <file>', 'report only findings not in this earlier JSON or SARIF result')
      .option(
        '--facts <glob>',
        "link and report the facts files of a sharded scan (written by 'facts --shard i/n'), e.g. 'facts-*.json.gz'",
      )
      .option(
        '--since <ref>',
        'report only workloads touching files changed since this commit, and their new or worse findings (needs git)',
      )
      .option('--staged', 'like --since HEAD for the staged changes, reading staged content (needs git)')
      .option('--workspace <folder>', 'analyse this folder whole and report the workloads touching the paths given (for a pre-commit hook)')
      .option('--no-color', 'plain text output'),
  ).action(async (paths: string[], opts) => {
    setExit(
      await scanCommand(paths, {
        format: opts.format,
        output: opts.output,
        failOn: opts.failOn,
        baseline: opts.baseline,
        facts: opts.facts,
        config: opts.config,
        cache: opts.cache,
        color: opts.color === false ? false : undefined,
        since: opts.since,
        staged: opts.staged === true,
        workspace: opts.workspace,
      }),
    );
  });
  registerExtraCommands(program, setExit);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = createProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError || e instanceof ConfigError) {
      process.stderr.write(`prompt-pattern-review: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`prompt-pattern-review: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
