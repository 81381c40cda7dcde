// Runs the mocha unit tests (compiled to out/test/unit by `npm run build`) and ends with the
// line `unit: N passed, N failed` that CI reads.
import Mocha from 'mocha';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'out', 'test', 'unit');
const grep = process.argv.find((a) => a.startsWith('--grep='))?.slice(7) ?? process.env.PPR_TEST_GREP;

function collect(folder) {
  const out = [];
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) out.push(...collect(full));
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const mocha = new Mocha({ ui: 'bdd', color: process.stdout.isTTY, timeout: 30000, reporter: 'spec', ...(grep ? { grep } : {}) });
const files = collect(dir).sort();
if (files.length === 0) {
  console.error(`no unit tests found in ${dir}; run "npm run build" first`);
  process.exit(1);
}
for (const f of files) mocha.addFile(f);
const runner = mocha.run((failures) => {
  const stats = runner.stats ?? { passes: 0, failures };
  console.log(`unit: ${stats.passes} passed, ${stats.failures} failed`);
  process.exitCode = failures > 0 || stats.passes === 0 ? 1 : 0;
});
