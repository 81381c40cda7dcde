// The one definition of `.promptreview.json`: TypeBox builds the JSON Schema and the TypeScript type
// from it. schemas/promptreview.schema.json is this schema with the rule catalog's ids added
// (rules/config-schema.ts); scripts/gen-rule-docs.mjs writes it and a unit test compares, so the
// shipped schema, the loader's validation and the code's type cannot drift apart.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { PROVIDER_IDS, SEVERITIES } from './types';

/** The values a rule can be set to: a severity, or off. */
export const RULE_SETTINGS = [...SEVERITIES, 'off'] as const;

/** `{ "enum": [...] }`, as the schema has always written a closed list of strings. */
function stringEnum<const T extends readonly string[]>(values: T) {
  return Type.Unsafe<T[number]>({ enum: [...values] });
}

/** An object whose every property is a `T` (`additionalProperties`, as editors complete it). */
function stringMap<T extends TSchema>(value: T, description: string) {
  return Type.Unsafe<Record<string, Static<T>>>({ type: 'object', description, additionalProperties: value });
}

const definitions = {
  provider: stringEnum(PROVIDER_IDS),
  ruleSetting: stringEnum(RULE_SETTINGS),
};

/** A reference to one of `definitions`, typed as the definition it points at. */
function definitionRef<K extends keyof typeof definitions>(name: K) {
  return Type.Unsafe<Static<(typeof definitions)[K]>>(Type.Ref(`#/definitions/${name}`));
}

const provider = definitionRef('provider');
const ruleSetting = definitionRef('ruleSetting');
const nonEmptyString = Type.String({ minLength: 1 });

const wrapper = Type.Object(
  {
    /** Module (Python dotted or npm/relative path) that exports the function. */
    module: nonEmptyString,
    function: nonEmptyString,
    provider,
  },
  { additionalProperties: false },
);

const ignoreEntry = Type.Object(
  {
    // Any string: an id not in the catalog is reported by the loader, with a suggestion.
    rule: nonEmptyString,
    path: nonEmptyString,
    reason: Type.String({ minLength: 3 }),
    expires: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);

export const CONFIG_FILE_SCHEMA = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    include: Type.Optional(Type.Array(nonEmptyString, { description: 'Glob patterns of files to scan (default: every supported file).' })),
    exclude: Type.Optional(
      Type.Array(nonEmptyString, { description: 'Glob patterns of files to skip, on top of .gitignore and dependency folders.' }),
    ),
    rules: Type.Optional(stringMap(ruleSetting, 'Severity per rule id, or "off".')),
    wrappers: Type.Optional(Type.Array(wrapper, { description: 'Functions of your own or of internal packages that call a provider.' })),
    providerHosts: Type.Optional(stringMap(provider, 'Host name → provider, for gateways and proxies in front of a provider.')),
    thresholds: Type.Optional(
      Type.Object(
        {
          volume: Type.Optional(Type.Integer({ minimum: 1, description: 'Requests per run above which volume escalates a finding.' })),
        },
        { additionalProperties: false },
      ),
    ),
    maxFileBytes: Type.Optional(Type.Integer({ minimum: 1000, description: 'Files larger than this are skipped with a reason.' })),
    ignore: Type.Optional(Type.Array(ignoreEntry, { description: 'Reviewed exceptions: each needs a reason and may expire.' })),
  },
  {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://prompt-pattern-review.dev/schemas/promptreview.schema.json',
    title: 'Prompt Pattern Review configuration (.promptreview.json)',
    additionalProperties: false,
    definitions,
  },
);

/** What a `.promptreview.json` may hold, as the schema describes it. */
export type ConfigFile = Static<typeof CONFIG_FILE_SCHEMA>;
export type RuleSetting = Static<typeof definitions.ruleSetting>;
export type CustomWrapper = Static<typeof wrapper>;
export type IgnoreEntry = Static<typeof ignoreEntry>;
