// credential-rotation: several keys, accounts or orgs; key pools; switching key on 429.
import { defineRule, type RuleContext, type RuleHit } from './types';
import type { CredentialSignal, FunctionFacts } from '../types';
import type { FunctionRef } from '../parameter-flow';
import { within } from '../workspace';
import { providerOfFile, talksToHostedModel } from './hits';

const DESCRIPTIONS = {
  'key-list': 'pool of API keys',
  'key-env-family': 'numbered family of API keys',
  'key-choice': 'picks a key per request',
  'key-switch-on-error': 'switches key or client when a quota error arrives',
  'multi-client': 'several clients with different credentials',
  'key-minting': "creates API keys through the provider's key-provisioning API",
} as const;

export const credentialRotation = defineRule({
  meta: {
    id: 'credential-rotation',
    title: 'Several API keys or accounts rotated',
    severity: 'critical',
    tags: ['credentials', 'evasion'],
    summary: 'Code holds a pool of API keys or accounts, rotates between them, or switches key when a rate limit is hit.',
    // Spreading traffic over accounts is what terms forbid outright; no purpose makes it acceptable.
    lowering: 'never',
    docs: {
      flags:
        'Lists or dicts of API keys for one provider, `KEY_1..KEY_N` environment families, keys split from one variable, ' +
        '`random.choice` / `cycle` / modulo indexing over keys, accounts or organisations, and handlers that change key or ' +
        "client when a 429 or quota error arrives, and code that creates API keys through a provider's key-provisioning API " +
        '(a fresh key per worker or run). Reported wherever it occurs — a request handler included — and not lowered ' +
        'by `@llm-usage` annotations. One key per provider (an OpenAI key and an Anthropic key) is not a pool.',
      whyProvidersCare:
        "Providers' terms forbid sharing keys and using several accounts to get around limits or detection; their " +
        'distillation reports describe "hydra" clusters of accounts behind load balancers. Key rotation is treated as evasion ' +
        'and can get every account in the pool suspended together.',
      legitimateCases:
        'Separate keys per environment (dev/staging/prod) chosen by configuration, a key per customer in a multi-tenant ' +
        'product where each customer brings their own key, key rollover during secret rotation. These should not be selected ' +
        'per request or on errors.',
      howToDocument:
        'It cannot be documented away. If several keys exist for a legitimate reason, select one by configuration outside the ' +
        'request path, and ask the provider for a higher rate limit or the Batch API instead of spreading load.',
      example: {
        language: 'python',
        code:
          'KEYS = [os.environ["OPENAI_API_KEY_1"], os.environ["OPENAI_API_KEY_2"], os.environ["OPENAI_API_KEY_3"]]\nclient = ' +
          'OpenAI(api_key=random.choice(KEYS))',
      },
      instead: 'Use one key per workload, honour rate limits with backoff, request a limit increase, or move bulk work to the Batch API.',
    },
  },
  reads: ['files', 'sites', 'index'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    const inHostingPackage = hostingPackages(context);
    for (const facts of context.files.values()) {
      const hostedCalls = talksToHostedModel(context, facts);
      for (const signal of facts.credentials) {
        if (!(signal.kind in DESCRIPTIONS)) continue;
        // Whether a pool is about a model is decided from its source (or the file's own provider
        // calls), never from the description written for people. A key picked per request in a
        // package that calls hosted models is taken to be for them: a key manager seldom sits in
        // the file that sends the request.
        if (!hostedCalls && !signal.aboutLlm && !(signal.rotated && signal.keyNamed && inHostingPackage(facts.file))) continue;
        const what = DESCRIPTIONS[signal.kind as keyof typeof DESCRIPTIONS];
        // Several keys inside tests that mock the provider are fixtures, not a production pool.
        const inTests = facts.isTestFile && facts.mocksProviders;
        hits.push({
          ruleId: 'credential-rotation',
          file: facts.file,
          range: signal.range,
          provider: providerOfFile(context, facts.file),
          lead: `${what} (${signal.detail})${inTests ? ', in test code' : ''}`,
          signals: [{ key: 'credentials', text: `${what} (${signal.detail})`, file: facts.file, range: signal.range }],
          ...(inTests ? { severity: 'low' as const } : {}),
        });
      }
    }
    hits.push(...usesOfPickers(context), ...picksFromImportedPools(context));
    return hits;
  },
});

/**
 * `from services.gemini_llm import llm_cycle` then `llm = next(llm_cycle)` per request: the file
 * rotates the clients or keys another file keeps in that module-level pool.
 */
function picksFromImportedPools(context: Pick<RuleContext, 'files' | 'index' | 'sites'>): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const facts of context.files.values()) {
    for (const pick of facts.importedPicks ?? []) {
      const source = context.index.resolveModule(facts.file, pick.source);
      const pool = source
        ? context.files.get(source)?.credentials.find((c) => c.heldBy === pick.importedName && c.aboutLlm && c.kind in DESCRIPTIONS)
        : undefined;
      if (!source || !pool) continue;
      const what = `picks from the pool ${pick.importedName} of ${source} per call`;
      hits.push({
        ruleId: 'credential-rotation',
        file: facts.file,
        range: pick.range,
        provider: providerOfFile(context, facts.file),
        lead: `${what} (${pool.detail})`,
        signals: [{ key: 'credentials', text: what, file: source, range: pool.range }],
      });
    }
  }
  return hits;
}

/**
 * `const key = getNextGeminiKey()` / `this.keyPool.getNextAvailableKey()`: a call to a workspace
 * function that picks a key from a rotating pool (in another file) rotates keys where it is made.
 */
function usesOfPickers(context: Pick<RuleContext, 'files' | 'sites' | 'index'>): RuleHit[] {
  const hits: RuleHit[] = [];
  const memo = new Map<FunctionFacts, CredentialSignal | null>();
  // A function picks a key when its body rotates a pool, or calls a function that does
  // (`getNextGeminiApiKey()` → `rotator.getNextKey()`), a few calls deep.
  const pickerIn = (ref: FunctionRef, depth: number): CredentialSignal | undefined => {
    const known = memo.get(ref.fn);
    if (known !== undefined) return known ?? undefined;
    memo.set(ref.fn, null);
    let found = context.files
      .get(ref.file)
      ?.credentials.find((c) => c.rotated && c.kind !== 'proxy-pool' && c.kind !== 'base-url-pool' && within(c.range, ref.fn.range));
    for (const inner of depth < 3 && !found ? ref.fn.calls : []) {
      for (const next of context.index.resolveCall(ref.file, inner)) {
        found = pickerIn(next, depth + 1);
        if (found) break;
      }
      if (found) break;
    }
    memo.set(ref.fn, found ?? null);
    return found;
  };
  // Only calls whose name could reach a picker are resolved: the names of functions that hold a
  // rotated pool, and of the functions calling those, a few levels out.
  const names = pickerNames(context);
  if (!names.size) return hits;
  const hosting = new Set(context.sites.flatMap((s) => [s.file, s.target.file]));
  const inHostingPackage = hostingPackages(context);
  // `provider.get_current_api_key()` on an object whose class the file cannot see (a loop over
  // providers from a registry): the one method of that name in the workspace, when its name says
  // it hands out a credential.
  const methodsByName = new Map<string, FunctionRef[]>();
  for (const f of context.files.values()) {
    for (const fn of f.functions)
      if (fn.qualifiedName.includes('.') && KEY_METHOD_NAME.test(fn.name))
        methodsByName.set(fn.name, [...(methodsByName.get(fn.name) ?? []), { file: f.file, fn }]);
  }
  const onlyKeyMethodNamed = (name: string): FunctionRef[] => {
    if (!name.includes('.')) return [];
    const found = methodsByName.get(name.split('.').pop()!) ?? [];
    return found.length === 1 ? found : [];
  };
  for (const facts of context.files.values()) {
    const hostedCalls = hosting.has(facts.file);
    for (const call of facts.localCalls) {
      if (!names.has(lastSegment(call.name))) continue;
      const resolved = context.index.resolveCall(facts.file, call);
      for (const ref of resolved.length ? resolved : onlyKeyMethodNamed(call.name)) {
        if (ref.file === facts.file) continue;
        const picker = pickerIn(ref, 0);
        // A picker is for a model when its pool says so, or is named like keys and the requests are near.
        if (!picker || !(picker.aboutLlm || (picker.keyNamed && (hostedCalls || inHostingPackage(ref.file))))) continue;
        const what = `uses a key picked per request by ${ref.fn.qualifiedName} in ${ref.file}`;
        hits.push({
          ruleId: 'credential-rotation',
          file: facts.file,
          range: call.range,
          provider: providerOfFile(context, facts.file),
          lead: `${what} (${picker.detail})`,
          signals: [{ key: 'credentials', text: what, file: ref.file, range: ref.fn.range }],
        });
        break;
      }
    }
  }
  return hits;
}

/** Method names that say they hand out a credential (`get_current_api_key`, `nextToken`). */
const KEY_METHOD_NAME = /(api_?key|apikey|key|token|credential|account)s?$/i;

/**
 * Whether a file belongs to a package (the workspace, when it has none) that sends requests to
 * hosted models, or reads a pool of keys its source names for one (`OPENAI_API_KEY_1..n`).
 */
function hostingPackages(context: Pick<RuleContext, 'files' | 'sites'>): (file: string) => boolean {
  const packageOf = (file: string) => context.files.get(file)?.package?.root ?? '';
  const roots = new Set(context.sites.filter((s) => s.provider !== 'local').flatMap((s) => [packageOf(s.file), packageOf(s.target.file)]));
  for (const facts of context.files.values())
    if (!(facts.isTestFile && facts.mocksProviders) && facts.credentials.some((c) => c.aboutLlm && POOL_KINDS.has(c.kind)))
      roots.add(packageOf(facts.file));
  return (file) => roots.has(packageOf(file));
}

/** Signals that a file holds several keys for a model's API, whatever picks among them. */
const POOL_KINDS = new Set(['key-list', 'key-env-family']);

function pickerNames(context: Pick<RuleContext, 'files'>): Set<string> {
  const names = new Set<string>();
  for (const facts of context.files.values()) {
    for (const signal of facts.credentials) {
      if (!signal.rotated) continue;
      for (const fn of facts.functions) if (within(signal.range, fn.range)) names.add(fn.name);
    }
  }
  for (let round = 0; round < 3 && names.size; round++) {
    const before = names.size;
    for (const facts of context.files.values()) {
      for (const fn of facts.functions) if (!names.has(fn.name) && fn.calls.some((c) => names.has(lastSegment(c.name)))) names.add(fn.name);
    }
    if (names.size === before) break;
  }
  return names;
}

/** `b` of `a.b`, the name itself without a dot (as `split('.').pop()`, without the array). */
function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}
