// Loads `.promptreview.json` (JSONC): syntax errors and schema violations become one clear
// message naming the file, the field and the fix.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../schemas/promptreview.schema.json';
import { defaultConfig, type ResolvedConfig } from './config';
import { RULES_BY_ID } from './rules';
import { closest, distance } from 'fastest-levenshtein';

/**
 * `syntax` and `schema` errors are what the JSON schema (and JSON's own parser) also report in the
 * editor; `catalog` errors (unknown rule ids) only this loader can explain, with a suggestion.
 */
export type ConfigErrorKind = 'syntax' | 'schema' | 'catalog';

export class ConfigError extends Error {
  constructor(readonly file: string, readonly field: string, readonly fix: string, readonly line?: number, readonly kind: ConfigErrorKind = 'schema') {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${field}: ${fix}`);
  }
}

/** "unknown rule id "bulk-generaton-loop"; did you mean "bulk-generation-loop"?" */
export function unknownRuleFix(id: string): string {
  const ids = [...RULES_BY_ID.keys()];
  const best = closest(id, ids);
  const near = distance(id, best) <= Math.max(3, Math.floor(id.length / 3));
  return near ? `unknown rule id "${id}"; did you mean "${best}"?` : `unknown rule id "${id}"; known ids: ${ids.join(', ')}`;
}

// Compiled on first use: compiling the schema takes longer than activating the whole extension.
let compiled: ReturnType<Ajv['compile']> | undefined;
const schemaValidator = () => (compiled ??= new Ajv({ allErrors: false, strict: false }).compile(schema));

export function parseConfig(file: string, text: string): ResolvedConfig {
  const errors: ParseError[] = [];
  const data = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0];
    const line = text.slice(0, e.offset).split('\n').length;
    throw new ConfigError(file, '(syntax)', `${printParseErrorCode(e.error)} — fix the JSON at this position`, line, 'syntax');
  }
  const validate = schemaValidator();
  if (!validate(data)) {
    const err = (validate.errors ?? [])[0] as ErrorObject;
    throw new ConfigError(file, fieldOf(err), fixOf(err));
  }
  const raw = data as Partial<ResolvedConfig> & { thresholds?: { volume?: number } };
  const config = defaultConfig();
  for (const id of Object.keys(raw.rules ?? {})) {
    if (!RULES_BY_ID.has(id)) throw new ConfigError(file, `rules.${id}`, unknownRuleFix(id), undefined, 'catalog');
  }
  for (const [i, entry] of (raw.ignore ?? []).entries()) {
    if (entry.rule !== '*' && !RULES_BY_ID.has(entry.rule)) throw new ConfigError(file, `ignore[${i}].rule`, unknownRuleFix(entry.rule), undefined, 'catalog');
  }
  return {
    ...config,
    include: raw.include ?? config.include,
    exclude: raw.exclude ?? config.exclude,
    rules: raw.rules ?? config.rules,
    wrappers: raw.wrappers ?? config.wrappers,
    providerHosts: raw.providerHosts ?? config.providerHosts,
    thresholds: { volume: raw.thresholds?.volume ?? config.thresholds.volume },
    ignore: raw.ignore ?? config.ignore,
    maxFileBytes: raw.maxFileBytes ?? config.maxFileBytes,
  };
}

function fieldOf(err: ErrorObject): string {
  const path = err.instancePath.replace(/^\//, '').replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
  if (err.keyword === 'additionalProperties') return path ? `${path}.${(err.params as { additionalProperty: string }).additionalProperty}` : (err.params as { additionalProperty: string }).additionalProperty;
  if (err.keyword === 'required') return path ? `${path}.${(err.params as { missingProperty: string }).missingProperty}` : (err.params as { missingProperty: string }).missingProperty;
  return path || '(root)';
}

function fixOf(err: ErrorObject): string {
  switch (err.keyword) {
    case 'additionalProperties': return 'unknown setting; remove it or check its spelling against the schema';
    case 'required': return 'this field is required';
    case 'enum': return `must be one of ${((err.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type': return `must be ${(err.params as { type: string }).type}`;
    case 'pattern': return 'must be a date written YYYY-MM-DD';
    case 'minimum': return `must be at least ${(err.params as { limit: number }).limit}`;
    case 'minLength': return 'must not be empty';
    default: return err.message ?? 'invalid value';
  }
}
