// Fails on a line of the project's own code longer than biome.jsonc's `lineWidth`: the formatter
// wraps code but cannot break a long string, regex literal or comment, so those are checked here.
// Reads the files git tracks (fixtures excluded: they are written the way other projects write):
//   node scripts/check-line-length.mjs [repository folder, default this one]
// Prints `file:line: N characters` for each line over the limit and exits 1 if there is any.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const repo = path.resolve(process.argv[2] ?? root);
const FILES = ['src/*.ts', 'test/*.ts', 'scripts/*.mjs', 'bench/*.mjs', 'corpus/*.mjs'];
const EXCLUDED = 'test/fixtures/';

const width = /"lineWidth"\s*:\s*(\d+)/.exec(readFileSync(path.join(root, 'biome.jsonc'), 'utf8'));
if (!width) {
  console.error('check-line-length: no "lineWidth" in biome.jsonc');
  process.exit(2);
}
const limit = Number(width[1]);

const files = execFileSync('git', ['ls-files', '-z', '--', ...FILES], { cwd: repo, encoding: 'utf8' })
  .split('\0')
  .filter((file) => file && !file.startsWith(EXCLUDED));
let over = 0;
for (const file of files) {
  const lines = readFileSync(path.join(repo, file), 'utf8').split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    // Characters as an editor counts them: an emoji or a CJK character is one, not two UTF-16 units.
    const length = [...line].length;
    if (length <= limit) continue;
    console.log(`${file}:${i + 1}: ${length} characters`);
    over++;
  }
}
if (over) {
  console.error(`check-line-length: ${over} line${over === 1 ? '' : 's'} longer than ${limit} characters (biome.jsonc lineWidth)`);
  process.exit(1);
}
