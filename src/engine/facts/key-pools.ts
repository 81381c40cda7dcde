// Key pools as data flow: a collection of API keys (split from one value, listed, read as a
// numbered family) or of clients, and a pick from it per request (a random or round-robin index
// kept in a variable, `random.choice`, `cycle`/`next`, `shift`). The collection and the index are
// followed through their definitions in the file; comments and prose never count.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { CredentialSignal, FileFacts } from '../types';
import { hostOf, withoutEnumerate, type Resolver } from './resolver';
import { httpRequestOf } from './http';
import { LLM_CREDENTIAL_NAME, TOKEN_COUNT_NAME } from '../phrases';
import { HOST_PROVIDERS, KEY_PROVISIONING_PATHS, providerForHost } from '../providers';
import { HOSTED_PROVIDER_NAME } from '../provider-vocabulary';
import {
  argumentsOf,
  calleeOf,
  functionName,
  isCall,
  isFunctionNode,
  memberPath,
  rangeOf,
  stringValue,
  truncate,
  unwrapExpression,
  walk,
} from './syntax';

/** Names of collections of credentials (`apiKeys`, `API_KEYS`, `key_pool`, `tokens`, `accounts`). */
const KEY_COLLECTION = new RegExp(
  '(^|_|[a-z])(keys|KEYS|Keys|tokens|TOKENS|Tokens|auths|AUTHS|Auths|key_?pool|keyPool|KEY_POOL|key_?list|keyList|KEY_LIST|key_?queue|' +
    'keyQueue|KEY_QUEUE|accounts|ACCOUNTS|credentials|CREDENTIALS|secrets|SECRETS)$|' +
    '^(keys|tokens|auths|accounts|credentials|secrets)$|' +
    // `sks`: OpenAI secret keys (`sk-…`) in proxies' own words; only as a word (`tasks` is not one).
    '(^|_)(sks|SKS)$',
);
/** One credential read from the environment or configuration, by its name. */
const KEY_SOURCE_NAME = /api_?key|apikey|api-key|secret_?key|access_?token|auth_?token|bearer|_KEY\b|_KEYS\b|_TOKENS?\b|KEY_?\d|keys?$/i;
/** Readers of environment variables and configuration (`os.environ[...]`, `process.env.X`, `configService.get`). */
const ENV_READER = new RegExp(
  String.raw`(^|\.)(environ|getenv|env|ENV|config|Config|configService|settings|SETTINGS|secrets|vars)(\.|\[|$)|` +
    String.raw`^(process\.env|Deno\.env\.get|os\.environ\.get|os\.getenv|import\.meta\.env)`,
);
/** Calls that hand out one element of a collection per call. */
const PICKERS = /(^|\.)(choice|choices|sample|cycle|next|shift|pop|popleft|get_nowait|sampleSize)$/;

/**
 * `fetch(`${apiBase}/keys`, { method: 'POST', … })` in `createOpenRouterApiKey`: a new API key
 * asked of a provider's key-provisioning API. The provider is known from the URL's host, or a
 * provider named in the URL or in the enclosing function's name.
 */
function keyProvisioning(call: SyntaxNode, resolver: Resolver): string | undefined {
  const request = httpRequestOf(call, resolver);
  const path = request && KEY_PROVISIONING_PATHS.map((p) => p.exec(request.url)?.[0]).find(Boolean);
  if (!request || !path) return undefined;
  const args = argumentsOf(call);
  const method = memberPath(calleeOf(call))?.pop() ?? '';
  const options = args.positional[1]?.text ?? args.named.get('method')?.text ?? '';
  if (method !== 'post' && !/method\s*[:=]\s*["'`]POST["'`]/i.test(options)) return undefined;
  let fn: SyntaxNode | null = call.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  const fnName = (fn && functionName(fn)) ?? '';
  const host = hostOf(request.url) ?? request.clientHost;
  const byHost = host ? providerForHost(host) : undefined;
  // `createOpenRouterApiKey`: a provider's id inside a camel-case name (ids of five letters or more).
  const compact = fnName.toLowerCase();
  const namedInFunction = HOST_PROVIDERS.some(([, id]) => id.length >= 5 && compact.includes(id.replace('-', '')));
  if (!byHost && !HOSTED_PROVIDER_NAME.test(request.url) && !namedInFunction) return undefined;
  return `POST ${byHost ? host : '…'}${path}${fnName ? ` in ${truncate(fnName, 40)}` : ''}`;
}

/** The name a module-level assignment around `node` binds (`POOL = cycle(...)`, `const keys = …`). */
function moduleLevelName(node: SyntaxNode): string | undefined {
  for (let p: SyntaxNode | null = node; p; p = p.parent) {
    if (isFunctionNode(p) || p.type === 'class_definition' || p.type === 'class_declaration') return undefined;
    const left =
      p.type === 'assignment' ? p.childForFieldName('left') : p.type === 'variable_declarator' ? p.childForFieldName('name') : null;
    if (left?.type === 'identifier') return left.text;
  }
  return undefined;
}

/** Credential signals of a file found by following collections and indexes. */
export function collectKeyPools(root: SyntaxNode, resolver: Resolver, facts: FileFacts): void {
  const seen = new Set<number>();
  const push = (node: SyntaxNode, signal: Omit<CredentialSignal, 'range'>) => {
    if (seen.has(node.startPosition.row)) return;
    seen.add(node.startPosition.row);
    const heldBy = moduleLevelName(node);
    facts.credentials.push({ range: rangeOf(node), ...signal, ...(heldBy ? { heldBy } : {}) });
  };
  /** One element of `collection` read at a random, round-robin or handed-out `index`. */
  const pickByIndex = (node: SyntaxNode, collection: SyntaxNode, index: SyntaxNode) => {
    const pool = poolKind(collection, resolver);
    if (pool)
      push(node, {
        kind: pool,
        detail:
          `${pool === 'multi-client' ? 'client' : 'key'} picked by a ${indexKind(index, resolver)} index ` +
          `from ${truncate(collection.text, 30)}`,
        rotated: true,
        ...llmEvidence(pool, collection, resolver),
      });
    else if (picksCredentialRecord(node, root))
      push(node, {
        kind: 'key-choice',
        detail: `entry with an API key picked by a ${indexKind(index, resolver)} index from ${truncate(collection.text, 30)}`,
        rotated: true,
        aboutLlm: true,
        keyNamed: true,
      });
  };
  walk(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type === 'subscript' || node.type === 'subscript_expression') {
      const collection = node.childForFieldName('value') ?? node.childForFieldName('object');
      const index = node.childForFieldName('subscript') ?? node.childForFieldName('index');
      if (!collection || !index) return;
      if (!isPickingIndex(index, resolver)) {
        // `for (let i = 0; i < keys.length; i++) { try { … keys[i] … } catch { continue } }`
        const loop = fallbackLoopOver(node, index);
        if (loop && poolKind(collection, resolver))
          push(node, {
            kind: 'key-switch-on-error',
            detail: `tries each key of ${truncate(collection.text, 30)} in turn until one succeeds`,
            rotated: true,
            ...llmEvidence('key-choice', collection, resolver),
          });
        return;
      }
      pickByIndex(node, collection, index);
      return;
    }
    if (isCall(node)) {
      const callee = memberPath(calleeOf(node));
      const minted = keyProvisioning(node, resolver);
      if (minted) {
        push(node, { kind: 'key-minting', detail: minted, rotated: true, aboutLlm: true, keyNamed: true });
        return;
      }
      const family = keyFamilyByPrefix(node, callee);
      if (family) {
        push(node, {
          kind: 'key-env-family',
          detail: `every variable named ${truncate(family, 40)}…`,
          aboutLlm: LLM_CREDENTIAL_NAME.test(family),
        });
        return;
      }
      // `this.clients.get(this.currentKeyIndex)`: a Map or dict of keys or clients read at a rotating index.
      const args = argumentsOf(node).positional;
      const object = calleeOf(node)?.childForFieldName('object');
      if (
        callee &&
        callee.length > 1 &&
        callee[callee.length - 1] === 'get' &&
        object &&
        args.length === 1 &&
        isPickingIndex(args[0], resolver)
      ) {
        pickByIndex(node, object, args[0]);
        return;
      }
      if (callee && SELECTORS.test(callee.join('.'))) {
        // `keys.find(k => !exhausted.has(k))`, `min(keys, key=usage.get)`: one key chosen by its state.
        const collection = callee.length > 1 ? calleeOf(node)?.childForFieldName('object') : argumentsOf(node).positional[0];
        if (collection && choosesAmongKeys(collection, resolver)) push(node, chosenKey(collection, resolver));
        return;
      }
      // `self.api_key_queue.get()`: taking the next key out of a queue (put back after the call).
      const fromQueue = !!callee && callee.length > 1 && callee[callee.length - 1] === 'get' && /queue$/i.test(callee[callee.length - 2]);
      if (!callee || (!fromQueue && !PICKERS.test(callee.join('.')))) return;
      const method = fromQueue || (callee.length > 1 && /^(shift|pop|popleft|get_nowait)$/.test(callee[callee.length - 1]));
      const collection = method ? calleeOf(node)?.childForFieldName('object') : argumentsOf(node).positional[0];
      if (!collection) return;
      const pool = poolKind(collection, resolver);
      if (pool)
        push(node, {
          kind: pool,
          detail: `${truncate(callee.join('.'), 30)}(${truncate(collection.text, 30)})`,
          rotated: true,
          ...llmEvidence(pool, collection, resolver),
        });
      else if (!method && picksCredentialRecord(node, root))
        push(node, {
          kind: 'key-choice',
          detail: `entry with an API key picked by ${truncate(callee.join('.'), 30)}(${truncate(collection.text, 30)})`,
          rotated: true,
          aboutLlm: true,
          keyNamed: true,
        });
      return;
    }
    if (node.type === 'for_statement' || node.type === 'for_in_statement') {
      // `for client in self.clients: try: … except: continue`: falling back through a pool of clients.
      const right = withoutEnumerate(node.childForFieldName('right'));
      const body = node.childForFieldName('body');
      if (!right || !body) return;
      if (!hasErrorHandling(body)) {
        // `for key of keys: if usage[key] < lowest: selected = key`: the least-used key, per request.
        const element = unwrapExpression(node.childForFieldName('left'));
        if (element?.type === 'identifier' && keepsElement(body, element.text) && choosesAmongKeys(right, resolver))
          push(node, chosenKey(right, resolver));
        // `for auth in manager.auths: consumers.append(create_task(consume(queue, auth)))`: a worker
        // per key draining one queue, so every key of the pool sends requests at once.
        else if (element?.type === 'identifier' && startsWorkerWith(body, element.text) && poolKind(right, resolver) === 'key-choice')
          push(node, {
            kind: 'key-choice',
            detail: `one worker per key of ${truncate(right.text, 30)}`,
            rotated: true,
            ...llmEvidence('key-choice', right, resolver),
          });
        return;
      }
      const pool = poolKind(right, resolver);
      if (pool === 'multi-client')
        push(node, {
          kind: 'multi-client',
          detail: `falls back through the clients of ${truncate(right.text, 30)}`,
          rotated: true,
          aboutLlm: true,
        });
      else if (pool)
        push(node, {
          kind: 'key-switch-on-error',
          detail: `tries each key of ${truncate(right.text, 30)} in turn until one succeeds`,
          rotated: true,
          ...llmEvidence(pool, right, resolver),
        });
    }
  });
}

/** The name of an environment variable that holds a credential, as a prefix (`OPENAI_API_KEY`, `GEMINI_KEY_`). */
const KEY_NAME_PREFIX = /^[A-Z][A-Z0-9_]*(?:API_?KEY|_KEY|TOKEN)S?_?$/;

/**
 * `if env_key.startswith("OPENAI_API_KEY")` over the environment's names, or
 * `Object.keys(process.env).filter((k) => k.startsWith('GEMINI_API_KEY'))`: every variable of a
 * family is read as one more key. The prefix, when the call tests a name against one.
 */
function keyFamilyByPrefix(call: SyntaxNode, callee: string[] | undefined): string | undefined {
  if (callee?.length !== 2 || !/^(startswith|startsWith)$/.test(callee[1])) return undefined;
  const prefix = stringValue(argumentsOf(call).positional[0] ?? null);
  return prefix && KEY_NAME_PREFIX.test(prefix) ? prefix : undefined;
}

/** Fields of a configured upstream entry that hold its credential (`{ baseUrl, apiKey }`). */
const CREDENTIAL_FIELD = /^(api_?key|apiKey|api_?token|apiToken|access_?token|accessToken|secret_?key|secretKey)$/i;

/** `x.apiKey`, `x["api_key"]`: a credential field read off `holder` (any object when left out). */
function readsCredentialField(scope: SyntaxNode, holder?: string): boolean {
  let found = false;
  walk(scope, (n) => {
    if (found || n.type === 'comment') return false;
    const object = n.childForFieldName('object') ?? n.childForFieldName('value');
    if (!object || (holder !== undefined && object.text !== holder)) return;
    const field =
      n.type === 'member_expression' || n.type === 'attribute'
        ? (n.childForFieldName('property') ?? n.childForFieldName('attribute'))?.text
        : n.type === 'subscript' || n.type === 'subscript_expression'
          ? (n.childForFieldName('subscript') ?? n.childForFieldName('index'))?.text.replace(/^['"`]|['"`]$/g, '')
          : undefined;
    if (field && CREDENTIAL_FIELD.test(field)) found = true;
  });
  return found;
}

/**
 * `const api = apis[Math.floor(Math.random() * apis.length)]` then `api.apiKey`: one entry of a
 * list of upstreams, each with its own key, picked per request. The entry's key is read where it
 * is picked, or the entry is handed back to callers from a file that reads its entries' keys.
 */
function picksCredentialRecord(pick: SyntaxNode, root: SyntaxNode): boolean {
  let scope: SyntaxNode = pick;
  while (scope.parent && !isFunctionNode(scope)) scope = scope.parent;
  const parent = pick.parent;
  if (parent && (parent.type === 'member_expression' || parent.type === 'attribute'))
    return readsCredentialField(parent.parent ?? parent, pick.text);
  const holder =
    parent?.type === 'variable_declarator'
      ? parent.childForFieldName('name')?.text
      : parent?.type === 'assignment'
        ? parent.childForFieldName('left')?.text
        : undefined;
  if (!holder || !/^[\w$]+$/.test(holder)) return false;
  if (readsCredentialField(scope, holder)) return true;
  const returned = new RegExp(`\\breturn\\s+${holder.replace(/\$/g, '\\$')}\\b`).test(scope.text);
  return returned && readsCredentialField(root);
}

/** The signal of one key chosen from a pool by its usage or state (`min`, `find`, a loop keeping the best). */
function chosenKey(collection: SyntaxNode, resolver: Resolver): Omit<CredentialSignal, 'range'> {
  return {
    kind: 'key-choice',
    detail: `one key of ${truncate(collection.text, 30)} chosen by its usage or state`,
    rotated: true,
    ...llmEvidence('key-choice', collection, resolver),
  };
}

/** Calls that choose one element of a collection by a condition or an order. */
const SELECTORS = /(^|\.)(find|min|max|minBy|maxBy|min_by|max_by)$/;
/** Names of functions that hand out the index or the key to use next. */
const PICKING_NAME = /next|pick|select|rotat|choose|available|best|least|random|round_?robin/i;

/**
 * A collection of API keys for the selection shapes (`find`, `reduce`, a loop keeping the least-used
 * element), which are common on any list: the name must say keys, and no definition may show it is
 * something else (`Object.keys(row)`, `d.keys()`, `text.split(" ")`).
 */
function choosesAmongKeys(input: SyntaxNode, resolver: Resolver): boolean {
  const node = unwrapExpression(input);
  const path = node ? memberPath(node) : undefined;
  if (!node || !path || poolKind(node, resolver) !== 'key-choice') return false;
  const definitions = resolver.definitionsOf(path.join('.'), node);
  // `ready = [k for k in self.keys if …]`, `const ready = this.keys.filter(…)`: a part of a pool named for keys.
  const namedForKeys = (p: string[] | undefined) => !!p && /(keys|auths)$/i.test(p[p.length - 1]);
  if (!namedForKeys(path) && !definitions.some((d) => namedForKeys(memberPath(sourceCollection(d) ?? d)))) return false;
  return !definitions.some((d) => {
    const value = unwrapExpression(d);
    if (!value || !isCall(value)) return false;
    const leaf = memberPath(calleeOf(value))?.pop() ?? '';
    return (
      /^(keys|entries|values|items|getOwnPropertyNames|ownKeys)$/.test(leaf) ||
      (/^(split|splitlines)$/.test(leaf) && !splitsCredential(value))
    );
  });
}

/** The collection a comprehension iterates, or a subset method is called on. */
function sourceCollection(input: SyntaxNode): SyntaxNode | null {
  const node = unwrapExpression(input);
  if (!node) return null;
  if (node.type === 'list_comprehension' || node.type === 'generator_expression') {
    const clause = node.namedChildren.find((c) => c?.type === 'for_in_clause');
    return unwrapExpression(clause?.childForFieldName('right') ?? null);
  }
  if (isCall(node)) {
    const callee = calleeOf(node);
    const method = (callee?.childForFieldName('attribute') ?? callee?.childForFieldName('property'))?.text ?? '';
    if (SUBSET_METHODS.test(method)) return unwrapExpression(callee!.childForFieldName('object'));
  }
  return null;
}

/** Whether a loop body keeps its element for after the loop: `selected = key`, `best = key`, `return key`. */
function keepsElement(body: SyntaxNode, element: string): boolean {
  let kept = false;
  walk(body, (n) => {
    if (kept || isFunctionNode(n)) return false;
    if (n.type === 'assignment_expression' || n.type === 'assignment') {
      const left = unwrapExpression(n.childForFieldName('left'));
      const right = unwrapExpression(n.childForFieldName('right'));
      if (left?.type === 'identifier' && left.text !== element && right?.type === 'identifier' && right.text === element) kept = true;
    }
    if (n.type === 'return_statement' && n.namedChildren.some((c) => unwrapExpression(c)?.text === element)) kept = true;
  });
  return kept;
}

/** `const i = getNextAvailableKeyIndex(); KEYS[i]`: an index handed out by a picking function. */
function pickedIndex(input: SyntaxNode | null, resolver: Resolver): boolean {
  const node = unwrapExpression(input);
  if (!node) return false;
  const picks = (n: SyntaxNode | null) => {
    const value = unwrapExpression(n);
    if (!value || !isCall(value)) return false;
    const callee = memberPath(calleeOf(value));
    return !!callee && PICKING_NAME.test(callee[callee.length - 1]);
  };
  if (picks(node)) return true;
  const path = memberPath(node);
  return !!path && path.length === 1 && resolver.definitionsOf(path[0], node).some(picks);
}

/** Calls that start concurrent work on their arguments. */
const WORKER_STARTERS = /(^|\.)(create_task|ensure_future|start_soon|spawn|submit|apply_async|Thread|Process|Worker)$/;

/** Whether a loop body starts a worker that is handed `element` (`create_task(consume(q, element))`). */
function startsWorkerWith(body: SyntaxNode, element: string): boolean {
  let found = false;
  walk(body, (n) => {
    if (found || isFunctionNode(n)) return false;
    if (!isCall(n) || !WORKER_STARTERS.test(memberPath(calleeOf(n))?.join('.') ?? '')) return;
    walk(n.childForFieldName('arguments') ?? n, (a) => {
      if (a.type === 'identifier' && a.text === element) found = true;
      return !found;
    });
  });
  return found;
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
    const head =
      p.type === 'for_statement'
        ? ((p.childForFieldName('initializer') ?? p.childForFieldName('left'))?.text ?? '')
        : (p.childForFieldName('condition')?.text ?? '');
    const body = p.childForFieldName('body');
    if (new RegExp(`\\b${counter.text}\\b`).test(head) && body && hasErrorHandling(body)) return p;
  }
  return undefined;
}

/**
 * Whether a pool is known to be for a model, and whether it is named like keys or clients: only
 * such a pool is taken to be for the models its package calls (`message_tokens` is a count).
 */
function llmEvidence(
  pool: 'key-choice' | 'multi-client',
  collection: SyntaxNode,
  resolver: Resolver,
): Pick<CredentialSignal, 'aboutLlm' | 'keyNamed'> {
  const path = memberPath(unwrapExpression(collection) ?? collection);
  const names = [
    path?.[path.length - 1] ?? '',
    ...(path ? resolver.definitionsOf(path.join('.'), collection).map((d) => memberPath(sourceCollection(d) ?? d)?.pop() ?? '') : []),
  ];
  return { aboutLlm: aboutLlm(pool, collection, resolver), keyNamed: names.some((n) => /(keys|auths|clients|key_?(list|pool))$/i.test(n)) };
}

/** A pool of clients is about a provider; a pool of keys when its name or its sources say so. */
function aboutLlm(pool: 'key-choice' | 'multi-client', collection: SyntaxNode, resolver: Resolver): boolean {
  if (pool === 'multi-client') return !namedClientPool(unwrapExpression(collection) ?? collection, resolver);
  // A file that imports a model SDK keeps keys for it (`new GoogleGenerativeAI(keys[i])`).
  if (resolver.hasSdkImports()) return true;
  return sourceTexts(collection, resolver).some((t) => LLM_CREDENTIAL_NAME.test(t));
}

/**
 * The text of a collection and of what it was made from, a few definitions back: `keys =
 * raw.split(",")` after `raw = process.env.GEMINI_API_KEYS` names the provider two steps up.
 */
function sourceTexts(collection: SyntaxNode, resolver: Resolver): string[] {
  const texts = [collection.text];
  let frontier = [collection];
  for (let depth = 0; depth < 3 && frontier.length; depth++) {
    const next: SyntaxNode[] = [];
    for (const node of frontier) {
      const path = memberPath(unwrapExpression(node) ?? node);
      const head = path ? path.join('.') : /^[\w$]+/.exec(node.text)?.[0];
      for (const d of head ? resolver.definitionsOf(head, node).slice(0, 4) : []) {
        texts.push(d.text.slice(0, 300));
        next.push(d);
      }
    }
    frontier = next;
  }
  return texts;
}

/** What a collection expression is a pool of: keys, clients, or nothing known. */
function poolKind(input: SyntaxNode, resolver: Resolver): 'key-choice' | 'multi-client' | undefined {
  const node = unwrapExpression(input);
  if (!node) return undefined;
  const value = resolver.evaluate(node);
  if (value?.kind === 'object' && value.collection) return 'multi-client';
  if (isKeyCollection(node, resolver, 0)) return 'key-choice';
  return namedClientPool(node, resolver) ? 'multi-client' : undefined;
}

/** Names of collections of API clients, and of clients that are not a model's (databases, caches, HTTP). */
const CLIENT_COLLECTION = /(^|_|[a-z])(clients|Clients|CLIENTS)$/;
const NOT_MODEL_CLIENT = /redis|db|database|pg|postgres|mongo|sql|prisma|http|axios|s3|kafka|grpc|ws|socket|cache|queue|mail|smtp/i;

/**
 * `clients = creds.map(c => new GeminiApiClient(c))`: a list of the project's own API clients,
 * known by name. Whether it is about a model is left to the package's provider calls.
 */
function namedClientPool(node: SyntaxNode, resolver: Resolver): boolean {
  const path = memberPath(node);
  if (!path || !CLIENT_COLLECTION.test(path[path.length - 1]) || NOT_MODEL_CLIENT.test(path.join('.'))) return false;
  return !resolver.definitionsOf(path.join('.'), node).some((d) => NOT_MODEL_CLIENT.test(d.text.slice(0, 300)));
}

/** A collection of credentials: by name, or by what it is built from. */
function isKeyCollection(node: SyntaxNode, resolver: Resolver, depth: number): boolean {
  if (depth > 3) return false;
  const path = memberPath(node);
  const leaf = path?.[path.length - 1] ?? '';
  if (TOKEN_COUNT_NAME.test(leaf)) return false;
  if (path && KEY_COLLECTION.test(leaf) && !/^(dict|object|Object)$/.test(path[0])) return true;
  if (node.type === 'call' || node.type === 'call_expression') {
    const callee = calleeOf(node);
    // `itertools.cycle(KEYS)`, `deque(keys)`, `[...keys]`: the same pool, wrapped.
    const wrapper = memberPath(callee)?.pop() ?? '';
    const method =
      callee?.type === 'attribute' || callee?.type === 'member_expression'
        ? ((callee.childForFieldName('attribute') ?? callee.childForFieldName('property'))?.text ?? '')
        : '';
    // `this.keys.filter(isFresh)`, `keys.slice(1)`: a subset of the pool is the pool.
    if (SUBSET_METHODS.test(method)) {
      const object = unwrapExpression(callee!.childForFieldName('object'));
      if (object && isKeyCollection(object, resolver, depth + 1)) return true;
    }
    if (/^(cycle|iter|list|deque|tuple|shuffle|sorted|filter|Queue|from)$/.test(wrapper)) {
      return argumentsOf(node).positional.some((a) => isKeyCollection(unwrapExpression(a) ?? a, resolver, depth + 1));
    }
    // `os.environ["OPENAI_KEYS"].split(",")`, `(process.env.KEYS || '').split(',').filter(Boolean)`
    return splitsCredential(node);
  }
  if (node.type === 'list' || node.type === 'array' || node.type === 'tuple') {
    const items = node.namedChildren.filter((c) => c && c.type !== 'comment');
    return items.length >= 2 && items.filter((c) => readsCredential(c)).length >= 2;
  }
  if (node.type === 'list_comprehension' || node.type === 'generator_expression') {
    if (readsCredential(node.childForFieldName('body'))) return true;
    // `[k for k in self.keys if ready(k)]`: the pool, filtered.
    const source = sourceCollection(node);
    const body = unwrapExpression(node.childForFieldName('body'));
    const element = node.namedChildren.find((c) => c?.type === 'for_in_clause')?.childForFieldName('left');
    return !!source && !!body && body.text === element?.text && isKeyCollection(source, resolver, depth + 1);
  }
  if (node.type === 'identifier' || node.type === 'attribute' || node.type === 'member_expression') {
    const name = path?.join('.') ?? node.text;
    return resolver.definitionsOf(name, node).some((d) => isKeyCollection(unwrapExpression(d) ?? d, resolver, depth + 1));
  }
  return false;
}

/** Methods returning part of a collection, in the same order or reordered. */
const SUBSET_METHODS = /^(filter|slice|concat|sort|toSorted|reverse|copy|copyWithin)$/;
/** Methods of a string or list that clean its parts without changing what they are. */
const CLEANING_METHODS = /^(map|filter|trim|strip|filter_map)$/;

/**
 * Keys split from one credential value: `os.environ["KEYS"].split(",")`, `(process.env.OPENROUTER_API_KEYS
 * || '').split(',').map(k => k.trim()).filter(Boolean)`, `Deno.env.get('API_KEYS')?.split(',')`.
 */
export function splitsCredential(input: SyntaxNode | null): boolean {
  let node = unwrapExpression(input);
  for (let i = 0; node && isCall(node) && i < 6; i++) {
    const callee = calleeOf(node);
    if (callee?.type !== 'attribute' && callee?.type !== 'member_expression') return false;
    const method = (callee.childForFieldName('attribute') ?? callee.childForFieldName('property'))?.text ?? '';
    const object = unwrapExpression(callee.childForFieldName('object'));
    if (/^(split|splitlines)$/.test(method)) return readsCredential(fallbackSide(object));
    if (!CLEANING_METHODS.test(method)) return false;
    node = object;
  }
  return false;
}

/** `a || ''`, `a ?? ""`, `a or ""`: the side that holds the value. */
function fallbackSide(input: SyntaxNode | null): SyntaxNode | null {
  const node = unwrapExpression(input);
  if (
    (node?.type === 'binary_expression' || node?.type === 'boolean_operator') &&
    /^(\|\||\?\?|or)$/.test(node.childForFieldName('operator')?.text ?? '')
  ) {
    return unwrapExpression(node.childForFieldName('left'));
  }
  return node;
}

/** An expression that reads a credential: an env or config read by a key-like name, or a name that is one. */
function readsCredential(input: SyntaxNode | null): boolean {
  const node = unwrapExpression(input);
  if (!node) return false;
  const text = node.text.slice(0, 200);
  const path = memberPath(node);
  if (path)
    return (
      KEY_SOURCE_NAME.test(path[path.length - 1]) &&
      (path.length === 1 || ENV_READER.test(path.slice(0, -1).join('.')) || /^(self|this)$/.test(path[0]))
    );
  // `os.environ["OPENAI_API_KEY_1"]`, `process.env[`GEMINI_API_KEY_${i}`]`, `config.get("api_keys")`
  return ENV_READER.test(text) && KEY_SOURCE_NAME.test(text.replace(/^[^[(]*[[(]/, ''));
}

/** An index that picks a different element per request: rotating, or handed out by a picking function. */
function isPickingIndex(index: SyntaxNode, resolver: Resolver): boolean {
  return rotatingIndex(index, resolver, 0) || pickedIndex(index, resolver);
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
  const texts = [
    index.text,
    ...(memberPath(index) ? resolver.definitionsOf(memberPath(index)!.join('.'), index).map((d) => d.text) : []),
  ].join(' ');
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
