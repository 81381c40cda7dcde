// Raw HTTP calls to providers' endpoints: fetch, axios, requests, httpx, aiohttp. A call counts
// when an HTTP client sends a request whose URL (literal, constant, f-string/template with known
// constants, or a client's base URL + relative path) is a provider endpoint. Route declarations
// of servers that *serve* such paths (`app.post("/v1/chat/completions", handler)`) are not calls.
import type { SyntaxNode } from '../parse/syntax-tree';
import { ENDPOINT_PATHS, LOCAL_ENDPOINT_PATHS, providerForHost } from '../providers';
import { HOSTED_PROVIDER_NAME } from '../provider-vocabulary';
import type { ApiFamily, ProviderId } from '../types';
import { hostOf, type Resolver } from './resolver';
import { argumentsOf, calleeOf, isCall, isFunctionNode, memberPath, unwrapExpression } from './syntax';

/** Module-level request functions: `requests.post(url)`, `fetch(url)`, `axios.post(url)`. */
const HTTP_FUNCTIONS = new RegExp(
  String.raw`^(fetch|axios|axios\.(post|request|put)|requests\.(post|request|put)|httpx\.(post|request|stream)|ky|ky\.post|got|` +
    String.raw`got\.post|ofetch|\$fetch|undici\.request|request|urlopen|(urllib\.)?request\.urlopen|aiohttp\.request)$`,
);
/** Methods that send a request on a client/session object. */
const HTTP_METHODS = /^(post|request|stream|put|send|fetch)$/;
/** Constructors of HTTP client objects, whose methods send requests. */
const HTTP_CLIENT_FACTORIES = new RegExp(
  String.raw`^(requests\.Session|requests\.session|httpx\.(Async)?Client|aiohttp\.ClientSession|ClientSession|(Async)?Client|` +
    String.raw`axios\.create|ky\.create|got\.extend|urllib3\.PoolManager)$`,
);
/** Receiver names that are HTTP clients by convention, when their definition is not visible. */
const HTTP_RECEIVER_NAME = /(^|_)(client|session|sess|http|https|axios|instance|api_client|apiclient|http_client|httpclient)$/i;
/** Receivers that declare routes (`app.post('/v1/messages', handler)`), never send requests. */
const ROUTER_RECEIVER = /^(app|router|api|server|fastify|hono|blueprint|bp|routes?|r)$/i;

export interface HttpCall {
  provider: ProviderId;
  api: ApiFamily;
  host?: string;
}

/** An HTTP request a call sends: its URL as far as it can be known, and the host its client was made for. */
export interface HttpRequest {
  url: string;
  urlNode: SyntaxNode | null;
  clientHost?: string;
}

/** The HTTP request a call sends (`fetch(url)`, `requests.post(url)`, `session.post(url)`), not a route it declares. */
export function httpRequestOf(call: SyntaxNode, resolver: Resolver): HttpRequest | undefined {
  if (call.type === 'new_expression' || isDecorator(call)) return undefined;
  const callee = calleeOf(call);
  const path = memberPath(callee);
  if (!path) return undefined;
  const joined = path.join('.');
  const method = path[path.length - 1];
  const args = argumentsOf(call);
  // A server route: a handler function among the arguments.
  if (args.positional.some((a) => isFunctionNode(a) || (a.type === 'identifier' && /handler|controller/i.test(a.text)))) return undefined;
  let clientHost: string | undefined;
  if (!HTTP_FUNCTIONS.test(joined)) {
    if (path.length < 2 || !HTTP_METHODS.test(method)) return undefined;
    const receiver = callee?.childForFieldName('object') ?? null;
    const client = httpClientOf(receiver, resolver);
    if (!client.isClient) return undefined;
    clientHost = client.host;
  }
  // `axios({ method: 'post', url })` passes one config object: its `url` is the URL.
  const first = args.positional[0]?.type === 'object' ? undefined : args.positional[0];
  const urlNode = first ?? args.named.get('url') ?? args.named.get('URL') ?? null;
  const url = urlText(urlNode, resolver);
  return url ? { url, urlNode, clientHost } : undefined;
}

/** A request to a provider endpoint, or undefined. */
export function resolveHttpCall(call: SyntaxNode, resolver: Resolver): HttpCall | undefined {
  const request = httpRequestOf(call, resolver);
  if (!request) return undefined;
  const { url, urlNode, clientHost } = request;
  const host = hostOf(url) ?? clientHost;
  // A path on the app's own server, unless the URL is built on a base the resolver cannot know
  // (`${apiBase.replace(/\/$/, '')}/chat/completions`, `f"{base}/v1/messages"`).
  if (!hostOf(url) && !clientHost && url.startsWith('/') && !hasUnknownBase(urlNode, resolver)) return undefined;
  const byHost = host ? providerForHost(host) : undefined;
  if (byHost === 'local') {
    const api = LOCAL_ENDPOINT_PATHS.find(([re]) => re.test(url))?.[1] ?? ENDPOINT_PATHS.find(({ path }) => path.test(url))?.api;
    return api ? { provider: 'local', api, host } : undefined;
  }
  const endpoint = ENDPOINT_PATHS.find(({ path }) => path.test(url));
  let api = endpoint?.api;
  // `f"{OPENAI_BASE}{path}"`: a POST to a provider's host whose path the caller passes in still
  // reaches the provider (a project's own request helper); its endpoint is unknown.
  if (!api && byHost && /\{[^}]*\}$|\$\{[^}]*\}$/.test(url) && hostOf(url)) api = 'other';
  if (!api) return undefined;
  const provider = byHost ?? providerNamedIn(url) ?? endpoint?.shapeOf ?? 'unknown';
  return { provider, api, host };
}

/** The URL as far as it can be known; keeps `${BASE}/v1/messages` shapes when BASE is unknown. */
function urlText(node: SyntaxNode | null, resolver: Resolver, depth = 0): string | undefined {
  if (!node) return undefined;
  const built = urlObjectText(node, resolver, depth);
  if (built !== undefined) return built;
  const value = resolver.stringOf(node);
  if (value !== undefined) return value;
  const inner = unwrapExpression(node);
  if (!inner) return undefined;
  // `const url = `${apiBase}/chat/completions`; fetch(url)`: the URL's own definition, when the
  // base is a parameter the resolver cannot know.
  if (inner.type === 'identifier' && depth < 2) {
    for (const def of resolver.definitionsOf(inner.text, inner)) {
      const text = urlText(def, resolver, depth + 1);
      if (text && (ENDPOINT_PATHS.some(({ path }) => path.test(text)) || providerHost(text))) return text;
    }
  }
  // `new URL("/v1/messages", base)`, `urljoin(base, "/v1/messages")`: the path literal is enough.
  if (isCall(inner)) {
    // `urllib.request.Request(url=URL, data=…)`: a request object built with its URL.
    const named = argumentsOf(inner).named.get('url');
    const byName = named ? resolver.stringOf(named) : undefined;
    if (byName) return byName;
    const parts = argumentsOf(inner).positional.map((a) => resolver.stringOf(a) ?? '');
    const joined = parts.join('');
    return joined || undefined;
  }
  return inner.text;
}

/**
 * A URL object's text: `new URL(req.url.pathname, GEMINI_BASE)` is the base with a path the caller
 * chose; `target.toString()`, `target.href` and `String(target)` read the object `target` holds.
 */
function urlObjectText(node: SyntaxNode, resolver: Resolver, depth: number): string | undefined {
  const inner = unwrapExpression(node);
  if (!inner || depth > 3) return undefined;
  const wrapped = urlObjectOf(inner);
  if (wrapped) return urlText(wrapped, resolver, depth + 1);
  if (inner.type === 'new_expression' && memberPath(calleeOf(inner))?.join('.') === 'URL') {
    const [path, base] = argumentsOf(inner).positional;
    const baseText = base ? resolver.stringOf(base) : undefined;
    if (baseText && hostOf(baseText)) return baseText.replace(/\/$/, '') + (resolver.stringOf(path) ?? '/${path}');
    return undefined;
  }
  if (inner.type === 'identifier') {
    const definitions = resolver.definitionsOf(inner.text, inner);
    const made = definitions.length === 1 ? unwrapExpression(definitions[0]) : null;
    if (made?.type === 'new_expression' && memberPath(calleeOf(made))?.join('.') === 'URL') return urlObjectText(made, resolver, depth + 1);
  }
  return undefined;
}

/** A hosted provider's host in a URL text. */
function providerHost(url: string): boolean {
  const host = hostOf(url);
  const provider = host ? providerForHost(host) : undefined;
  return !!provider && provider !== 'local';
}

/** The URL object a `.toString()`, `.href` or `String(…)` reads. */
function urlObjectOf(node: SyntaxNode): SyntaxNode | null {
  if (isCall(node)) {
    const callee = calleeOf(node);
    const path = memberPath(callee);
    if (path?.join('.') === 'String') return argumentsOf(node).positional[0] ?? null;
    if (path && path.length > 1 && path[path.length - 1] === 'toString' && argumentsOf(node).positional.length === 0)
      return callee?.childForFieldName('object') ?? null;
    return null;
  }
  if (node.type === 'member_expression' && node.childForFieldName('property')?.text === 'href') return node.childForFieldName('object');
  return null;
}

/** Whether a URL expression starts with an interpolated or concatenated base (`${base}/…`, `base + "/…"`). */
function hasUnknownBase(node: SyntaxNode | null, resolver: Resolver, depth = 0): boolean {
  const inner = unwrapExpression(node);
  if (!inner || depth > 2) return false;
  if (inner.type === 'identifier') return resolver.definitionsOf(inner.text, inner).some((d) => hasUnknownBase(d, resolver, depth + 1));
  if (inner.type === 'binary_expression' || inner.type === 'binary_operator') {
    const left = unwrapExpression(inner.childForFieldName('left'));
    return !!left && left.type !== 'string' && left.type !== 'template_string';
  }
  if (inner.type === 'template_string' || inner.type === 'string') {
    const holes = inner.namedChildren.filter((c) => c && (c.type === 'interpolation' || c.type === 'template_substitution'));
    const first = holes[0];
    if (!first) return false;
    // Only quotes / an f prefix before the first hole.
    return /^[fFrRbB]*['"`]{1,3}$/.test(inner.text.slice(0, first.startIndex - inner.startIndex));
  }
  return false;
}

/** Whether a receiver is an HTTP client, and its base URL host when one is given. */
function httpClientOf(receiver: SyntaxNode | null, resolver: Resolver): { isClient: boolean; host?: string } {
  const node = unwrapExpression(receiver);
  if (!node) return { isClient: false };
  if (isCall(node)) return clientFromFactory(node, resolver) ?? { isClient: false };
  const path = memberPath(node);
  if (!path) return { isClient: false };
  const name = path.join('.');
  for (const def of resolver.definitionsOf(name, node)) {
    const made = isCall(unwrapExpression(def) ?? def) ? clientFromFactory(unwrapExpression(def)!, resolver) : undefined;
    if (made) return made;
  }
  const leaf = path[path.length - 1];
  if (ROUTER_RECEIVER.test(leaf)) return { isClient: false };
  return { isClient: HTTP_RECEIVER_NAME.test(leaf) };
}

function clientFromFactory(call: SyntaxNode, resolver: Resolver): { isClient: boolean; host?: string } | undefined {
  const factory = memberPath(calleeOf(call))?.join('.');
  if (!factory || !HTTP_CLIENT_FACTORIES.test(factory)) return undefined;
  return { isClient: true, host: resolver.hostFromArguments(call) };
}

function isDecorator(call: SyntaxNode): boolean {
  return call.parent?.type === 'decorator';
}

/** A hosted provider the URL names on an unknown host (`https://gateway.example/anthropic/v1/…`). */
function providerNamedIn(url: string): ProviderId | undefined {
  return HOSTED_PROVIDER_NAME.exec(url)?.[1]?.toLowerCase() as ProviderId | undefined;
}
