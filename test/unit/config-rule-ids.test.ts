// The shipped schema is the config definition (the source of the TypeScript type too) with the rule
// catalog's ids: the schema lists them (completion in the editor) and stays in sync with the rules;
// a misspelt id is one error with "did you mean".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULES } from '../../src/engine/rules';
import { configSchemaWithRuleIds } from '../../src/engine/rules/config-schema';
import { ConfigError, parseConfig } from '../../src/engine/config-file';
import { repoPath } from './support/scan';

function configError(text: string): ConfigError {
  try {
    parseConfig('.promptreview.json', text);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  assert.fail('expected a ConfigError');
}

describe('config: rule ids from the catalog', () => {
  const schema = JSON.parse(readFileSync(repoPath('schemas', 'promptreview.schema.json'), 'utf8')) as {
    properties: { rules: { properties: Record<string, unknown> } };
    definitions: { ruleId: { enum: string[] } };
  };

  it('the shipped schema is what the definition and the catalog generate, with every rule id (run "npm run docs")', () => {
    assert.deepEqual(schema, configSchemaWithRuleIds(RULES));
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), RULES.map((r) => r.meta.id).sort());
    assert.deepEqual(
      schema.definitions.ruleId.enum,
      RULES.map((r) => r.meta.id),
    );
  });

  it('a misspelt rule id under rules is one catalog error with "did you mean"', () => {
    const e = configError('{ "rules": { "bulk-generaton-loop": "off" } }');
    assert.equal(e.field, 'rules.bulk-generaton-loop');
    assert.equal(e.kind, 'catalog');
    assert.match(e.fix, /did you mean "bulk-generation-loop"\?/);
  });

  it('a misspelt rule id in the ignore list too', () => {
    const e = configError('{ "ignore": [{ "rule": "polling-lop", "path": "x/**", "reason": "reviewed" }] }');
    assert.equal(e.field, 'ignore[0].rule');
    assert.equal(e.kind, 'catalog');
    assert.match(e.fix, /did you mean "polling-loop"\?/);
  });

  it("a wrong severity is a schema error (the editor's JSON validation reports it), a broken file a syntax error", () => {
    assert.equal(configError('{ "rules": { "polling-loop": "loud" } }').kind, 'schema');
    assert.equal(configError('{ "rules": ').kind, 'syntax');
  });
});
