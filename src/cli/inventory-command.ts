// `prompt-pattern-review inventory <path>`: every LLM call site (direct and through workspace
// wrappers) with provider, API, model and loop context, as JSON, text, Markdown or a CycloneDX BOM.
import type { Command } from 'commander';
import { Option } from 'commander';
import { buildInventory, inventoryToMarkdown, inventoryToText } from '../engine/report/inventory';
import { inventoryToCycloneDx } from '../engine/report/cyclonedx';
import { runScan } from './run-scan';
import { emitOutput, withScanOptions } from './command-options';

/** The formats `--format` offers; commander refuses any other. */
export const INVENTORY_FORMATS = ['json', 'text', 'markdown', 'cyclonedx'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

export interface InventoryFlags {
  format: InventoryFormat;
  output?: string;
  config?: string;
  cache?: boolean;
}

export async function inventoryCommand(paths: string[], flags: InventoryFlags): Promise<number> {
  const result = await runScan(paths, { config: flags.config, cache: flags.cache });
  const report = buildInventory({
    root: result.rootLabel,
    files: result.scan.files,
    parsed: result.scan.parsed,
    facts: result.scan.facts,
    skipped: result.scan.skipped,
    config: result.config,
  });
  const output =
    flags.format === 'json'
      ? JSON.stringify(report, null, 2)
      : flags.format === 'cyclonedx'
        ? JSON.stringify(inventoryToCycloneDx({ inventory: report, facts: result.scan.facts, findings: result.scan.findings }), null, 2)
        : flags.format === 'markdown'
          ? inventoryToMarkdown(report)
          : inventoryToText(report);
  emitOutput(output, flags.output);
  return 0;
}

export function registerInventoryCommand(program: Command, setExit: (code: number) => void): void {
  withScanOptions(
    program
      .command('inventory')
      .description('list every LLM call site with its provider, API, model and loop context')
      .argument('[paths...]', 'files or folders (default: current folder)')
      .addOption(
        new Option('-f, --format <format>', 'output format (cyclonedx: a CycloneDX 1.6 JSON BOM)')
          .choices([...INVENTORY_FORMATS])
          .default('text'),
      )
      .option('-o, --output <file>', 'write the inventory to a file'),
  ).action(async (paths: string[], opts) => {
    setExit(await inventoryCommand(paths, { format: opts.format, output: opts.output, config: opts.config, cache: opts.cache }));
  });
}
