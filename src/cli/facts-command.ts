// `prompt-pattern-review facts --shard i/n --output facts-i.json.gz [paths…]`: the map step of a
// sharded scan. It extracts the facts of one deterministic slice of the tree; `scan --facts
// 'facts-*.json.gz'` then links all slices and reports exactly what one whole scan reports.
import type { Command } from 'commander';
import { parseShardSpec } from './facts-file';
import { runFactsExtraction } from './run-scan';
import { withScanOptions } from './command-options';

export function registerFactsCommand(program: Command, setExit: (code: number) => void): void {
  withScanOptions(
    program
      .command('facts')
      .description('extract the facts of one slice of the files, for a scan sharded across CI jobs (see scan --facts)')
      .argument('[paths...]', 'files or folders (default: current folder)')
      .requiredOption('--shard <i/n>', 'which slice of the files to extract, e.g. 2/4')
      .requiredOption('-o, --output <file>', 'the facts file to write (gzip when it ends in .gz)'),
  ).action(async (paths: string[], opts) => {
    const shard = parseShardSpec(opts.shard);
    const done = await runFactsExtraction(paths, { shard, output: opts.output, config: opts.config, cache: opts.cache });
    process.stderr.write(
      `prompt-pattern-review: slice ${shard.index}/${shard.count}: ${done.inSlice} of ${done.files} files, ${done.withFacts} ` +
        `with facts, written to ${opts.output}\n`,
    );
    setExit(0);
  });
}
