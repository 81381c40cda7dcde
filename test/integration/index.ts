// Entry point of the integration suite, loaded by the extension host inside VS Code: the extension host
// require()s this file (compiled to out/test/integration/index.js) and awaits run(); resolving means the
// suite passed, rejecting that it failed. Both runners use it: scripts/test-vscode-offline.mjs
// (code-server + Chromium, offline) and test/run-electron.ts (@vscode/test-electron, needs internet).
//
// Options come from the environment, since the extension host inherits the runner's environment:
//   PPR_TEST_GREP     run only tests whose full title contains this text (literal, not a regex)
//   PPR_TEST_LOG      tee the reporter's output into this file (under code-server the extension host's
//                     stdout goes nowhere the runner can read)
//   PPR_TEST_RESULTS  write {passes, failures, pending, tests, failed: [titles]} as JSON to this file
//   PPR_TEST_TIMEOUT  per-test timeout in ms (default 20000)
//   PPR_TEST_EXTENSION_DIR  (read by extension.test.ts) folder the extension under test must be loaded from
// Each is a no-op when unset.
//
// Test files are every *.test.js compiled next to this file (subfolders included). Both the `tdd`
// (suite/test/setup/suiteSetup) and `bdd` (describe/it/beforeEach/before) globals are available.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
// mocha 12 is ESM-only on the inside: this needs a Node with require(esm) (>= 20.19 / 22.12), which
// code-server's Node 24 and current VS Code desktop builds have.
import Mocha from 'mocha';

interface Results {
  passes: number;
  failures: number;
  pending: number;
  tests: number;
  failed: string[];
}

function findTestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...findTestFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) files.push(full);
  }
  return files.sort();
}

function writeResults(file: string | undefined, results: Results): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** Copies everything the reporter prints (Mocha.reporters.Base.consoleLog) into `logFile`. */
function teeReporterOutput(logFile: string | undefined): () => void {
  if (!logFile) return () => undefined;
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, '');
  const base = Mocha.reporters.Base;
  const original = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => {
    original(...args);
    // Synchronous on purpose: the extension host may be torn down as soon as run() settles.
    fs.appendFileSync(logFile, `${util.format(...args)}\n`);
  };
  return () => {
    base.consoleLog = original;
  };
}

export function run(): Promise<void> {
  const logFile = process.env.PPR_TEST_LOG || undefined;
  const resultsFile = process.env.PPR_TEST_RESULTS || undefined;
  const grep = process.env.PPR_TEST_GREP || undefined;
  const timeout = Number(process.env.PPR_TEST_TIMEOUT) || 20_000;

  const mocha = new Mocha({ ui: 'bdd', color: false, timeout, grep });
  // Also register the tdd globals: each interface installs its globals on the root suite's pre-require
  // event, and the two sets of names don't overlap, so test authors may use either style.
  Mocha.interfaces.tdd(mocha.suite);
  const restore = teeReporterOutput(logFile);
  const failed: string[] = [];

  return new Promise<void>((resolve, reject) => {
    const finish = (results: Results, error?: Error) => {
      restore();
      writeResults(resultsFile, results);
      if (error) reject(error);
      else if (results.failures > 0) reject(new Error(`${results.failures} test(s) failed`));
      else resolve();
    };
    try {
      for (const file of findTestFiles(__dirname)) mocha.addFile(file);
      const runner = mocha.run(() => {
        const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0, tests: 0 };
        finish({
          passes: stats.passes,
          failures: stats.failures,
          pending: stats.pending,
          tests: stats.passes + stats.failures,
          failed,
        });
      });
      runner.on('fail', (test) => failed.push(test.fullTitle()));
    } catch (error) {
      // A test file that fails to load (syntax error, missing module) throws here, before any test runs.
      const err = error instanceof Error ? error : new Error(String(error));
      Mocha.reporters.Base.consoleLog(`Failed to load the integration tests: ${err.stack ?? err.message}`);
      finish({ passes: 0, failures: 1, pending: 0, tests: 0, failed: [`loading tests: ${err.message}`] }, err);
    }
  });
}
