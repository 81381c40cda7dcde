// Key pools as data flow: a collection of API keys (split from one value, listed, read as a
// numbered family) or of clients, and a pick from it per request (a random or round-robin index
// kept in a variable, `random.choice`, `cycle`/`next`, `shift`). The collection and the index are
// followed through their definitions in the file; comments and prose never count.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { CredentialSignal, FileFacts } from '../types';
import { withoutEnumerate, type Resolver } from './resolver';
import { LLM_CREDENTIAL_NAME } from '../phrases';
import { argumentsOf, calleeOf, isCall, isFunctionNode, memberPath, rangeOf, truncate, unwrapExpression, walk } from './syntax';

/** Names of collections of credentials (`apiKeys`, `API_KEYS`, `key_pool`, `tokens`, `accounts`). */
const KEY_COLLECTION = /(^|_|[a-z])(keys|KEYS|Keys|tokens|TOKENS|Tokens|key_?pool|keyPool|KEY_POOL|key_?list|keyList|KEY_LIST|accounts|ACCOUNTS|credentials|CREDENTIALS|secrets|SECRETS)$|^(keys|tokens|accounts|credentials|secrets)$/;
/** One credential read from the environment or configuration, by its name. */
const KEY_SOURCE_NAME = /api_?key|apikey|api-key|secret_?key|access_?token|auth_?token|bearer|_KEY\b|_KEYS\b|_TOKENS?\b|KEY_?\d|keys?$/i;
/** Readers of environment variables and configuration (`os.environ[...]`, `process.env.X`, `configService.get`). */
const ENV_READER = /(^|\.)(environ|getenv|env|ENV|config|Config|configService|settings|SETTINGS|secrets|vars)(\.|\[|$)|^(process\.env|Deno\.env\.get|os\.environ\.get|os\.getenv|import\.meta\.env)/;
/** Calls that hand out one element of a collection per call. */
const PICKERS = /(^|\.)(choice|choices|sample|cycle|next|shift|pop|popleft|get_nowait|sampleSize)$/;

/** Credential signals of a file found by following collections and indexes. */
export function collectKeyPools(root: SyntaxNode, resolver: Resolver, facts: FileFacts): void {
  const seen = new Set<number>();
  const push = (node: SyntaxNode, signal: Omit<CredentialSignal, 'range'>) => {
    if (seen.has(node.startPosition.row)) return;
    seen.add(node.startPosition.row);
    facts.credentials.push({ range: rangeOf(node), ...signal });
  };
  walk(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type === 'subscript' || node.type === 'subscript_expression') {
      const collection = node.childForFieldName('value') ?? node.childForFieldName('object');
      const index = node.childForFieldName('subscript') ?? node.childForFieldName('index');
      if (!collection || !index) return;
      if (!rotatingIndex(index, resolver, 0)) {
        // `for (let i = 0; i < keys.length; i++) { try { … keys[i] … } catch { continue } }`
        const loop = fallbackLoopOver(node, index);
        if (loop && poolKind(collection, resolver)) push(node, { kind: 'key-switch-on-error', detail: `tries each key of ${truncate(collection.text, 30)} in turn until one succeeds`, rotated: true, aboutLlm: aboutLlm('key-choice', collection, resolver) });
        return;
      }
      const pool = poolKind(collection, resolver);
      if (pool) push(node, { kind: pool, detail: `${pool === 'multi-client' ? 'client' : 'key'} picked by a ${indexKind(index, resolver)} index from ${truncate(collection.text, 30)}`, rotated: true, aboutLlm: aboutLlm(pool, collection, resolver) });
      return;
    }
    if (isCall(node)) {
      const callee = memberPath(calleeOf(node));
      if (!callee || !PICKERS.test(callee.join('.'))) return;
      const method = callee.length > 1 && /^(shift|pop|popleft|get_nowait)$/.test(callee[callee.length - 1]);
      const collection = method ? calleeOf(node)?.childForFieldName('object') : argumentsOf(node).positional[0];
      if (!collection) return;
      const pool = poolKind(collection, resolver);
      if (pool) push(node, { kind: pool, detail: `${truncate(callee.join('.'), 30)}(${truncate(collection.text, 30)})`, rotated: true, aboutLlm: aboutLlm(pool, collection, resolver) });
      return;
    }
    if (node.type === 'for_statement' || node.type === 'for_in_statement') {
      // `for client in self.clients: try: … except: continue`: falling back through a pool of clients.
      const right = withoutEnumerate(node.childForFieldName('right'));
      const body = node.childForFieldName('body');
      if (!right || !body || !hasErrorHandling(body)) return;
      const pool = poolKind(right, resolver);
      if (pool === 'multi-client') push(node, { kind: 'multi-client', detail: `falls back through the clients of ${truncate(right.text, 30)}`, rotated: true, aboutLlm: true });
      else if (pool) push(node, { kind: 'key-switch-on-error', detail: `tries each key of ${truncate(right.text, 30)} in turn until one succeeds`, rotated: true, aboutLlm: aboutLlm(pool, right, resolver) });
    }
  });
}

/** try/except or try/catch in a loop body: failures move on to the next element. */
function hasErrorHandling(body: SyntaxNode): boolean {
  let found = false;
  walk(body, (n) => {
    if (found || isFunctionNode(n)) return false;
    if (n.type === 'try_statement') found = true;
  });
  return found;
}

/** The loop whose counter `index` is, when its body handles errors (a fallback through the pool). */
function fallbackLoopOver(subscript: SyntaxNode, index: SyntaxNode): SyntaxNode | undefined {
  const counter = unwrapExpression(index);
  if (counter?.type !== 'identifier') return undefined;
  for (let p = subscript.parent; p && !isFunctionNode(p); p = p.parent) {
    if (p.type !== 'for_statement' && p.type !== 'while_statement') continue;
    const head = p.type === 'for_statement' ? (p.childForFieldName('initializer') ?? p.childForFieldName('left'))?.text ?? '' : p.childForFieldName('condition')?.text ?? '';
    const body = p.childForFieldName('body');
    if (new RegExp(`\\b${counter.text}\\b`).test(head) && body && hasErrorHandling(body)) return p;
  }
  return undefined;
}

/** A pool of clients is about a provider; a pool of keys when its name or its sources say so. */
function aboutLlm(pool: 'key-choice' | 'multi-client', collection: SyntaxNode, resolver: Resolver): boolean {
  if (pool === 'multi-client') return true;
  const path = memberPath(collection);
  const sources = [collection.text, ...(path ? resolver.definitionsOf(path.join('.'), collection).map((d) => d.text.slice(0, 300)) : [])];
  return sources.some((t) => LLM_CREDENTIAL_NAME.test(t));
}

/** What a collection expression is a pool of: keys, clients, or nothing known. */
function poolKind(input: SyntaxNode, resolver: Resolver): 'key-choice' | 'multi-client' | undefined {
  const node = unwrapExpression(input);
  if (!node) return undefined;
  const value = resolver.evaluate(node);
  if (value?.kind === 'object' && value.collection) return 'multi-client';
  return isKeyCollection(node, resolver, 0) ? 'key-choice' : undefined;
}

/** A collection of credentials: by name, or by what it is built from. */
function isKeyCollection(node: SyntaxNode, resolver: Resolver, depth: number): boolean {
  if (depth > 3) return false;
  const path = memberPath(node);
  const leaf = path?.[path.length - 1] ?? '';
  if (path && KEY_COLLECTION.test(leaf) && !/^(dict|object|Object)$/.test(path[0])) return true;
  if (node.type === 'call' || node.type === 'call_expression') {
    const callee = calleeOf(node);
    // `itertools.cycle(KEYS)`, `deque(keys)`, `[...keys]`: the same pool, wrapped.
    const wrapper = memberPath(callee)?.pop() ?? '';
    if (/^(cycle|iter|list|deque|tuple|shuffle|sorted|filter|Queue|from)$/.test(wrapper)) {
      return argumentsOf(node).positional.some((a) => isKeyCollection(unwrapExpression(a) ?? a, resolver, depth + 1));
    }
    // `os.environ["OPENAI_KEYS"].split(",")`, `keysString.split(',')`
    if ((callee?.type === 'attribute' || callee?.type === 'member_expression') && /^(split|splitlines)$/.test((callee.childForFieldName('attribute') ?? callee.childForFieldName('property'))?.text ?? '')) {
      return readsCredential(callee.childForFieldName('object'));
    }
    return false;
  }
  if (node.type === 'list' || node.type === 'array' || node.type === 'tuple') {
    const items = node.namedChildren.filter((c) => c && c.type !== 'comment');
    return items.length >= 2 && items.filter((c) => readsCredential(c)).length >= 2;
  }
  if (node.type === 'list_comprehension' || node.type === 'generator_expression') return readsCredential(node.childForFieldName('body'));
  if (node.type === 'identifier' || node.type === 'attribute' || node.type === 'member_expression') {
    const name = path?.join('.') ?? node.text;
    return resolver.definitionsOf(name, node).some((d) => isKeyCollection(unwrapExpression(d) ?? d, resolver, depth + 1));
  }
  return false;
}

/** An expression that reads a credential: an env or config read by a key-like name, or a name that is one. */
function readsCredential(input: SyntaxNode | null): boolean {
  const node = unwrapExpression(input);
  if (!node) return false;
  const text = node.text.slice(0, 200);
  const path = memberPath(node);
  if (path) return KEY_SOURCE_NAME.test(path[path.length - 1]) && (path.length === 1 || ENV_READER.test(path.slice(0, -1).join('.')) || /^(self|this)$/.test(path[0]));
  // `os.environ["OPENAI_API_KEY_1"]`, `process.env[`GEMINI_API_KEY_${i}`]`, `config.get("api_keys")`
  return ENV_READER.test(text) && KEY_SOURCE_NAME.test(text.replace(/^[^[(]*[[(]/, ''));
}

/** An index that changes per request: random, modulo a length, or a variable assigned either. */
function rotatingIndex(input: SyntaxNode | null, resolver: Resolver, depth: number): boolean {
  const node = unwrapExpression(input);
  if (!node || depth > 2) return false;
  const text = node.text;
  if (/Math\.random\(\)|random\.(randint|randrange|random)\(|\brandint\(|\brandom\(\)/.test(text)) return true;
  if (/%\s*(len\(|[\w.]+\.length|[\w.]*(count|size|n|num|total|len)\w*\b)/i.test(text)) return true;
  const path = memberPath(node);
  if (!path) return false;
  const name = path.join('.');
  return resolver.definitionsOf(name, node).some((d) => rotatingIndex(d, resolver, depth + 1));
}

function indexKind(index: SyntaxNode, resolver: Resolver): string {
  const texts = [index.text, ...(memberPath(index) ? resolver.definitionsOf(memberPath(index)!.join('.'), index).map((d) => d.text) : [])].join(' ');
  return /random/i.test(texts) ? 'random' : 'round-robin';
}

/**
 * The file's text with comments and prose strings (those with whitespace: docstrings, messages,
 * prompts) blanked, lines kept: for the few checks that read text, so that a docstring example of
 * `API_KEY_1..3` is not a pool. Environment names and other identifiers in strings stay.
 */
export function codeOnlyText(root: SyntaxNode, text: string): string {
  const parts: string[] = [];
  let at = 0;
  const blank = (node: SyntaxNode) => {
    if (node.startIndex < at) return;
    parts.push(text.slice(at, node.startIndex), text.slice(node.startIndex, node.endIndex).replace(/[^\n]/g, ' '));
    at = node.endIndex;
  };
  walk(root, (node) => {
    if (node.type === 'comment') {
      blank(node);
      return false;
    }
    if (node.type === 'string' || node.type === 'template_string') {
      if (/\s/.test(node.text.slice(1, -1).replace(/\$\{[^}]*\}|\{[^}]*\}/g, ''))) blank(node);
      return false;
    }
  });
  parts.push(text.slice(at));
  return parts.join('');
}
