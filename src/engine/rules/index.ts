// The rule registry: every rule imported explicitly, validated once at load.
import type { Rule } from './types';
import { bulkGenerationLoop } from './bulk-generation-loop';

export const RULES: readonly Rule[] = [
  bulkGenerationLoop,
];

function validateCatalog(rules: readonly Rule[]): void {
  const ids = new Set<string>();
  for (const rule of rules) {
    const { id, docs, summary, title } = rule.meta;
    if (!/^[a-z]+(-[a-z]+)*$/.test(id)) throw new Error(`rule id "${id}" is not kebab-case`);
    if (ids.has(id)) throw new Error(`rule id "${id}" is registered twice`);
    ids.add(id);
    if (!title || !summary) throw new Error(`rule "${id}" lacks a title or summary`);
    for (const [key, value] of Object.entries(docs)) {
      if (!value || (typeof value === 'string' && value.length < 20)) throw new Error(`rule "${id}" has no docs for "${key}"`);
    }
  }
}

validateCatalog(RULES);

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
