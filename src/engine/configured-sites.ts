// What the config teaches the engine about call sites: functions of internal packages that call
// a provider (`wrappers`), and gateway hosts that front one (`providerHosts`). Applied after the
// facts pass, so cached facts stay valid when only the config changes.
import type { FileFacts, LocalCall } from './types';
import type { CustomWrapper, ResolvedConfig } from './config';
import type { LinkedCallSite } from './workspace';
import escapeRegExp from 'escape-string-regexp';

/** Calls to configured wrappers become call sites, unless the workspace already links them. */
export function configuredWrapperSites(
  files: Map<string, FileFacts>,
  wrappers: CustomWrapper[],
  linked: LinkedCallSite[],
): LinkedCallSite[] {
  if (!wrappers.length) return [];
  const taken = new Set(linked.map((s) => `${s.file}:${s.range.startLine}:${s.range.startColumn}`));
  const out: LinkedCallSite[] = [];
  for (const facts of files.values()) {
    for (const call of facts.localCalls) {
      const wrapper = wrappers.find((w) => callsWrapper(call, w));
      if (!wrapper || taken.has(`${facts.file}:${call.range.startLine}:${call.range.startColumn}`)) continue;
      const site: LinkedCallSite = {
        file: facts.file,
        range: call.range,
        provider: wrapper.provider,
        api: 'chat',
        callee: call.name,
        params: {},
        enclosingFunction: call.enclosingFunction,
        repetition: call.repetition,
        inRequestHandler: call.inRequestHandler,
        inTest: call.inTest,
        resultName: call.resultName,
        target: undefined as unknown as LinkedCallSite['target'],
        callerRepetitions: 0,
      };
      site.target = site;
      out.push(site);
    }
  }
  return out;
}

/** `from acme.llm import complete` / `import { complete } from '@acme/llm'` / `llm.complete(...)` after `import acme.llm as llm`. */
function callsWrapper(call: LocalCall, wrapper: CustomWrapper): boolean {
  if (!call.importedFrom) return false;
  const module = normaliseModule(wrapper.module);
  const from = normaliseModule(call.importedFrom);
  if (from !== module && !from.endsWith('/' + module) && !module.endsWith('/' + from)) return false;
  const leaf = call.name.split('.').pop();
  const fn = wrapper.function.split('.').pop();
  return leaf === fn || call.importedName === wrapper.function;
}

function normaliseModule(module: string): string {
  return module
    .replace(/^\.\/|^\.+/, '')
    .replace(/\.(ts|tsx|js|mjs|cjs|py)$/, '')
    .replace(/\./g, '/');
}

/** A configured gateway host decides the provider (an internal proxy in front of Anthropic, a local vLLM). */
export function applyProviderHosts<T extends LinkedCallSite>(sites: T[], hosts: ResolvedConfig['providerHosts']): T[] {
  const entries = Object.entries(hosts);
  if (!entries.length) return sites;
  const providerOf = (host: string | undefined) => host && entries.find(([h]) => host === h || host.endsWith('.' + h))?.[1];
  return sites.map((site) => {
    const provider = providerOf(site.target.host ?? site.host);
    return provider ? { ...site, provider } : site;
  });
}

/** Function names of configured wrappers, as a word regex: files calling them need parsing too. */
export function configuredWrapperPattern(wrappers: CustomWrapper[]): RegExp | undefined {
  const names = [...new Set(wrappers.map((w) => w.function.split('.').pop()!))].filter(Boolean);
  if (!names.length) return undefined;
  return new RegExp(`\\b(${names.map((n) => escapeRegExp(n)).join('|')})\\b`);
}
