// Installs and caches what the offline VS Code integration tests and the VSIX packaging need:
//   - Debian's Chromium and fonts (apt), driven by playwright-core (no browser download);
//   - Node 24 from the npm package node-<os>-<arch> (code-server and @vscode/vsce need Node 24 / >= 22,
//     while the project itself builds and runs on the machine's Node 20);
//   - code-server (VS Code in a browser), in its own prefix, never in the project's package.json;
//   - @vscode/vsce, in the same cache.
// Everything lands in a per-user cache keyed by tool version, Node major, OS and arch, is installed into a
// temporary folder first and renamed into place with a stamp file, so an interrupted install is never
// mistaken for a finished one and a warm run costs nothing.
//
// Use as a module (ensureTestEnv, ensureNode24, ensureVsce, ...) or run it to warm the cache:
//   node scripts/vscode-test-env.mjs [--vsce]   # install what is missing, print the paths as JSON
// Environment: PPR_VSCODE_TEST_CACHE (cache folder), PPR_CHROMIUM (another Chromium/Chrome, skips apt).
// Delete the cache folder to start over; nothing else is written outside it but apt's packages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** code-server 4.139.1 ships VS Code 1.139.1 and requires Node 24 to install and to run. */
export const CODE_SERVER_VERSION = '4.139.1';
/** Exact Node 24 release taken from the npm package node-<os>-<arch> (pinned for repeatable runs). */
export const NODE24_VERSION = '24.21.0';
/** @vscode/vsce needs Node >= 22; it runs under the cached Node 24. */
export const VSCE_VERSION = '4.1.0';

const NODE_MAJOR = NODE24_VERSION.split('.')[0];
const PLATFORM = `${process.platform}-${process.arch}`;
const STAMP = '.ppr-installed.json';

function log(message) {
  process.stderr.write(`[vscode-test-env] ${message}\n`);
}

/** `${PPR_VSCODE_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/prompt-pattern-review-vscode-test}` */
export function cacheRoot() {
  if (process.env.PPR_VSCODE_TEST_CACHE) return path.resolve(process.env.PPR_VSCODE_TEST_CACHE);
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(xdg, 'prompt-pattern-review-vscode-test');
}

/** Runs a command, inheriting stderr, failing loudly; stdin is closed so nothing can wait for a prompt. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
  return result;
}

function readStamp(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, STAMP), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Removes `<finalDir>.partial-<pid>` folders left by installs that were killed (their pid is gone). */
function removeAbandonedPartials(finalDir) {
  const prefix = `${path.basename(finalDir)}.partial-`;
  for (const name of readdirSync(path.dirname(finalDir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch (error) {
      alive = error.code === 'EPERM';
    }
    if (!alive) rmSync(path.join(path.dirname(finalDir), name), { recursive: true, force: true });
  }
}

/**
 * Makes `finalDir` exist with a stamp, calling `install(tmpDir)` only when it is missing.
 * Installs into a sibling temporary folder and renames it, so a killed install leaves no half tree behind
 * and two concurrent runs cannot corrupt each other (the loser of the rename just discards its copy).
 */
function ensureInstalled(finalDir, label, install) {
  if (readStamp(finalDir)) return { dir: finalDir, installed: false };
  const started = Date.now();
  log(`installing ${label} into ${finalDir}`);
  mkdirSync(path.dirname(finalDir), { recursive: true });
  removeAbandonedPartials(finalDir);
  const tmpDir = `${finalDir}.partial-${process.pid}`;
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  try {
    install(tmpDir);
    const seconds = (Date.now() - started) / 1000;
    writeFileSync(path.join(tmpDir, STAMP), `${JSON.stringify({ label, seconds, at: new Date().toISOString() })}\n`);
    if (existsSync(finalDir) && !readStamp(finalDir)) rmSync(finalDir, { recursive: true, force: true });
    try {
      renameSync(tmpDir, finalDir);
    } catch (error) {
      if (!readStamp(finalDir)) throw error;
      rmSync(tmpDir, { recursive: true, force: true }); // another run finished first
    }
    log(`${label} ready in ${seconds.toFixed(1)} s`);
    return { dir: finalDir, installed: true };
  } catch (error) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Debian packages

/** The Chromium playwright-core drives; PPR_CHROMIUM overrides it (e.g. a Chrome on a laptop). */
/** Flags for headless Debian Chromium driving code-server here, for the test run and the screenshots. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', // we run as root in CI
  '--disable-gpu',
  '--disable-dev-shm-usage',
  // No network here: without these Chromium keeps trying to reach Google's services.
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath() {
  return process.env.PPR_CHROMIUM || '/usr/bin/chromium';
}

function debianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/**
 * Installs `chromium` and `fonts-liberation` with apt when they are missing (the fonts keep the workbench's
 * text from rendering as boxes). `apt-get update` runs only when something must be installed.
 */
export function ensureSystemPackages() {
  const chromium = chromiumPath();
  if (process.env.PPR_CHROMIUM) {
    if (!existsSync(chromium)) throw new Error(`PPR_CHROMIUM=${chromium} does not exist`);
    return chromium;
  }
  const hasApt = existsSync('/usr/bin/apt-get') && existsSync('/usr/bin/dpkg-query');
  const missing = [];
  if (!existsSync(chromium)) missing.push('chromium');
  if (hasApt && !debianPackageInstalled('fonts-liberation')) missing.push('fonts-liberation');
  if (missing.length === 0) return chromium;
  if (!hasApt) {
    throw new Error(`${chromium} not found and apt-get is not available: install Chromium or set PPR_CHROMIUM`);
  }
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const apt = (...args) => {
    const [command, ...rest] = [...sudo, 'apt-get', ...args];
    run(command, rest, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'ignore', 'inherit'] });
  };
  const started = Date.now();
  log(`apt-get install ${missing.join(' ')}`);
  apt('update', '-q');
  apt('install', '-y', '-q', '--no-install-recommends', ...missing);
  log(`apt packages ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!existsSync(chromium)) throw new Error(`apt installed chromium but ${chromium} is missing`);
  return chromium;
}

// ---------------------------------------------------------------------------------------------------------
// npm under Node 24

/** npm's CLI script, run by whichever Node we choose (the machine's npm; the Node 24 package has none). */
function npmCli() {
  const candidates = [];
  const execpath = process.env.npm_execpath; // set when started through `npm run`
  if (execpath && path.basename(execpath) === 'npm-cli.js') candidates.push(execpath);
  candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const npm = path.join(dir, 'npm');
    if (existsSync(npm)) {
      const real = realpathSync(npm);
      candidates.push(real.endsWith('.js') ? real : path.join(path.dirname(real), 'npm-cli.js'));
    }
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error('cannot find npm-cli.js');
  return found;
}

/**
 * Runs `npm install --ignore-scripts` in `prefix` with the given Node. `--prefix` is explicit because
 * `npm run` exports npm_config_* variables (local prefix, nodedir) that must not leak into the cache install.
 */
function npmInstall(node, prefix, args) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(config_(local_prefix|prefix|global_prefix|nodedir|node_gyp)|package_|lifecycle_)/i.test(key)) delete env[key];
  }
  env.PATH = `${path.dirname(node)}${path.delimiter}${env.PATH || ''}`;
  env.npm_config_nodedir = path.resolve(path.dirname(node), '..');
  env.npm_config_update_notifier = 'false';
  run(node, [npmCli(), 'install', '--prefix', prefix, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...args], {
    cwd: prefix,
    env,
  });
}

function privatePackage(dir) {
  if (!existsSync(path.join(dir, 'package.json'))) writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
}

/** Path of the Node 24 binary (installed from npm when the current Node is not already a 24). */
export function ensureNode24() {
  if (process.versions.node.split('.')[0] === NODE_MAJOR && !process.env.PPR_FORCE_NODE_PACKAGE) return process.execPath;
  const pkg = `node-${PLATFORM}`;
  const { dir } = ensureInstalled(path.join(cacheRoot(), `node-${NODE24_VERSION}-${PLATFORM}`), `${pkg}@${NODE24_VERSION}`, (tmp) => {
    privatePackage(tmp);
    npmInstall(process.execPath, tmp, ['--save-exact', `${pkg}@${NODE24_VERSION}`]);
  });
  const node = path.join(dir, 'node_modules', pkg, 'bin', 'node');
  if (!existsSync(node)) throw new Error(`${node} missing; delete ${dir} and retry`);
  return node;
}

/** Folder that holds code-server and vsce, keyed by code-server version, Node major, OS and arch. */
function toolsDir(name, version) {
  return path.join(cacheRoot(), `${name}-${version}-node${NODE_MAJOR}-${PLATFORM}`);
}

/**
 * code-server's entry script. The fast install skips native builds (no compiler, no libkrb5-dev) but must
 * then install VS Code's own dependencies and its built-in extensions' dependencies itself, or the page fails
 * with "Cannot find package '@microsoft/1ds-core-js'". Terminals don't work in such a tree; tests don't need them.
 */
export function ensureCodeServer(node24 = ensureNode24()) {
  const { dir } = ensureInstalled(toolsDir('code-server', CODE_SERVER_VERSION), `code-server@${CODE_SERVER_VERSION}`, (tmp) => {
    privatePackage(tmp);
    npmInstall(node24, tmp, ['--save-exact', `code-server@${CODE_SERVER_VERSION}`]);
    const vscodeDir = path.join(tmp, 'node_modules', 'code-server', 'lib', 'vscode');
    npmInstall(node24, vscodeDir, ['--omit=dev']);
    npmInstall(node24, path.join(vscodeDir, 'extensions'), ['--omit=dev']);
  });
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(entry)) throw new Error(`${entry} missing; delete ${dir} and retry`);
  return entry;
}

/** @vscode/vsce's CLI script, to be run with the Node 24 binary. */
export function ensureVsce(node24 = ensureNode24()) {
  const { dir } = ensureInstalled(toolsDir('vsce', VSCE_VERSION), `@vscode/vsce@${VSCE_VERSION}`, (tmp) => {
    privatePackage(tmp);
    npmInstall(node24, tmp, ['--save-exact', `@vscode/vsce@${VSCE_VERSION}`]);
  });
  const cli = path.join(dir, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!existsSync(cli)) throw new Error(`${cli} missing; delete ${dir} and retry`);
  return cli;
}

/** Everything the offline VS Code driver needs. */
export function ensureTestEnv() {
  const chromium = ensureSystemPackages();
  const node24 = ensureNode24();
  const codeServerEntry = ensureCodeServer(node24);
  return { chromium, node24, codeServerEntry };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const started = Date.now();
    const env = ensureTestEnv();
    const vsce = process.argv.includes('--vsce') ? ensureVsce(env.node24) : undefined;
    process.stdout.write(`${JSON.stringify({ cache: cacheRoot(), ...env, vsce }, null, 2)}\n`);
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}

/**
 * The code-server command line both the offline test run and the screenshot script start: no
 * auth, a private profile and extensions folder in `runDir`, nothing that asks for attention.
 */
export function codeServerArgs(codeServerEntry, runDir, port) {
  return [
    codeServerEntry,
    '--config',
    path.join(runDir, 'config.yaml'),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    path.join(runDir, 'user-data'),
    '--extensions-dir',
    path.join(runDir, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Required: without the smoke-test driver the workbench never starts the tests.
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
}
