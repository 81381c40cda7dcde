// The words by which code names providers and models, derived from the provider tables
// (providers.ts): a provider or a model family added there is recognised in model lists, model-id
// literals, key names and credential names alike, with no regular expression to update by hand.
import { HOST_PROVIDERS, MODEL_FAMILIES } from './providers';
import escapeRegExp from 'escape-string-regexp';

type ModelFamilies = typeof MODEL_FAMILIES;

const longestFirst = (words: Iterable<string>) => [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b));

/**
 * How a family's name is found in text. Most are found anywhere (`chatgpt-4o-latest`,
 * `meta-llama/Llama-3`, `mistralai/Mistral-7B`); a name of one letter and a digit (`o3`) only as a
 * word of its own, not inside `foo3`; an everyday word (`command`) only as the start of a model id.
 */
function familyPattern(name: string, { everydayWord }: ModelFamilies[string]): string {
  if (name.length <= 2) return `(?<![a-z0-9])${escapeRegExp(name)}(?![a-z0-9])`;
  if (everydayWord) return `${escapeRegExp(name)}-`;
  return escapeRegExp(name);
}

/** The alternation of every model family's name, as a regular expression source (case-insensitive). */
export function modelFamilySource(families: ModelFamilies): string {
  return longestFirst(Object.keys(families))
    .map((name) => familyPattern(name, families[name]))
    .join('|');
}

/**
 * The words code uses for a hosted provider in names and keys (`OPENAI_API_KEY`, `geminiKey`,
 * `{ claude: … }`): the words of each provider id with an API host of its own (`azure-openai` gives
 * `azure` and `openai`), and the names of model families such a provider serves, but not the short
 * (`o1`) or everyday (`command`) ones, which name other things in identifiers.
 */
export function providerWords(hosts: readonly (readonly [host: string, provider: string])[], families: ModelFamilies): string[] {
  const hosted = new Set(hosts.map(([, provider]) => provider));
  const idWords = [...hosted].flatMap((id) => id.split('-'));
  const familyWords = Object.entries(families)
    .filter(([name, family]) => family.provider && hosted.has(family.provider) && name.length > 2 && !family.everydayWord)
    .map(([name]) => name);
  return longestFirst([...idWords, ...familyWords]);
}

const MODEL_FAMILY_SOURCE = modelFamilySource(MODEL_FAMILIES);

/** Text that names a model: `"gpt-4o"`, `anthropic("claude-sonnet-4-5")`, `["o3-mini", "qwen2.5"]`. */
export const NAMES_A_MODEL = new RegExp(MODEL_FAMILY_SOURCE, 'i');

/** A list item that is a model id, written bare or handed to a provider factory: `'gpt-4o'`, `anthropic('claude-sonnet-4-5')`. */
export const MODEL_ID_ITEM = new RegExp(String.raw`^[\w.]*\(?\s*["'\x60][\w./:-]*(?:${MODEL_FAMILY_SOURCE})[\w./:-]*["'\x60]\s*\)?$`, 'i');

/** Names of hosted providers as a regular expression source, matched anywhere in an identifier (case-insensitive). */
export const PROVIDER_WORDS_SOURCE = providerWords(HOST_PROVIDERS, MODEL_FAMILIES).map(escapeRegExp).join('|');

/** The hosted providers' ids as regular expression sources, longest first. */
const HOSTED_PROVIDER_IDS = longestFirst(HOST_PROVIDERS.map(([, id]) => id)).map(escapeRegExp);

/**
 * A hosted provider's id written in a URL or a base-URL name on a host no table knows
 * (`https://gateway.example/anthropic/v1/messages`, `${OPENAI_BASE}/chat/completions`): longest id
 * first, so `azure-openai` is not read as `openai`; not inside another word (`taxai`).
 */
export const HOSTED_PROVIDER_NAME = new RegExp(`(?<![a-z])(${HOSTED_PROVIDER_IDS.join('|')})`, 'i');
