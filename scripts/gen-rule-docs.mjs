// Writes docs/rules/<id>.md and docs/rules/README.md from the compiled rule registry, and
// schemas/promptreview.schema.json from the config definition and the rule ids (run `npm run build`
// first; `npm run docs` does both).
// Pages of removed rules are deleted.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const compiled = path.join(root, 'out', 'src', 'engine', 'rules');
if (!existsSync(path.join(compiled, 'index.js'))) {
  console.error('gen-rule-docs: out/src/engine/rules/index.js not found; run "npm run build" first');
  process.exit(1);
}
const { RULES } = require(path.join(compiled, 'index.js'));
const { renderRuleDocs } = require(path.join(compiled, 'docs-page.js'));

const dir = path.join(root, 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const pages = renderRuleDocs(RULES);
for (const name of readdirSync(dir)) if (name.endsWith('.md') && !pages.has(name)) rmSync(path.join(dir, name));
for (const [name, text] of pages) writeFileSync(path.join(dir, name), text);
console.log(`gen-rule-docs: wrote ${pages.size} pages to docs/rules/`);

const { configSchemaWithRuleIds } = require(path.join(compiled, 'config-schema.js'));
const schemaPath = path.join(root, 'schemas', 'promptreview.schema.json');
writeFileSync(schemaPath, JSON.stringify(configSchemaWithRuleIds(RULES), null, 2) + '\n');
console.log(`gen-rule-docs: wrote schemas/promptreview.schema.json with the ${RULES.length} rule ids`);
