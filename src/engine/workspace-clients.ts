// Cross-file clients: `from .clients import client` / `import { openai } from '../lib/openai'`.
// A call on an imported object was recorded with its member chain (a DeferredCall); here, once
// every file's exported clients are known, the chain is walked through the SDK table to decide
// whether it is a provider call and which provider it reaches.
import { SDKS, TRANSPARENT_SEGMENTS, type Member, type SdkSpec } from './providers';
import type { ApiFamily, CallSite, ExportedClient, FileFacts, ProviderId, WorkspaceRef } from './types';
import { throughReexports } from './reexports';

/** Finds the workspace file an import source names, seen from a file (WorkspaceIndex.resolveModule). */
export type ModuleResolver = (fromFile: string, source: string) => string | undefined;

/** An SDK object as value flow carries it between files and functions. */
export interface ClientObject {
  sdk: SdkSpec;
  type: string;
  provider: ProviderId;
  host?: string;
}

const SDK_BY_ID = new Map(SDKS.map((sdk) => [sdk.id, sdk]));

/** The deferred calls of a file that turn out to be provider calls, as call sites. */
export function resolveDeferredCalls(facts: FileFacts, files: Map<string, FileFacts>, resolveModule: ModuleResolver): CallSite[] {
  const out: CallSite[] = [];
  for (const deferred of facts.deferredCalls ?? []) {
    if (!deferred.ref) continue;
    const start = clientOfRef(facts.file, deferred.ref, files, resolveModule);
    const resolved = start && walkMembers(start.client, start.rest);
    if (resolved && 'api' in resolved)
      out.push({ ...deferred.site, provider: resolved.provider, api: resolved.api, host: resolved.host ?? deferred.site.host });
  }
  return out;
}

/** `from pkg import mod` imports a submodule: its source is `pkg.mod` (or `..mod` for `from .. import mod`). */
export function submoduleSource(source: string, name: string): string | undefined {
  if (name === '*' || name === 'default' || source.includes('/')) return undefined;
  return /\.$/.test(source) ? source + name : `${source}.${name}`;
}

/** An SDK client described in the facts' own terms (an argument's value), as a client object. */
export function clientObject(sdk: string, type: string, provider: ProviderId, host?: string): ClientObject | undefined {
  const spec = SDK_BY_ID.get(sdk);
  return spec ? { sdk: spec, type, provider, host } : undefined;
}

/**
 * The client an import reference starts from (a module-level client, or a factory's result), and
 * the segments of the reference still to apply.
 */
export function clientOfRef(
  file: string,
  ref: WorkspaceRef,
  files: Map<string, FileFacts>,
  resolveModule: ModuleResolver,
): { client: ClientObject; rest: string[] } | undefined {
  const start = startingExport(file, ref, files, resolveModule);
  if (!start) return undefined;
  let rest = start.rest;
  const sdk = SDK_BY_ID.get(start.client.sdk);
  if (!sdk) return undefined;
  if (start.client.factory) {
    if (rest[0] !== '()') return undefined;
    rest = rest.slice(1);
  }
  return { client: { sdk, type: start.client.type, provider: start.client.provider, host: start.client.host }, rest };
}

/**
 * Walks a member chain from a client through the SDK table: `messages.create()` ends in a provider
 * call, `with_options(...)` or `chats.create()` in another object; undefined when the chain leaves the SDK.
 */
export function walkMembers(
  start: ClientObject,
  rest: string[],
): { provider: ProviderId; api: ApiFamily; host?: string } | { object: ClientObject } | undefined {
  let object = start;
  let path: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const segment = rest[i];
    if (segment !== '()') {
      if (!TRANSPARENT_SEGMENTS.has(segment)) path.push(segment);
      continue;
    }
    const member: Member | undefined = object.sdk.types[object.type]?.[path.join('.')];
    if (!member) return undefined;
    if ('returns' in member) {
      if (!object.sdk.types[member.returns]) return undefined;
      object = { ...object, type: member.returns, provider: member.provider ?? object.provider };
      path = [];
      continue;
    }
    if ('api' in member && i === rest.length - 1) return { provider: object.provider, api: member.api, host: object.host };
    return undefined;
  }
  return path.length ? undefined : { object };
}

/** The exported client the reference starts from, and the segments applied to it. */
function startingExport(
  file: string,
  ref: WorkspaceRef,
  files: Map<string, FileFacts>,
  resolveModule: ModuleResolver,
): { client: ExportedClient; rest: string[] } | undefined {
  const moduleFile = resolveModule(file, ref.source);
  const sub = submoduleSource(ref.source, ref.importedName);
  const subFile = sub ? resolveModule(file, sub) : undefined;
  const named = ref.importedName === '*' ? undefined : ref.importedName;
  if (moduleFile && named) {
    // Its own export, or one a package's index re-exports (`export { Agent } from "./agent.js"`).
    const client = throughReexports(moduleFile, named, files, resolveModule, (at, name) =>
      files.get(at)?.exportedClients?.find((c) => c.name === name),
    );
    if (client) return { client, rest: ref.segments };
  }
  // `import * as clients from './clients'` / `from app import clients`: the first segment is the export.
  const namespaceFile = named ? subFile : moduleFile;
  const first = ref.segments[0];
  if (namespaceFile && first && first !== '()') {
    const client = files.get(namespaceFile)?.exportedClients?.find((c) => c.name === first);
    if (client) return { client, rest: ref.segments.slice(1) };
  }
  return undefined;
}
