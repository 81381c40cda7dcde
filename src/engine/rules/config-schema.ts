// schemas/promptreview.schema.json: the file's definition (config-definition.ts) with the rule
// catalog's ids added, so the editor completes rule ids and the schema cannot drift from the rules:
// scripts/gen-rule-docs.mjs writes it, a unit test compares. Unknown ids are not schema errors: the
// config loader reports them once, with "did you mean", so one wrong value gives one diagnostic.
import { CONFIG_FILE_SCHEMA } from '../config-definition';
import type { Rule } from './types';

type JsonObject = Record<string, unknown>;

export function configSchemaWithRuleIds(rules: readonly Rule[]): JsonObject {
  // Through JSON: the plain schema, without TypeBox's symbol-keyed markers.
  const { definitions, ...schema } = JSON.parse(JSON.stringify(CONFIG_FILE_SCHEMA)) as JsonObject & {
    properties: Record<string, JsonObject>;
    definitions: JsonObject;
  };
  const ids = rules.map((r) => r.meta.id);
  const rulesProperty = schema.properties.rules;
  rulesProperty.properties = Object.fromEntries(
    rules.map((r) => [r.meta.id, { $ref: '#/definitions/ruleSetting', description: `${r.meta.title} (default ${r.meta.severity})` }]),
  );
  const ignore = schema.properties.ignore as { items: { properties: Record<string, unknown> } };
  // The enum branch gives completion; any other string is reported by the loader with a suggestion.
  ignore.items.properties.rule = {
    anyOf: [{ $ref: '#/definitions/ruleId' }, { const: '*', description: 'every rule' }, ignore.items.properties.rule],
  };
  // Definitions last, as a reader of the file expects them.
  return { ...schema, definitions: { ...definitions, ruleId: { enum: ids, description: 'A rule id of the catalog (docs/rules/).' } } };
}
