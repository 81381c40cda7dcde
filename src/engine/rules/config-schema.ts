// The parts of schemas/promptreview.schema.json that come from the rule catalog, so the editor
// completes rule ids and the schema cannot drift from the rules: scripts/gen-rule-docs.mjs writes
// them, a unit test compares. Unknown ids are not schema errors: the config loader reports them
// once, with "did you mean", so one wrong value gives one diagnostic.
import type { Rule } from './types';

type JsonObject = Record<string, unknown>;

export function withRuleIds(schema: JsonObject, rules: readonly Rule[]): JsonObject {
  const copy = JSON.parse(JSON.stringify(schema)) as JsonObject & {
    properties: Record<string, JsonObject>;
    definitions: Record<string, unknown>;
  };
  const ids = rules.map((r) => r.meta.id);
  copy.definitions.ruleId = { enum: ids, description: 'A rule id of the catalog (docs/rules/).' };
  copy.definitions.ruleSetting = { enum: ['critical', 'high', 'medium', 'low', 'info', 'off'] };
  copy.properties.rules = {
    type: 'object',
    description: 'Severity per rule id, or "off".',
    properties: Object.fromEntries(
      rules.map((r) => [r.meta.id, { $ref: '#/definitions/ruleSetting', description: `${r.meta.title} (default ${r.meta.severity})` }]),
    ),
    additionalProperties: { $ref: '#/definitions/ruleSetting' },
  };
  const ignore = copy.properties.ignore as { items: { properties: Record<string, unknown> } };
  // The enum branch gives completion; any other string is reported by the loader with a suggestion.
  ignore.items.properties.rule = {
    anyOf: [{ $ref: '#/definitions/ruleId' }, { const: '*', description: 'every rule' }, { type: 'string', minLength: 1 }],
  };
  return copy;
}
