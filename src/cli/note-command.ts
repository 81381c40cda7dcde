// `prompt-pattern-review note <path> [--workload ID] [--output FILE]`: pre-clearance notes in
// Markdown for every workload at medium or above with no clearance recorded, or the one named.
import type { Command } from 'commander';
import { buildNotes, UnknownWorkloadError } from '../engine/report/note';
import { todayIso } from '../engine/scan';
import { runScan } from './run-scan';
import { UsageError } from './errors';
import { emitOutput, withScanOptions } from './command-options';

export interface NoteFlags {
  workload?: string;
  output?: string;
  config?: string;
  cache?: boolean;
}

export async function noteCommand(paths: string[], flags: NoteFlags): Promise<number> {
  const result = await runScan(paths, { config: flags.config, cache: flags.cache });
  let notes: ReturnType<typeof buildNotes>;
  try {
    notes = buildNotes({
      facts: result.scan.facts,
      findings: result.scan.findings,
      today: todayIso(),
      workload: flags.workload,
      texts: result.scan.texts,
    });
  } catch (e) {
    if (e instanceof UnknownWorkloadError) throw new UsageError(e.message);
    throw e;
  }
  if (!notes.length) {
    process.stderr.write('No workload at medium or above lacks a clearance; name one with --workload to draft a note anyway.\n');
    return 0;
  }
  const output = notes.map((n) => n.markdown.trimEnd()).join('\n\n---\n\n') + '\n';
  emitOutput(output, flags.output);
  if (flags.output) {
    process.stderr.write(`Wrote ${notes.length} pre-clearance note${notes.length === 1 ? '' : 's'} to ${flags.output}\n`);
  }
  return 0;
}

export function registerNoteCommand(program: Command, setExit: (code: number) => void): void {
  withScanOptions(
    program
      .command('note')
      .description('draft pre-clearance notes (Markdown) for workloads that need one')
      .argument('[paths...]', 'files or folders (default: current folder)')
      .option('-w, --workload <id>', 'only this workload (name as shown by scan, e.g. generate.py:main, or its function)')
      .option('-o, --output <file>', 'write the notes to a file'),
  ).action(async (paths: string[], opts) => {
    setExit(await noteCommand(paths, { workload: opts.workload, output: opts.output, config: opts.config, cache: opts.cache }));
  });
}
