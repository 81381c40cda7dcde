// `prompt-pattern-review inventory <path>`: every LLM call site (direct and through workspace
// wrappers) with provider, API, model and loop context, as JSON, text or Markdown.
import type { Command } from 'commander';
import { Option } from 'commander';
import { buildInventory, inventoryToMarkdown, inventoryToText } from '../engine/report/inventory';
import { runScan } from './run-scan';
import { UsageError } from './errors';
import { emitOutput, withScanOptions } from './command-options';

export type InventoryFormat = 'json' | 'text' | 'markdown';

export interface InventoryFlags {
  format: InventoryFormat;
  output?: string;
  config?: string;
  cache?: boolean;
}

export async function inventoryCommand(paths: string[], flags: InventoryFlags): Promise<number> {
  if (!['json', 'text', 'markdown'].includes(flags.format)) throw new UsageError(`--format must be json, text or markdown (got "${flags.format}")`);
  const result = await runScan(paths, { config: flags.config, cache: flags.cache });
  const report = buildInventory({ root: result.rootLabel, files: result.scan.files, parsed: result.scan.parsed, facts: result.scan.facts, skipped: result.scan.skipped, config: result.config });
  const output = flags.format === 'json' ? JSON.stringify(report, null, 2) : flags.format === 'markdown' ? inventoryToMarkdown(report) : inventoryToText(report);
  emitOutput(output, flags.output);
  return 0;
}

export function registerInventoryCommand(program: Command, setExit: (code: number) => void): void {
  withScanOptions(program
    .command('inventory')
    .description('list every LLM call site with its provider, API, model and loop context')
    .argument('[paths...]', 'files or folders (default: current folder)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'text', 'markdown']).default('text'))
    .option('-o, --output <file>', 'write the inventory to a file'))
    .action(async (paths: string[], opts) => {
      setExit(await inventoryCommand(paths, { format: opts.format, output: opts.output, config: opts.config, cache: opts.cache }));
    });
}
