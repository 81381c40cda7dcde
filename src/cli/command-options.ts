// What every command shares: where the configuration comes from, the facts cache switch, and
// writing the result to a file or to standard output.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';

/** `--config` and `--no-cache`, worded the same on every command. */
export function withScanOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'configuration file (default: .promptreview.json in the scanned folder)')
    .option('--no-cache', 'do not read or write the facts cache');
}

/** Writes a command's output to `file` when given, else to standard output; ends with one newline. */
export function emitOutput(output: string, file: string | undefined): void {
  const text = output.endsWith('\n') ? output : output + '\n';
  if (file) writeFileSync(path.resolve(file), text);
  else process.stdout.write(text);
}
