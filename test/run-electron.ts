// `npm run test:electron`: the integration suite in desktop VS Code via @vscode/test-electron.
// This is the standard path on a machine with internet (it downloads VS Code into .vscode-test/); offline
// machines use scripts/test-vscode-offline.mjs instead. Both load the same out/test/integration/index.js.
//
//   node out/test/run-electron.js [--workspace DIR] [--grep TEXT]
//   PPR_VSCODE_VERSION=1.139.1 npm run test:electron     # default: stable
//
// The suite uses mocha 12, which needs require(esm) in the extension host: VS Code builds whose Electron
// ships Node >= 22.12 (older builds such as 1.95 fail to load mocha, not the extension).
// Exit codes: 0 pass, 1 test failure, 2 infrastructure error (download, launch, no results).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

interface Results {
  passes: number;
  failures: number;
  tests: number;
  failed: string[];
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (value === undefined) throw new Error(`${name} needs a value`);
  return value;
}

function readResults(file: string): Results | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  // Compiled to out/test/run-electron.js, so the repository root is two levels up.
  const root = path.resolve(__dirname, '..', '..');
  const workspace = path.resolve(option(args, '--workspace') ?? path.join(root, 'examples'));
  const grep = option(args, '--grep') ?? process.env.PPR_TEST_GREP;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppr-electron-'));
  const resultsFile = path.join(runDir, 'results.json');

  let results: Results | undefined;
  let code: number;
  try {
    const extensionTestsEnv: Record<string, string> = { PPR_TEST_RESULTS: resultsFile, PPR_TEST_EXTENSION_DIR: root };
    if (grep) extensionTestsEnv.PPR_TEST_GREP = grep;
    try {
      // Mocha's own output reaches this process's stdout through the desktop extension host, so no log tee.
      await runTests({
        version: process.env.PPR_VSCODE_VERSION || 'stable',
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
        extensionTestsEnv,
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      });
    } catch (error) {
      // runTests rejects both when the suite fails and when VS Code cannot be downloaded or started;
      // the results file tells the two apart.
      console.error(error instanceof Error ? error.message : String(error));
    }
    results = readResults(resultsFile);
    if (!results) {
      console.error('no results file: the suite did not run');
      code = 2;
    } else if (results.tests === 0) {
      console.error('no test ran');
      code = 1;
    } else {
      for (const title of results.failed) console.error(`failed: ${title}`);
      code = results.failures > 0 ? 1 : 0;
    }
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  console.log(`vscode: ${results?.passes ?? 0} passed, ${results?.failures ?? 0} failed`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('vscode: 0 passed, 0 failed');
    process.exit(2);
  },
);
