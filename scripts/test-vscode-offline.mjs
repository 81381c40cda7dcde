// `npm run test:vscode`: runs the integration suite (out/test/integration/index.js) inside a real VS Code
// on a machine without internet. @vscode/test-electron cannot download VS Code there, so this starts
// code-server (VS Code's server + web workbench, from npm) under Node 24 and opens the workbench in Debian's
// Chromium through playwright-core. The workbench's smoke-test driver loads the suite in the remote extension
// host and calls window.codeAutomationExit(code) when run() settles. Prerequisites are cached by
// scripts/vscode-test-env.mjs (first run about a minute plus apt, then under a second).
//
// Usage: node scripts/test-vscode-offline.mjs [options]   (run `npm run build` first)
//   --workspace DIR     folder to open (default: examples/)
//   --grep TEXT         only tests whose full title contains TEXT (also env PPR_TEST_GREP)
//   --vsix FILE         test an installed VSIX instead of the development folder: it is installed into the
//                       run's extensions dir, and an empty stub becomes extensionDevelopmentPath (the
//                       tests only run when some development extension is given)
//   --extension-development-path DIR   another extension folder (also env PPR_EXTENSION_DEVELOPMENT_PATH)
//   --timeout SECONDS   hard timeout of the whole run (default 600, env PPR_VSCODE_TEST_TIMEOUT)
//   --keep              keep the run folder (server, browser and extension-host logs) and print its path
//   --verbose           print the code-server and browser logs even when the run passes
// Output: the mocha log, then as the last line `vscode: N passed, N failed`.
// Exit codes: 0 pass, 1 test failure (or no test ran), 2 infrastructure error, 124 timeout.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, codeServerArgs, ensureTestEnv } from './vscode-test-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TESTS_ENTRY = path.join(root, 'out', 'test', 'integration', 'index.js');

class InfraError extends Error {}
class TimeoutError extends Error {}

function log(message) {
  process.stderr.write(`[test-vscode] ${message}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function tail(file, lines = 40) {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/** True while any process of the group still exists. */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      grep: { type: 'string' },
      vsix: { type: 'string' },
      'extension-development-path': { type: 'string' },
      timeout: { type: 'string' },
      keep: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const timeoutSeconds = Number(values.timeout ?? process.env.PPR_VSCODE_TEST_TIMEOUT ?? 600);
  if (!(timeoutSeconds > 0)) throw new InfraError(`bad --timeout ${values.timeout}`);
  if (values.vsix && values['extension-development-path']) {
    throw new InfraError('--vsix and --extension-development-path exclude each other');
  }
  return {
    workspace: path.resolve(values.workspace ?? path.join(root, 'examples')),
    grep: values.grep ?? process.env.PPR_TEST_GREP ?? '',
    vsix: values.vsix ? path.resolve(values.vsix) : undefined,
    extensionDevelopmentPath: path.resolve(values['extension-development-path'] ?? process.env.PPR_EXTENSION_DEVELOPMENT_PATH ?? root),
    timeoutMs: timeoutSeconds * 1000,
    keep: values.keep,
    verbose: values.verbose,
  };
}

/** State shared with cleanup(), which must work from any point of the run (and from a signal). */
const state = {
  browserLaunch: undefined,
  server: undefined,
  runDir: undefined,
  keep: false,
  cleanup: undefined,
  signal: undefined,
};

/** Nothing may start once cleanup has begun (a signal or the timeout can arrive at any await). */
function checkNotCleaningUp() {
  if (state.cleanup) throw new InfraError('interrupted');
}

/** Appends to a log of the run; a no-op once cleanup has begun, since the run folder is going away. */
function append(file, text) {
  if (state.cleanup) return;
  try {
    appendFileSync(file, text);
  } catch {}
}

/** Idempotent: a signal and the main path may both ask; both then wait for the same cleanup. */
function cleanup() {
  state.cleanup ??= doCleanup();
  return state.cleanup;
}

async function doCleanup() {
  // Wait for a launch still in flight, or its Chromium would outlive us.
  const browser = await state.browserLaunch?.catch(() => undefined);
  if (browser) await Promise.race([browser.close().catch(() => undefined), sleep(5000)]);
  const server = state.server;
  if (server?.pid && groupAlive(server.pid)) {
    // The extension host, pty host and file watchers outlive code-server's main process: signal the group.
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
    const deadline = Date.now() + 5000;
    while (groupAlive(server.pid) && Date.now() < deadline) await sleep(100);
    if (groupAlive(server.pid)) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {}
    }
  }
  if (state.runDir) {
    if (state.keep) log(`run folder kept: ${state.runDir}`);
    else rmSync(state.runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

/** Installs the VSIX into the run's extensions dir and returns an empty stub development extension. */
function installVsix({ node24, codeServerEntry }, vsix, runDir) {
  if (!existsSync(vsix)) throw new InfraError(`VSIX not found: ${vsix}`);
  log(`installing ${path.basename(vsix)}`);
  const result = spawnSync(
    node24,
    [
      codeServerEntry,
      '--install-extension',
      vsix,
      '--extensions-dir',
      path.join(runDir, 'extensions'),
      '--user-data-dir',
      path.join(runDir, 'user-data'),
      '--config',
      path.join(runDir, 'config.yaml'),
    ],
    { env: serverEnv(runDir, {}), encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Gallery lookups fail offline with ENOTFOUND; that is harmless, the exit code and message are what count.
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new InfraError(`installing ${vsix} failed (${result.status ?? result.signal}):\n${output}`);
  }
  const stub = path.join(runDir, 'stub-extension');
  mkdirSync(stub, { recursive: true });
  writeFileSync(
    path.join(stub, 'package.json'),
    JSON.stringify({ name: 'stub', publisher: 'stub', version: '0.0.0', engines: { vscode: '*' } }),
  );
  return stub;
}

/**
 * code-server's environment, which its extension host inherits: that is how the test options reach run().
 * TMPDIR keeps its IPC sockets in the run folder; XDG dirs keep it out of the user's home.
 */
function serverEnv(runDir, testEnv) {
  const env = { ...process.env, ...testEnv, TMPDIR: runDir };
  env.XDG_CONFIG_HOME = path.join(runDir, 'xdg', 'config');
  env.XDG_DATA_HOME = path.join(runDir, 'xdg', 'data');
  // Variables of an enclosing VS Code terminal would make code-server talk to that VS Code instead.
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_')) delete env[key];
  return env;
}

async function startServer({ node24, codeServerEntry }, runDir, port, testEnv) {
  const serverLog = path.join(runDir, 'server.log');
  const args = codeServerArgs(codeServerEntry, runDir, port);
  // Detached = its own process group, so cleanup can signal everything it spawns.
  checkNotCleaningUp();
  const server = spawn(node24, args, { detached: true, env: serverEnv(runDir, testEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  state.server = server;
  let output = '';
  let exited;
  const onData = (chunk) => {
    const text = chunk.toString();
    append(serverLog, text);
    output = (output + text).slice(-20_000);
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.on('exit', (code, signal) => {
    exited = code ?? signal;
  });
  server.on('error', (error) => {
    exited = error.message;
  });

  // /healthz only proves the wrapper is up; a broken VS Code shows up as `error CodeServerRouteWrapper`.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) throw new InfraError(`code-server exited (${exited}):\n${tail(serverLog)}`);
    if (output.includes('error CodeServerRouteWrapper')) throw new InfraError(`code-server failed:\n${tail(serverLog)}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return server;
    } catch {}
    if (Date.now() > deadline) throw new InfraError(`code-server not healthy after 60 s:\n${tail(serverLog)}`);
    await sleep(200);
  }
}

/** A `vscode-remote://` URI for a server-side path; its authority must be the page's host:port. */
function remoteUri(authority, fsPath) {
  return `vscode-remote://${authority}${pathToFileURL(fsPath).pathname}`;
}

async function runSuite(env, options, runDir) {
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  // auth/cert in a config file of the run keep code-server from creating ~/.config/code-server/config.yaml.
  writeFileSync(path.join(runDir, 'config.yaml'), `bind-addr: ${authority}\nauth: none\ncert: false\n`);
  // A quieter, faster start: no AI features, experiments, recommendations or git scanning, which the
  // tests don't use (each costs seconds on a 2-core machine and tries to reach the network).
  const userSettings = path.join(runDir, 'user-data', 'User');
  mkdirSync(userSettings, { recursive: true });
  writeFileSync(
    path.join(userSettings, 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'chat.disableAIFeatures': true,
      'workbench.enableExperiments': false,
      'github.gitAuthentication': false,
      'git.enabled': false,
      'extensions.ignoreRecommendations': true,
    }),
  );

  let developmentPath = options.extensionDevelopmentPath;
  if (options.vsix) developmentPath = installVsix(env, options.vsix, runDir);

  const testEnv = {
    PPR_TEST_LOG: path.join(runDir, 'mocha.log'),
    PPR_TEST_RESULTS: path.join(runDir, 'results.json'),
    PPR_TEST_GREP: options.grep,
    // Lets the smoke test prove it exercised the intended copy (the VSIX install, not the repository).
    PPR_TEST_EXTENSION_DIR: options.vsix ? path.join(runDir, 'extensions') : developmentPath,
  };
  const started = Date.now();
  await startServer(env, runDir, port, testEnv);
  log(`code-server ready on ${authority} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Seconds since the server started, to see where a slow run spends its time.
  const stamp = () => ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  const browserLog = path.join(runDir, 'browser.log');
  checkNotCleaningUp();
  state.browserLaunch = chromium.launch({
    executablePath: env.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    // Playwright's own handlers would kill the browser and exit(130) before our cleanup stops code-server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Chromium writes crash-report settings under $XDG_CONFIG_HOME/chromium: keep that in the run folder.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(runDir, 'xdg', 'config') },
  });
  const browser = await state.browserLaunch;
  const page = await browser.newPage();
  page.on('console', (message) => append(browserLog, `${stamp()} [console.${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => append(browserLog, `${stamp()} [pageerror] ${error.stack ?? error.message}\n`));
  // Workbench and extension host log lines forwarded by the smoke-test driver.
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    append(path.join(runDir, 'exthost.log'), `${stamp()} [${level}] ${message}\n`);
  });
  // Called by the workbench when the extension host exits after run() settled: 0 resolved, 1 rejected.
  let settle;
  const exitCode = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  await page.exposeFunction('codeAutomationExit', (code) => settle.resolve(code));
  page.on('crash', () => settle.reject(new InfraError('the browser page crashed')));

  const payload = [
    ['extensionDevelopmentPath', remoteUri(authority, developmentPath)],
    ['extensionTestsPath', remoteUri(authority, TESTS_ENTRY)],
    ['skipWelcome', 'true'],
  ];
  const url = `http://${authority}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  if (!response || !response.ok()) {
    throw new InfraError(`workbench page answered ${response?.status()}:\n${tail(path.join(runDir, 'server.log'))}`);
  }
  const code = await exitCode;
  log(`suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s (extension host exit code ${code})`);
  return code;
}

async function main() {
  const options = parseOptions();
  state.keep = options.keep;
  if (!existsSync(TESTS_ENTRY)) throw new InfraError(`${path.relative(root, TESTS_ENTRY)} is missing: run npm run build`);
  if (!options.vsix) {
    const manifest = readJson(path.join(options.extensionDevelopmentPath, 'package.json'));
    const entry = manifest?.main && path.resolve(options.extensionDevelopmentPath, manifest.main);
    if (entry && !existsSync(entry) && !existsSync(`${entry}.js`)) {
      throw new InfraError(`${path.relative(root, entry)} is missing: run npm run build`);
    }
  }
  if (!existsSync(options.workspace)) throw new InfraError(`workspace not found: ${options.workspace}`);

  const env = ensureTestEnv();
  state.runDir = mkdtempSync(path.join(os.tmpdir(), 'ppr-vscode-test-'));
  const runDir = state.runDir;
  // Playwright's browser profile and Chromium's temporary files then go away with the run folder,
  // even when a browser is killed before it can clean up after itself.
  process.env.TMPDIR = runDir;

  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${options.timeoutMs / 1000} s`)), options.timeoutMs);
  });
  let hostExitCode;
  try {
    hostExitCode = await Promise.race([runSuite(env, options, runDir), timeout]);
  } finally {
    clearTimeout(timer);
  }

  const results = readJson(path.join(runDir, 'results.json'));
  const mochaLog = path.join(runDir, 'mocha.log');
  if (existsSync(mochaLog)) process.stdout.write(readFileSync(mochaLog, 'utf8'));
  let exit;
  if (!results) {
    log(`no results file: the suite did not run (extension host exit code ${hostExitCode})`);
    exit = 2;
  } else if (results.tests === 0) {
    log(options.grep ? `no test matched --grep ${JSON.stringify(options.grep)}` : 'no test ran');
    exit = 1;
  } else {
    exit = results.failures === 0 && hostExitCode === 0 ? 0 : 1;
  }
  // A plain test failure is explained by the mocha log; the server and browser logs help with the rest.
  if (exit === 2 || results?.tests === 0 || options.verbose) printDiagnostics(runDir);
  return { exit, results };
}

function printDiagnostics(runDir) {
  for (const name of ['server.log', 'browser.log', 'exthost.log']) {
    const text = tail(path.join(runDir, name), 60);
    if (text.trim()) log(`--- last lines of ${name} ---\n${text}`);
  }
}

let outcome = { exit: 2, results: undefined };
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (state.signal) return;
    state.signal = signal;
    log(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(128 + os.constants.signals[signal]));
  });
}
try {
  outcome = await main();
} catch (error) {
  if (state.signal) await new Promise(() => {}); // the signal handler exits once cleanup is done
  if (error instanceof TimeoutError) {
    log(error.message);
    if (state.runDir) printDiagnostics(state.runDir);
    outcome = { exit: 124, results: readJson(path.join(state.runDir ?? '', 'results.json')) };
  } else {
    log(`error: ${error instanceof InfraError ? error.message : (error?.stack ?? error)}`);
    outcome = { exit: 2, results: undefined };
  }
} finally {
  await cleanup();
}
console.log(`vscode: ${outcome.results?.passes ?? 0} passed, ${outcome.results?.failures ?? 0} failed`);
process.exit(outcome.exit);
