// The call-site inventory as a CycloneDX 1.6 BOM (an "AI bill of materials" other supply-chain
// tools read): each provider a service, each model literal a machine-learning-model component,
// each call site an occurrence of its model with how the model is used (API family, workload,
// volume, rules, annotation state). Occurrences carry no properties in 1.6, so a call site's
// facts are properties of its component named after the occurrence's bom-ref. Key pools are
// recorded as where they are, never what they hold.
import type { FileFacts, Finding, ProviderId } from '../types';
import type { InventoryEntry, InventoryReport } from './inventory';
import { HOST_PROVIDERS } from '../providers';
import { providerName } from '../rules/describe';
import { redactSecrets } from '../secrets';
import { TOOL } from './json';

export const CYCLONEDX_SPEC_VERSION = '1.6';
/** Property names are namespaced by the tool, as CycloneDX asks of names not in its own taxonomy. */
const NS = 'prompt-pattern-review';

export interface CycloneDxProperty {
  name: string;
  value: string;
}
export interface CycloneDxOccurrence {
  'bom-ref': string;
  location: string;
  line: number;
  offset: number;
  symbol: string;
  additionalContext: string;
}
export interface CycloneDxComponent {
  type: 'machine-learning-model' | 'application';
  'bom-ref': string;
  name: string;
  publisher?: string;
  description?: string;
  evidence?: { occurrences: CycloneDxOccurrence[] };
  properties?: CycloneDxProperty[];
}
export interface CycloneDxService {
  'bom-ref': string;
  provider?: { name: string };
  name: string;
  description: string;
  endpoints?: string[];
  authenticated?: boolean;
  'x-trust-boundary': boolean;
  properties: CycloneDxProperty[];
}
export interface CycloneDxBom {
  $schema: string;
  bomFormat: 'CycloneDX';
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: {
    timestamp: string;
    tools: { components: { type: 'application'; name: string; version: string }[] };
    component: CycloneDxComponent;
  };
  components: CycloneDxComponent[];
  services: CycloneDxService[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

export interface CycloneDxInput {
  inventory: InventoryReport;
  facts: Map<string, FileFacts>;
  findings: readonly Finding[];
  /** `urn:uuid:…`; a new one per BOM by default. */
  serialNumber?: string;
  timestamp?: string;
}

/** Hosts in HOST_PROVIDERS that are only suffixes of per-account hosts: not an endpoint on their own. */
const SUFFIX_ONLY_HOSTS = new Set(['openai.azure.com', 'amazonaws.com']);
/** Credential signals that are pools of keys or accounts (proxy and base-URL pools are endpoints, not keys). */
const KEY_POOL_KINDS = new Set(['key-list', 'key-env-family', 'key-choice', 'key-switch-on-error', 'multi-client', 'key-minting']);

export function inventoryToCycloneDx(input: CycloneDxInput): CycloneDxBom {
  const { inventory } = input;
  const findingsAt = groupFindings(input.findings);
  const providers = [...new Set(inventory.callSites.map((c) => c.provider))].sort();
  const serviceRef = (p: ProviderId) => `service:${p}`;
  const modelRef = (c: InventoryEntry) => (c.model ? `model:${c.provider}:${c.model}` : `model:${c.provider}:not-a-literal`);

  const components = new Map<string, CycloneDxComponent>();
  const providerOf = new Map<string, ProviderId>();
  for (const site of inventory.callSites) {
    const ref = modelRef(site);
    let component = components.get(ref);
    if (!component) {
      component = {
        type: 'machine-learning-model',
        'bom-ref': ref,
        name: site.model ?? `${site.provider} model given by a variable`,
        publisher: providerName(site.provider),
        ...(site.model ? {} : { description: 'Call sites whose model is not a literal in the code' }),
        evidence: { occurrences: [] },
        properties: [
          { name: `${NS}:provider`, value: site.provider },
          { name: `${NS}:model-literal`, value: String(site.model !== null) },
        ],
      };
      components.set(ref, component);
      providerOf.set(ref, site.provider);
    }
    const occurrenceRef = `call:${site.file}:${site.line}:${site.column}`;
    const found = findingsAt.get(`${site.file}:${site.line}:${site.column}`) ?? findingsAt.get(`${site.file}:${site.line}`) ?? [];
    const rules = [...new Set(found.map((f) => f.ruleId))].sort();
    const workload = found[0]?.workload ?? '';
    const annotation = annotationState(site, input.facts.get(site.file), found);
    const volume = site.volume === null ? 'none' : String(site.volume);
    component.evidence!.occurrences.push({
      'bom-ref': occurrenceRef,
      location: site.file,
      line: site.line,
      offset: site.column,
      symbol: site.callee,
      additionalContext: redactSecrets(
        [
          `${site.api} call`,
          site.viaWrapper ? `via ${site.wrapperChain?.join(' → ') ?? 'a wrapper'}` : '',
          workload && `workload ${workload}`,
          site.inLoop ? `volume ${volume}` : '',
          rules.length ? `rules ${rules.join(', ')}` : 'no findings',
          `annotation ${annotation}`,
        ]
          .filter(Boolean)
          .join('; '),
      ),
    });
    const prop = (field: string, value: string) => component!.properties!.push({ name: `${NS}:${occurrenceRef}:${field}`, value });
    prop('api-family', site.api);
    prop('workload', workload);
    prop('volume', volume);
    prop('rules', rules.join(','));
    prop('annotation', annotation);
    prop('via-wrapper', String(site.viaWrapper));
  }

  const keyPools = keyPoolsByProvider(input.facts, input.findings, inventory.callSites);
  const services = providers.map((p): CycloneDxService => {
    const endpoints = endpointsOf(p, input.facts);
    const sites = inventory.callSites.filter((c) => c.provider === p);
    return {
      'bom-ref': serviceRef(p),
      ...(p === 'local' || p === 'unknown' ? {} : { provider: { name: providerName(p) } }),
      name: p === 'unknown' ? 'unrecognised LLM provider' : `${providerName(p)} API`,
      description:
        `LLM API reached from ${sites.length} call site${sites.length === 1 ? '' : 's'} ` +
        `(${[...new Set(sites.map((c) => c.api))].sort().join(', ')})`,
      ...(endpoints.length ? { endpoints } : {}),
      // Hosted APIs take a key; local servers (Ollama, vLLM) usually none; an unknown one is not claimed either way.
      ...(p === 'unknown' ? {} : { authenticated: p !== 'local' }),
      'x-trust-boundary': p !== 'local',
      properties: [
        { name: `${NS}:provider`, value: p },
        { name: `${NS}:call-sites`, value: String(sites.length) },
        { name: `${NS}:key-pools`, value: String(keyPools.get(p)?.size ?? 0) },
        ...[...(keyPools.get(p) ?? [])].sort().map((where) => ({ name: `${NS}:key-pool`, value: where })),
      ],
    };
  });

  const dependencies = [
    { ref: 'workspace', dependsOn: [...components.keys()].sort() },
    ...[...components.values()].map((c) => ({ ref: c['bom-ref'], dependsOn: [serviceRef(providerOf.get(c['bom-ref'])!)] })),
    ...services.map((s) => ({ ref: s['bom-ref'], dependsOn: [] })),
  ];
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: CYCLONEDX_SPEC_VERSION,
    serialNumber: input.serialNumber ?? `urn:uuid:${crypto.randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: input.timestamp ?? new Date().toISOString(),
      tools: { components: [{ type: 'application', name: TOOL.name, version: TOOL.version }] },
      component: { type: 'application', 'bom-ref': 'workspace', name: inventory.root === '.' ? 'workspace' : inventory.root },
    },
    components: [...components.values()],
    services,
    dependencies,
  };
}

/** Findings by `file:line:column` and by `file:line` (1-based), to join them to call sites. */
function groupFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const add = (key: string, f: Finding) => out.set(key, [...(out.get(key) ?? []), f]);
  for (const f of findings) {
    add(`${f.file}:${f.range.startLine + 1}:${f.range.startColumn + 1}`, f);
    add(`${f.file}:${f.range.startLine + 1}`, f);
  }
  return out;
}

/** `cleared` (a clearance recorded), `documented` (a purpose), `incomplete` (an annotation without one), or `none`. */
function annotationState(site: InventoryEntry, facts: FileFacts | undefined, findings: readonly Finding[]): string {
  const line = site.line - 1;
  const covering = (facts?.annotations ?? []).filter((a) => a.scope === 'file' || (a.covers.startLine <= line && line <= a.covers.endLine));
  if (covering.some((a) => a.fields.clearance)) return 'cleared';
  if (covering.some((a) => a.fields.purpose) || findings.some((f) => f.annotated)) return 'documented';
  return covering.length ? 'incomplete' : 'none';
}

/** The provider's public API hosts (HOST_PROVIDERS) and the literal base-URL hosts the code gives its clients. */
function endpointsOf(provider: ProviderId, facts: Map<string, FileFacts>): string[] {
  const hosts = new Set(HOST_PROVIDERS.filter(([host, p]) => p === provider && !SUFFIX_ONLY_HOSTS.has(host)).map(([host]) => host));
  for (const file of facts.values()) for (const site of file.callSites) if (site.provider === provider && site.host) hosts.add(site.host);
  return [...hosts]
    .filter((h) => /^[A-Za-z0-9.-]+(?::\d+)?$/.test(h))
    .sort()
    .map((h) => `https://${h}`);
}

/**
 * Where each provider's keys are pooled: credential-rotation findings (their provider), and
 * key-pool signals in a file that calls the provider. Only `file:line (kind)`, never the key.
 */
function keyPoolsByProvider(
  facts: Map<string, FileFacts>,
  findings: readonly Finding[],
  sites: readonly InventoryEntry[],
): Map<ProviderId, Set<string>> {
  const byPlace = new Map<ProviderId, Map<string, string>>();
  const add = (p: ProviderId, place: string, label: string) => {
    const places = byPlace.get(p) ?? new Map<string, string>();
    if (!places.has(place)) places.set(place, `${place} (${label})`);
    byPlace.set(p, places);
  };
  for (const f of findings)
    if (f.ruleId === 'credential-rotation') add(f.provider, `${f.file}:${f.range.startLine + 1}`, 'credential-rotation');
  const providersByFile = new Map<string, Set<ProviderId>>();
  for (const c of sites) providersByFile.set(c.file, (providersByFile.get(c.file) ?? new Set()).add(c.provider));
  for (const [file, f] of facts) {
    for (const signal of f.credentials) {
      if (!KEY_POOL_KINDS.has(signal.kind)) continue;
      for (const p of providersByFile.get(file) ?? []) add(p, `${file}:${signal.range.startLine + 1}`, signal.kind);
    }
  }
  return new Map([...byPlace].map(([p, places]) => [p, new Set(places.values())]));
}
