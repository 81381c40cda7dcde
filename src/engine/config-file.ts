// Loads `.promptreview.json` (JSONC): syntax errors and schema violations become one clear
// message naming the file, the field and the fix.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError, type Segment } from 'jsonc-parser';
import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../schemas/promptreview.schema.json';
import { defaultConfig, type ResolvedConfig } from './config';
import type { ConfigFile } from './config-definition';
import { RULES_BY_ID } from './rules';
import { closest, distance } from 'fastest-levenshtein';

/** Where in the file a config error is: the JSON path of the field, and the text it points at. */
export interface ConfigErrorLocation {
  /** JSON path of the field (`['ignore', 0, 'reason']`); empty for the whole file or a syntax error. */
  path: Segment[];
  /** Offset and length of the text to underline: the property's name when there is one, else the value. */
  offset: number;
  length: number;
  /** 1-based, as `file:line:col` prints them. */
  line: number;
  column: number;
}

/**
 * `syntax` and `schema` errors are what the JSON schema (and JSON's own parser) also report in the
 * editor; `catalog` errors (unknown rule ids) only this loader can explain, with a suggestion.
 */
export type ConfigErrorKind = 'syntax' | 'schema' | 'catalog';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly fix: string,
    readonly location: ConfigErrorLocation,
    readonly kind: ConfigErrorKind = 'schema',
  ) {
    super(`${file}:${location.line}:${location.column}: ${field}: ${fix}`);
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
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !tree) {
    const e = errors[0] ?? { error: 0, offset: 0, length: 0 };
    throw new ConfigError(
      file,
      '(syntax)',
      `${printParseErrorCode(e.error)} — fix the JSON at this position`,
      at(text, [], e.offset, e.length),
      'syntax',
    );
  }
  const root = tree;
  const fail = (path: Segment[], field: string, fix: string, kind?: ConfigErrorKind): never => {
    throw new ConfigError(file, field, fix, locate(text, root, path), kind);
  };
  const data: unknown = getNodeValue(root);
  const validate = schemaValidator();
  if (!validate(data)) {
    const err = (validate.errors ?? [])[0] as ErrorObject;
    const path = pathOf(err);
    fail(err.keyword === 'required' ? path.slice(0, -1) : path, fieldName(path), fixOf(err));
  }
  // Valid against the schema, so of the type the same definition gives.
  const raw = data as ConfigFile;
  const config = defaultConfig();
  for (const id of Object.keys(raw.rules ?? {})) {
    if (!RULES_BY_ID.has(id)) fail(['rules', id], `rules.${id}`, unknownRuleFix(id), 'catalog');
  }
  for (const [i, entry] of (raw.ignore ?? []).entries()) {
    if (entry.rule !== '*' && !RULES_BY_ID.has(entry.rule))
      fail(['ignore', i, 'rule'], `ignore[${i}].rule`, unknownRuleFix(entry.rule), 'catalog');
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

/** The deepest node of `path` that exists, at its property name when it has one. */
function locate(text: string, tree: Node, path: Segment[]): ConfigErrorLocation {
  for (let n = path.length; n > 0; n--) {
    const node = findNodeAtLocation(tree, path.slice(0, n));
    if (!node) continue;
    const target = node.parent?.type === 'property' ? node.parent.children![0] : node;
    return at(text, path, target.offset, target.length);
  }
  return at(text, path, tree.offset, 1);
}

function at(text: string, path: Segment[], offset: number, length: number): ConfigErrorLocation {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { path, offset, length, line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The JSON path ajv reports, plus the property an additionalProperties or required error names. */
function pathOf(err: ErrorObject): Segment[] {
  const path: Segment[] = err.instancePath
    .split('/')
    .slice(1)
    .map((part) => {
      const name = part.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(name) ? Number(name) : name;
    });
  if (err.keyword === 'additionalProperties') path.push((err.params as { additionalProperty: string }).additionalProperty);
  if (err.keyword === 'required') path.push((err.params as { missingProperty: string }).missingProperty);
  return path;
}

/** `['ignore', 0, 'reason']` → `ignore[0].reason`, as messages name a field. */
function fieldName(path: Segment[]): string {
  return path.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s), '') || '(root)';
}

function fixOf(err: ErrorObject): string {
  switch (err.keyword) {
    case 'additionalProperties':
      return 'unknown setting; remove it or check its spelling against the schema';
    case 'required':
      return 'this field is required';
    case 'enum':
      return `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `must be ${(err.params as { type: string }).type}`;
    case 'pattern':
      return 'must be a date written YYYY-MM-DD';
    case 'minimum':
      return `must be at least ${(err.params as { limit: number }).limit}`;
    case 'minLength':
      return 'must not be empty';
    default:
      return err.message ?? 'invalid value';
  }
}
