// Live analysis runs debounced per document or notebook: a new request replaces the pending run,
// which waits the `debounce` setting of the resource's folder unless a delay is given (0 on open
// and save).
import vscode = require('vscode');

export class DebouncedRuns implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Runs `run` for `uri` after `delay` ms (default: the debounce setting), instead of any run pending for it. */
  schedule(uri: vscode.Uri, run: () => void, delay?: number): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    const debounce = delay ?? vscode.workspace.getConfiguration('promptPatternReview', uri).get<number>('debounce') ?? 300;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run();
      }, debounce),
    );
  }

  /** Drops the run pending for `uri`, if any. */
  cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
