// Test support: a test whose prerequisite is missing (the built CLI, a validator binary) skips
// on a developer's machine, where a half-built tree is normal, and fails under CI=true, where a
// skip would pass a run that tested nothing.
import { accessSync, chmodSync, constants, existsSync, statSync } from 'node:fs';

export function isCi(): boolean {
  return /^(1|true|yes)$/i.test(process.env.CI ?? '');
}

/** Skips the test (or hook) when `available` is false; under CI=true, throws instead. */
export function requirePrerequisite(context: Mocha.Context, available: boolean, what: string): void {
  if (available) return;
  if (isCi()) throw new Error(`missing prerequisite: ${what} (CI=true makes this a failure, not a skip)`);
  context.skip();
}

/**
 * An executable that ships inside an npm package whose install script sets its mode: npm 11
 * runs no dependency install scripts, so a clean install leaves it without its exec bit. Sets
 * the bit the script would have; undefined when the file is missing or cannot be made runnable.
 */
export function runnableBinary(file: string | undefined): string | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    accessSync(file, constants.X_OK);
  } catch {
    try {
      chmodSync(file, statSync(file).mode | 0o100);
      accessSync(file, constants.X_OK);
    } catch {
      return undefined;
    }
  }
  return file;
}
