// Builds everything the extension, the CLI and the tests need:
// esbuild bundles in dist/, the tree-sitter .wasm files beside them, and the tests compiled by tsc into out/.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
const production = process.argv.includes('--production');

/** The wasm files shipped with the bundle: the runtime and one grammar per language. */
export const wasmFiles = {
  'web-tree-sitter.wasm': require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
  'tree-sitter-python.wasm': require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
  'tree-sitter-javascript.wasm': require.resolve('tree-sitter-javascript/tree-sitter-javascript.wasm'),
  'tree-sitter-typescript.wasm': require.resolve('tree-sitter-typescript/tree-sitter-typescript.wasm'),
  'tree-sitter-tsx.wasm': require.resolve('tree-sitter-typescript/tree-sitter-tsx.wasm'),
};

// No wiping of dist/ or out/: several builds may run at once while developing; CI starts clean.
mkdirSync(path.join(dist, 'wasm'), { recursive: true });
for (const [name, from] of Object.entries(wasmFiles)) cpSync(from, path.join(dist, 'wasm', name));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
  // web-tree-sitter's ESM build needs import.meta.url, which a CommonJS bundle lacks: use its CJS build.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js', 'web-tree-sitter': require.resolve('web-tree-sitter') },
};
await Promise.all([
  // The editor features alone: the engine is its own bundle, loaded on first use (src/vscode/lazy-engine.ts),
  // so activation loads a small file. The engine bundle must not pull the features back in.
  build({
    ...common,
    entryPoints: [path.join(root, 'src/vscode/extension.ts')],
    outfile: path.join(dist, 'extension.js'),
    external: ['vscode', './engine.js'],
    define: { PPR_ENGINE_BUNDLE: '"./engine.js"' },
    banner: { js: 'var PPR_BUNDLE_START = performance.now(), PPR_BUNDLE_END;' },
    footer: { js: 'PPR_BUNDLE_END = performance.now();' },
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'src/vscode/engine-entry.ts')],
    outfile: path.join(dist, 'engine.js'),
    external: ['vscode'],
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: path.join(dist, 'cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  }),
  // The CLI's scan workers (src/cli/parallel-scan.ts starts them from next to cli.js).
  build({ ...common, entryPoints: [path.join(root, 'src/host/scan-worker.ts')], outfile: path.join(dist, 'scan-worker.js') }),
]);

if (!process.argv.includes('--no-tests')) {
  // tsc emits even with type errors; `npm run typecheck` (part of `npm test`) is what fails on them.
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });
  } catch {
    console.error('build: tsc reported type errors (outputs were still written; run "npm run typecheck")');
  }
}
