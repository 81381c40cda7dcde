// Requests a script sends to the project's own API routes: a load test or eval script that posts
// each test case to `http://localhost:3000/api/parse` reaches the model call in that route's
// handler (`app/api/parse/route.ts`), though it names no SDK itself. The extraction records the
// route path and method; the workspace finds the handler by the file-system routing of the
// frameworks that route by path (Next.js app and pages routers).
import type { SyntaxNode } from '../parse/syntax-tree';
import type { LocalCall } from '../types';
import type { Resolver } from './resolver';
import { httpRequestOf } from './http';
import { argumentsOf, calleeOf, memberPath, stringValue } from './syntax';

/** A path on this machine's server (`/api/…` alone, or after a localhost origin). */
const OWN_ROUTE = /^(?:https?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?::\d+)?)?(\/api\/[\w\-/]+?)\/?(?:[?#]|$)/;
const METHODS = /^(get|post|put|patch|delete)$/i;

/** `fetch("http://localhost:3033/api/expenses/parse", { method: "POST" })`: the route path and method. */
export function ownRouteRequest(call: SyntaxNode, resolver: Resolver): LocalCall['requestsRoute'] {
  const request = httpRequestOf(call, resolver);
  const url = request ? (OWN_ROUTE.test(request.url) ? request.url : configuredString(request.urlNode, resolver)) : undefined;
  const path = url ? OWN_ROUTE.exec(url)?.[1] : undefined;
  if (!path) return undefined;
  const leaf = memberPath(calleeOf(call))?.pop() ?? '';
  if (METHODS.test(leaf)) return { path, method: leaf.toUpperCase() };
  // `fetch(url, { method: 'POST', … })`
  const options = argumentsOf(call).positional[1];
  const pair =
    options?.type === 'object'
      ? options.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text === 'method')
      : undefined;
  const method = stringValue(pair?.childForFieldName('value') ?? null);
  return { path, method: method && METHODS.test(method) ? method.toUpperCase() : 'GET' };
}

/** `CONFIG.API_ENDPOINT` where `const CONFIG = { API_ENDPOINT: "http://…" }`: the string the property holds. */
function configuredString(node: SyntaxNode | null, resolver: Resolver): string | undefined {
  const path = node ? memberPath(node) : undefined;
  if (!path || path.length !== 2) return undefined;
  for (const def of resolver.definitionsOf(path[0], node ?? undefined)) {
    if (def.type !== 'object' && def.type !== 'dictionary') continue;
    for (const pair of def.namedChildren) {
      const key = pair?.type === 'pair' ? pair.childForFieldName('key') : undefined;
      if (key && (key.text === path[1] || stringValue(key) === path[1])) return stringValue(pair!.childForFieldName('value'));
    }
  }
  return undefined;
}

/** Where file-system routers keep the handler of `path`: `app/<path>/route.ts`, `pages/<path>.ts`. */
export function routeFilePattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|/)(src/)?(app${escaped}/route|pages${escaped}(/index)?)\\.[cm]?[jt]sx?$`);
}

/** The route path a router file serves (`src/app/api/chat/route.ts` → `/api/chat`), if it is one. */
export function routeOfFile(file: string): string | undefined {
  const m = /(?:^|\/)(?:src\/)?(?:app(\/api\/[\w\-/]+)\/route|pages(\/api\/[\w\-/]+?)(?:\/index)?)\.[cm]?[jt]sx?$/.exec(file);
  return m?.[1] ?? m?.[2];
}
