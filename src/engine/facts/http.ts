// Raw HTTP calls to providers' endpoints: fetch, axios, requests, httpx, aiohttp.
import type { Node } from 'web-tree-sitter';
import { ENDPOINT_PATHS, providerForHost } from '../providers';
import type { ApiFamily, ProviderId } from '../types';
import { hostOf, type Resolver } from './resolver';
import { argumentsOf, calleeOf, memberPath } from './syntax';

const HTTP_CALLEES = /^(fetch|axios|axios\.(post|request|put)|requests\.(post|request|put)|httpx\.(post|request|stream)|ky\.post|got\.post|got|ofetch|\$fetch|urllib\.request\.urlopen|urlopen|request)$/;
const HTTP_METHODS = /^(post|request|stream|put|send)$/;

export interface HttpCall { provider: ProviderId; api: ApiFamily; host?: string }

/** A POST to a provider endpoint, recognised by its URL (literal, constant or template head). */
export function resolveHttpCall(call: Node, resolver: Resolver): HttpCall | undefined {
  const callee = calleeOf(call);
  const path = memberPath(callee);
  if (!path) return undefined;
  const joined = path.join('.');
  const method = path[path.length - 1];
  if (!HTTP_CALLEES.test(joined) && !(path.length >= 2 && HTTP_METHODS.test(method) && /client|session|http|axios|api|instance/i.test(path[path.length - 2]))) return undefined;
  const args = argumentsOf(call);
  const urlNode = args.positional[0] ?? args.named.get('url') ?? null;
  let url = urlNode ? resolver.stringOf(urlNode) : undefined;
  if (url === undefined && urlNode) url = urlNode.text; // keep `${BASE}/v1/messages` shapes
  if (!url) return undefined;
  const api = ENDPOINT_PATHS.find(([re]) => re.test(url!))?.[1];
  if (!api) return undefined;
  const host = hostOf(url) ?? baseUrlHost(call, resolver);
  const provider = (host ? providerForHost(host) : undefined) ?? guessProviderFromPath(url) ?? 'unknown';
  return { provider, api, host };
}

function baseUrlHost(call: Node, resolver: Resolver): string | undefined {
  // axios.create({ baseURL }) / httpx.Client(base_url=...) on the receiver
  const callee = calleeOf(call);
  const receiver = callee?.childForFieldName('object');
  if (!receiver) return undefined;
  const path = memberPath(receiver)?.join('.');
  for (const def of path ? resolver.definitionsOf(path) : []) {
    if (def.type === 'call' || def.type === 'call_expression') {
      const host = resolver.hostFromArguments(def);
      if (host) return host;
    }
  }
  return undefined;
}

function guessProviderFromPath(url: string): ProviderId | undefined {
  if (/\/v1\/messages\b/.test(url) && /anthropic/i.test(url)) return 'anthropic';
  if (/generateContent/.test(url)) return 'google';
  if (/anthropic/i.test(url)) return 'anthropic';
  if (/openai/i.test(url)) return 'openai';
  return undefined;
}
