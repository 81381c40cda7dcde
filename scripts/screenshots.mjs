// README pictures from the real extension: starts code-server (the same cached Node 24, code-server and
// Debian Chromium as the offline integration tests, see scripts/vscode-test-env.mjs), opens examples/ with
// this folder as the development extension, drives the workbench with the keyboard like a user, and saves
// PNGs under docs/images/. Run `npm run build` first.
//
// Usage: node scripts/screenshots.mjs [--out DIR] [--keep]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, codeServerArgs, ensureTestEnv } from './vscode-test-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' }, keep: { type: 'boolean', default: false } } });
const outDir = path.resolve(values.out ?? path.join(root, 'docs', 'images'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (m) => process.stderr.write(`[screenshots] ${m}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startCodeServer(env, runDir, port) {
  writeFileSync(path.join(runDir, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const user = path.join(runDir, 'user-data', 'User');
  mkdirSync(user, { recursive: true });
  // A calm workbench: no welcome page, no telemetry or update prompts, a readable font size.
  writeFileSync(
    path.join(user, 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.colorTheme': 'Default Dark Modern',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'chat.disableAIFeatures': true,
      'git.enabled': false,
      'extensions.ignoreRecommendations': true,
      'workbench.tips.enabled': false,
      'editor.minimap.enabled': false,
      'editor.fontSize': 14,
      'window.commandCenter': false,
      'workbench.layoutControl.enabled': false,
      'editor.hover.delay': 100,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    }),
  );
  const serverEnv = {
    ...process.env,
    TMPDIR: runDir,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg', 'data'),
  };
  for (const key of Object.keys(serverEnv)) if (key.startsWith('VSCODE_')) delete serverEnv[key];
  const server = spawn(env.node24, codeServerArgs(env.codeServerEntry, runDir, port), { detached: true, env: serverEnv, stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return server;
    } catch {}
    await sleep(200);
  }
  throw new Error('code-server did not become healthy');
}

/** Runs a command from the palette by its title, as a user would. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input');
  await page.keyboard.type(title, { delay: 10 });
  await sleep(500);
  await page.keyboard.press('Enter');
}

async function openFile(page, relative, line, column) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input');
  await page.keyboard.type(relative, { delay: 10 });
  // Pick the result once it is listed (pressing Enter before the file search answers does nothing).
  await page
    .locator('.quick-input-widget [role="option"]', { hasText: path.basename(relative) })
    .first()
    .click({ timeout: 15_000 });
  await page.waitForSelector('.monaco-editor .view-lines');
  await runCommand(page, 'Go to Line/Column');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
}

async function main() {
  const env = ensureTestEnv();
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'ppr-screenshots-'));
  const port = await freePort();
  let server;
  let browser;
  try {
    server = await startCodeServer(env, runDir, port);
    browser = await chromium.launch({
      executablePath: env.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 }, deviceScaleFactor: 1 });
    const authority = `127.0.0.1:${port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${pathToFileURL(root).pathname}`],
      ['skipWelcome', 'true'],
    ];
    const folder = encodeURIComponent(path.join(root, 'examples'));
    await page.goto(`http://${authority}/?folder=${folder}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
    await page.waitForSelector('.explorer-folders-view', { timeout: 60_000 });
    await sleep(2000);
    mkdirSync(outDir, { recursive: true });
    const shot = async (name) => {
      await page.screenshot({ path: path.join(outDir, name) });
      log(`saved ${path.relative(root, path.join(outDir, name))}`);
    };

    // 1. A live diagnostic on the distillation-like loop, with its hover and the quick fixes.
    await openFile(page, 'distill-pipeline/generate.py', 20, 32);
    await page.waitForSelector('.squiggly-error', { timeout: 30_000 });
    await sleep(1000);
    await runCommand(page, 'Show or Focus Hover');
    await page.waitForSelector('.monaco-hover .hover-contents', { timeout: 10_000 });
    await sleep(800);
    await shot('diagnostic-hover.png');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget', { timeout: 10_000 }).catch(() => log('no quick-fix menu appeared'));
    await sleep(800);
    await shot('diagnostic-quick-fixes.png');
    await page.keyboard.press('Escape');

    // 2. The workspace scan in the Findings view, with the Problems panel.
    await runCommand(page, 'Prompt Pattern Review: Scan Workspace');
    await sleep(3000);
    await runCommand(page, 'Prompt Pattern Review: Focus on Findings View');
    await sleep(1000);
    await runCommand(page, 'Problems: Focus on Problems View');
    await sleep(1500);
    await shot('findings-view.png');

    // 3. The report webview.
    await runCommand(page, 'View: Close Panel');
    await runCommand(page, 'Prompt Pattern Review: Open Report');
    await page.waitForSelector('iframe.webview', { timeout: 15_000 });
    await sleep(3000);
    await shot('report.png');
  } catch (error) {
    // A picture of where it got stuck says more than a selector timeout.
    const page = browser?.contexts()[0]?.pages()[0];
    await page?.screenshot({ path: path.join(runDir, 'failure.png') }).catch(() => undefined);
    values.keep = true;
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {}
      await sleep(1500);
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {}
    }
    if (values.keep) log(`run folder kept: ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exit(1);
});
