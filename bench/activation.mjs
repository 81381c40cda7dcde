// Extension activation cost, measured outside VS Code: time to require dist/extension.js and run
// activate() against a recording no-op stand-in for the `vscode` module. This is NOT activation
// time in VS Code (no extension host, no real API objects); it bounds what our own code costs.
// It also lists which API calls activate() made, to show it only registers things, checks that the
// engine bundle was not loaded by activation, and times loading it (what the first analysis adds).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const Module = require('node:module');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const calls = [];

/** A value that accepts any property access, call or construction and records the path. */
function recorder(name) {
  const fn = () => {};
  const assigned = new Map();
  return new Proxy(fn, {
    set(_t, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    get(_t, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === 'then') return undefined;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'length') return 0;
      return recorder(`${name}.${String(prop)}`);
    },
    apply() {
      calls.push(name);
      return recorder(`${name}()`);
    },
    construct() {
      calls.push(`new ${name}`);
      return recorder(`new ${name}`);
    },
  });
}

// esbuild copies the module's own properties (import * as vscode), so the stand-in needs real keys:
// every top-level name of the VS Code API (from @types/vscode; works for minified bundles too).
const bundle = path.join(root, 'dist', 'extension.js');
const api = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const names = new Set(
  [...api.matchAll(/^\s*export (?:declare )?(?:class|enum|namespace|function|const|let|var) (\w+)/gm)].map((m) => m[1]),
);
const vscode = Object.fromEntries([...names].map((n) => [n, recorder(`vscode.${n}`)]));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const context = {
  subscriptions: [],
  extensionUri: recorder('extensionUri'),
  extensionPath: root,
  globalState: recorder('globalState'),
  workspaceState: recorder('workspaceState'),
  storageUri: undefined,
  globalStorageUri: recorder('globalStorageUri'),
};
const t0 = process.hrtime.bigint();
const extension = require(bundle);
const t1 = process.hrtime.bigint();
extension.activate(context);
const t2 = process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;
const apiCalls = [...new Set(calls)].filter((c) => !c.includes('()'));
// The engine bundle (dist/engine.js) loads on the first analysis, after activation.
const engineLoaded = Object.keys(require.cache).some((f) => f.endsWith(`${path.sep}engine.js`));
const t3 = process.hrtime.bigint();
require(path.join(root, 'dist', 'engine.js'));
const t4 = process.hrtime.bigint();
console.log(
  JSON.stringify({
    requireMs: ms(t0, t1),
    activateMs: ms(t1, t2),
    totalMs: ms(t0, t2),
    engineLoadedByActivate: engineLoaded,
    engineRequireMs: ms(t3, t4),
    apiCalls,
  }),
);
// Timers scheduled by activate (debounced analysis of open documents) must not keep us alive.
process.exit(0);
