// The "Prompt Pattern Review" output channel, as ESLint's extension keeps one: a line per
// workspace scan (files, analysed, skipped with their reasons, time), and with
// `promptPatternReview.trace` more detail — every skipped file and live analysis (`messages`),
// the scan's phases (`verbose`). The lines are kept for the integration tests to read.
import vscode = require('vscode');
import type { ScanResult } from '../engine/scan';

export const OUTPUT_CHANNEL_NAME = 'Prompt Pattern Review';
export const SHOW_OUTPUT_COMMAND = 'promptPatternReview.showOutput';
export type TraceLevel = 'off' | 'messages' | 'verbose';

const MAX_KEPT_LINES = 500;

export class ReviewOutput implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
  /** What was written, newest last (bounded). */
  readonly lines: string[] = [];

  get trace(): TraceLevel {
    return vscode.workspace.getConfiguration('promptPatternReview').get<TraceLevel>('trace') ?? 'off';
  }

  write(line: string): void {
    const stamped = `[${new Date().toISOString().slice(11, 19)}] ${line}`;
    this.channel.appendLine(stamped);
    this.lines.push(stamped);
    if (this.lines.length > MAX_KEPT_LINES) this.lines.splice(0, this.lines.length - MAX_KEPT_LINES);
  }

  /** Detail shown only at `messages` or `verbose`. */
  message(line: string): void {
    if (this.trace !== 'off') this.write(line);
  }

  verbose(line: string): void {
    if (this.trace === 'verbose') this.write(line);
  }

  /** The one line a scan of a folder always gets, then (with trace) each skipped file. */
  scanned(folder: string, result: ScanResult, ms: number): void {
    const reasons = new Map<string, number>();
    for (const s of result.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    const skipped = result.skipped.length
      ? `${result.skipped.length} skipped (${[...reasons].map(([reason, n]) => `${n} ${reason}`).join('; ')})`
      : '0 skipped';
    const findings = result.findings.filter((f) => !f.suppressed).length;
    this.write(
      `Scan of ${folder}: ${plural(result.files, 'file')}, ${result.parsed} analysed, ${skipped}, ` +
        `${plural(findings, 'finding')}, ${Math.round(ms)} ms`,
    );
    for (const s of result.skipped) this.message(`  skipped ${s.file}: ${s.reason}`);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

export function registerOutput(context: vscode.ExtensionContext): ReviewOutput {
  const output = new ReviewOutput();
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.channel.show(true)),
  );
  return output;
}
