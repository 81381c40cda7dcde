// Workload signals that are not call sites: training code, credential pools, retry behaviour
// and prompt text features (reasoning elicitation, rubric grading, capability lists, …).
import type { SyntaxNode } from '../parse/syntax-tree';
import type { FileFacts } from '../types';
import type { Resolver } from './resolver';
import {
  LLM_CREDENTIAL_NAME,
  CAPABILITY_LIST_NAMES,
  DETECTOR_NAMES,
  DISTILLATION_WORDS,
  ITEM_COUNT_REQUEST,
  KEY_NAME,
  MOCK_MARKERS,
  MODEL_LIST_NAMES,
  promptPhrasesIn,
  PROXY_NAME,
  QUOTA_ERRORS,
  TOKEN_COUNT_NAME,
  TRAINING_CALLS,
  TRAINING_IMPORTS,
} from '../phrases';
import { collectControlLoops } from './control-loops';
import {
  argumentsOf,
  calleeOf,
  functionName,
  isCall,
  isFunctionNode,
  memberPath,
  numberValue,
  rangeOf,
  stringTemplateText,
  stripQuotes,
  truncate,
  unwrapExpression,
  walk,
} from './syntax';
import { redactSecrets } from '../secrets';
import { LOCAL_HOST, MODEL_PREFIX_PROVIDERS, SDKS } from '../providers';
import { MODEL_ID_ITEM, NAMES_A_MODEL, PROVIDER_WORDS_SOURCE } from '../provider-vocabulary';
import escapeRegExp from 'escape-string-regexp';
import { codeOnlyText, collectKeyPools, splitsCredential } from './key-pools';

const PROVIDER_IDS = new Set<string>(SDKS.map((sdk) => sdk.provider));

const LIST_TYPES = new Set(['list', 'array', 'tuple', 'set', 'dictionary', 'object']);
const SLEEP = /\b(sleep|setTimeout|backoff|exponential|wait_exponential|wait_random|retry_after|Retry-After|jitter|delay)\b/i;
/** Calls that start a fine-tuning or model customisation job at a provider. */
const FINE_TUNE_CALLS = new RegExp(
  String.raw`fine_tuning\.jobs\.create|fineTuning\.jobs\.create|FineTuningJob\.create|create_fine_tuning_job|tuning\.tune|` +
    'create_model_customization_job',
);

export function collectSignals(root: SyntaxNode, text: string, resolver: Resolver, facts: FileFacts): void {
  for (const imp of facts.imports) {
    if (TRAINING_IMPORTS.test(imp.source)) {
      facts.training.push({
        range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
        kind: imp.source.startsWith('peft') ? 'peft' : 'trainer',
        detail: `imports ${imp.source}`,
      });
      break;
    }
  }
  walk(root, (node) => {
    if (isCall(node)) {
      const callee = memberPath(calleeOf(node))?.join('.') ?? '';
      const head = node.text.slice(0, 120);
      if (TRAINING_CALLS.test(head) && /Trainer|FastLanguageModel|get_peft_model|LoraConfig/.test(callee)) {
        facts.training.push({ range: rangeOf(node), kind: /peft|Lora/.test(callee) ? 'peft' : 'trainer', detail: truncate(callee, 60) });
      }
      if (FINE_TUNE_CALLS.test(callee)) {
        facts.training.push({ range: rangeOf(node), kind: 'fine-tune-upload', detail: truncate(callee, 60) });
      }
      if (/files\.create$/.test(callee) && /fine-tune/.test(node.text)) {
        // The uploaded file's name, when literal: training data the rest of the workspace can be matched against.
        const uploaded = /["'`]([^"'`\s]+\.(?:jsonl|json|csv|parquet))["'`]/.exec(node.text)?.[1];
        facts.training.push({
          range: rangeOf(node),
          kind: 'fine-tune-upload',
          detail: `files.create(purpose="fine-tune")${uploaded ? ` of ${uploaded}` : ''}`,
        });
      }
      collectKeyChoice(node, callee, facts);
      collectSeedSampling(node, callee, facts);
      return;
    }
    if (
      node.type === 'function_definition' ||
      node.type === 'function_declaration' ||
      node.type === 'class_definition' ||
      node.type === 'class_declaration'
    ) {
      const name = node.childForFieldName('name')?.text ?? '';
      if (DISTILLATION_WORDS.test(name)) facts.training.push({ range: rangeOf(node), kind: 'distillation', detail: name });
      return;
    }
    if (node.type === 'string' || node.type === 'template_string') {
      const value = stringTemplateText(node) ?? '';
      if (value.length < 12) return;
      for (const { kind } of promptPhrasesIn(value)) {
        // A list of injection patterns is a detector.
        if (kind === 'system-prompt-extraction' && isDetectorPattern(node)) continue;
        facts.promptFeatures.push({
          range: rangeOf(node),
          kind,
          text: redactSecrets(truncate(value, 120)),
          assignedTo: assignedNameOf(node),
        });
      }
      collectItemRequest(node, value, resolver, facts);
      return false;
    }
    if (node.type === 'assignment' || node.type === 'variable_declarator') {
      const left = node.childForFieldName('left') ?? node.childForFieldName('name');
      const right = node.childForFieldName('right') ?? node.childForFieldName('value');
      const name = left?.text ?? '';
      // `API_KEYS = os.environ["OPENAI_API_KEYS"].split(",")`: a pool read from one variable.
      // A collection named for keys split from one value is a pool even when that value is a
      // parameter (`self.api_keys = raw.split(",")` in a helper handed the environment value).
      if (
        right &&
        /keys|tokens/i.test(name.split('.').pop() ?? '') &&
        (splitsCredential(right) ||
          (/^[\w.[\]"'`()!?$]+\.split\(/.test(right.text) &&
            (/environ|getenv|process\.env|KEY|TOKEN/.test(right.text) || /(api_?|access_?|auth_?)?(keys|tokens)$/i.test(name))))
      ) {
        facts.credentials.push({
          range: rangeOf(node),
          kind: 'key-list',
          detail: `${name}: keys split from one variable`,
          aboutLlm: LLM_CREDENTIAL_NAME.test(node.text),
        });
      }
      if (!right || !LIST_TYPES.has(right.type)) return;
      const items = right.namedChildren.filter((c) => c && c.type !== 'comment').length;
      const leaf = name.split('.').pop() ?? name;
      if (CAPABILITY_LIST_NAMES.test(leaf) && items >= 3)
        facts.promptFeatures.push({ range: rangeOf(node), kind: 'capability-list', text: `${name}: ${items} entries` });
      if (items >= 2 && ((MODEL_LIST_NAMES.test(leaf) && NAMES_A_MODEL.test(right.text)) || modelIdItems(right) >= 2))
        facts.promptFeatures.push({ range: rangeOf(node), kind: 'model-list', text: `${name}: ${items} models` });
      if (
        items >= 2 &&
        KEY_NAME.test(leaf) &&
        !TOKEN_COUNT_NAME.test(leaf.replace(/\[.*$/, '')) &&
        /key|token|environ|getenv|process\.env|sk-|secret/i.test(right.text) &&
        !namesSeveralProviders(right.text) &&
        !keyedByProvider(right)
      ) {
        facts.credentials.push({
          range: rangeOf(node),
          kind: 'key-list',
          detail: `${name}: ${items} keys`,
          aboutLlm: LLM_CREDENTIAL_NAME.test(node.text),
        });
      }
      if (items >= 2 && PROXY_NAME.test(leaf) && /https?:|proxy|:\d{2,5}|region|us-|eu-/i.test(right.text)) {
        facts.credentials.push({
          range: rangeOf(node),
          kind: /prox/i.test(leaf) ? 'proxy-pool' : 'base-url-pool',
          detail: `${name}: ${items} entries`,
        });
      }
    }
  });
  collectKeyPools(root, resolver, facts);
  // Families and pools are read off the text: only files that name keys, tokens or pools of hosts need its code-only copy.
  if (/KEY|TOKEN|prox|urls|endpoints|regions|mirrors|relays|gateways|upstreams|hosts/i.test(text))
    collectKeyFamilies(codeOnlyText(root, text), facts);
  collectRetries(root, facts);
  facts.controlLoops = collectControlLoops(root, new Set(facts.callSites.map((s) => s.resultName).filter((n): n is string => !!n)));
  facts.mocksProviders = MOCK_MARKERS.test(text);
  void resolver;
}

// Hugging Face tokens sit beside providers' keys in such maps, though its hub is no provider here.
const PROVIDER_KEY_NAMES = new RegExp(`${PROVIDER_WORDS_SOURCE}|HF_|HUGGING`, 'gi');

/** `{"openai": OPENAI_API_KEY, "anthropic": ANTHROPIC_API_KEY}` holds one key per provider: not a pool. */
function namesSeveralProviders(text: string): boolean {
  const names = new Set((text.match(PROVIDER_KEY_NAMES) ?? []).map((n) => n.toUpperCase()));
  return names.size >= 2 && !/_\d+\b|\d+["'\]]/.test(text);
}

/** `{ openai: {...}, claude: {...}, bedrock: {...} }`: settings per provider, one credential each. */
function keyedByProvider(collection: SyntaxNode): boolean {
  if (collection.type !== 'object' && collection.type !== 'dictionary') return false;
  const keys = collection.namedChildren
    .filter((c) => c?.type === 'pair')
    .map((p) => stripQuotes(p!.childForFieldName('key')?.text ?? '').toLowerCase());
  return keys.length >= 2 && keys.every((k) => Object.hasOwn(MODEL_PREFIX_PROVIDERS, k) || PROVIDER_IDS.has(k));
}

/** `NAME = "…"` / `const NAME = \`…\`` (through parentheses and concatenation): the constant's name. */
function assignedNameOf(node: SyntaxNode): string | undefined {
  let p = node.parent;
  for (let i = 0; p && i < 3 && /parenthesized|concatenated|binary|expression_statement/.test(p.type); i++) p = p.parent;
  if (p?.type !== 'assignment' && p?.type !== 'variable_declarator') return undefined;
  const left = p.childForFieldName('left') ?? p.childForFieldName('name');
  return left?.type === 'identifier' ? left.text : undefined;
}

/** A string inside a collection or call that matches input against patterns (an injection filter). */
function isDetectorPattern(node: SyntaxNode): boolean {
  for (let p = node.parent, i = 0; p && i < 6; p = p.parent, i++) {
    if (p.type === 'assignment' || p.type === 'variable_declarator') {
      const left = p.childForFieldName('left') ?? p.childForFieldName('name');
      return DETECTOR_NAMES.test(left?.text ?? '');
    }
    if (isCall(p)) {
      const callee = memberPath(calleeOf(p))?.join('.') ?? '';
      if (/(^re\.|\.(test|match|search|includes|startsWith|fullmatch|findall|compile)$|^RegExp$|^re$)/.test(callee)) return true;
    }
    if (p.type === 'comparison_operator' && /\bin\b/.test(p.text)) return true;
  }
  return false;
}

/** `random.choice(PROXIES)`, `cycle(base_urls)`: a pool of proxies or endpoints picked per request. */
function collectKeyChoice(node: SyntaxNode, callee: string, facts: FileFacts): void {
  if (!/(^|\.)(choice|choices|sample|cycle|next|shuffle)$/.test(callee)) return;
  const arg = argumentsOf(node).positional[0];
  const text = arg?.text ?? '';
  // Keys and clients are followed by key-pools.ts; proxies and base URLs are named here.
  if (/prox|base_?url|endpoint|region|host/i.test(text) && !/key|token|account|cred/i.test(text)) {
    facts.credentials.push({
      range: rangeOf(node),
      kind: /prox/i.test(text) ? 'proxy-pool' : 'base-url-pool',
      detail: `${truncate(callee, 30)}(${truncate(text, 40)})`,
      rotated: true,
    });
  }
}

/**
 * "Generate 100 question-answer pairs", "Return exactly ${N} JSON objects": one request asking for
 * many items. An interpolated count is read from its constant when there is one (`N = 5` is few).
 */
function collectItemRequest(node: SyntaxNode, value: string, resolver: Resolver, facts: FileFacts): void {
  const m = ITEM_COUNT_REQUEST.exec(value);
  if (!m) return;
  let count: number | 'dynamic' = 'dynamic';
  if (/^\d/.test(m[1])) count = Number(m[1].replace(/,/g, ''));
  else {
    const name = /[\w.]+/.exec(m[1])?.[0];
    const values = name ? resolver.definitionsOf(name, node).map((d) => numberValue(unwrapExpression(d))) : [];
    const known = values.find((v) => v !== undefined);
    if (known !== undefined) count = known;
  }
  facts.promptFeatures.push({
    range: rangeOf(node),
    kind: 'item-request',
    text: redactSecrets(truncate(m[0], 80)),
    count,
    assignedTo: assignedNameOf(node),
  });
}

/** `random.sample(seed_tasks, 3)`: few-shot seeds drawn at random to vary a generation prompt (self-instruct). */
function collectSeedSampling(node: SyntaxNode, callee: string, facts: FileFacts): void {
  // JS: `[...SEED_TASKS].sort(() => Math.random() - 0.5)`, `_.sampleSize(seedTasks, 3)`, `shuffle(demos)`.
  const fn = calleeOf(node);
  const shuffled =
    fn?.type === 'member_expression' &&
    fn.childForFieldName('property')?.text === 'sort' &&
    /Math\.random/.test(argumentsOf(node).positional[0]?.text ?? '');
  const sampler = /(^|\.)(sampleSize|shuffle)$/.test(callee);
  if (shuffled || sampler) {
    const source = shuffled ? (fn!.childForFieldName('object')?.text ?? '') : (argumentsOf(node).positional[0]?.text ?? '');
    if (/seed|demo|few_?shot|example|instruction|task/i.test(source))
      facts.promptFeatures.push({
        range: rangeOf(node),
        kind: 'seed-task-mutation',
        text: `samples seed tasks: ${truncate(node.text, 60)}`,
      });
    return;
  }
  if (!/(^|\.)(sample|choices)$/.test(callee) || !/random/.test(callee)) return;
  const text = argumentsOf(node).positional[0]?.text ?? '';
  if (!/seed|demo|few_?shot|example|instruction|task/i.test(text)) return;
  facts.promptFeatures.push({ range: rangeOf(node), kind: 'seed-task-mutation', text: `samples seed tasks: ${truncate(node.text, 60)}` });
}

/** `OPENAI_API_KEY_1 … _N` or `f"ANTHROPIC_API_KEY_{i}"`: a family of keys read from the environment. */
function collectKeyFamilies(text: string, facts: FileFacts): void {
  const numbered = new Set<string>();
  const re = /\b([A-Z][A-Z0-9_]*(?:API_KEY|KEY|TOKEN))_?(\d+)\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) numbered.add(m[1]);
  for (const base of numbered) {
    const count = new Set([...text.matchAll(new RegExp(`\\b${base}_?(\\d+)\\b`, 'g'))].map((x) => x[1])).size;
    if (count >= 2) {
      const index = text.indexOf(base);
      facts.credentials.push({
        range: lineRange(text, index),
        kind: 'key-env-family',
        detail: `${base}_1..${count}`,
        aboutLlm: LLM_CREDENTIAL_NAME.test(base),
      });
    }
  }
  const dynamic = /(API_KEY|_KEY|TOKEN)_?\{[^}]*\}|(API_KEY|_KEY|TOKEN)_?\$\{[^}]*\}|(API_KEY|_KEY|TOKEN)_?["']\s*\+\s*\w/.exec(text);
  if (dynamic)
    facts.credentials.push({
      range: lineRange(text, dynamic.index),
      kind: 'key-env-family',
      detail: 'key name built from an index',
      aboutLlm: LLM_CREDENTIAL_NAME.test(lineAt(text, dynamic.index)),
    });
  // Every rotated pool in the file: `BASE_URLS[i % len(BASE_URLS)]`, `RELAYS[n++ % RELAYS.length]`,
  // `PROXY_POOL[Math.floor(Math.random() * PROXY_POOL.length)]`. Pools of local hosts only are load
  // balancing over the team's own servers.
  const pool = String.raw`\b(\w*(?:prox(?:y|ies)(?:_?pool|_?list)?|base_?urls|endpoints|regions|mirrors|relays|gateways|upstreams|hosts))`;
  const poolIndex = new RegExp(
    String.raw`${pool}\s*\[\s*(?:[\w.]+(?:\+\+|--)?\s*%\s*(?:len\(|\w+\.length)|Math\.floor\(\s*Math\.random\(\)\s*\*\s*\w+\.length)`,
    'gi',
  );
  for (const m of text.matchAll(poolIndex)) {
    if (isLocalPool(text, m[1])) continue;
    facts.credentials.push({
      range: lineRange(text, m.index),
      kind: /prox/i.test(m[1]) ? 'proxy-pool' : 'base-url-pool',
      detail: `${/random/.test(m[0]) ? 'random pick from' : 'round-robin over'} ${m[1]}`,
      rotated: true,
    });
  }
}

/** `replicas = ["http://localhost:8000/v1", "http://localhost:8001/v1"]`: every URL of the pool's literal is a local host. */
function isLocalPool(text: string, name: string): boolean {
  const escaped = escapeRegExp(name);
  const def = new RegExp(String.raw`\b${escaped}\s*(?::[^=\n]*)?=\s*\[([^\]]{0,2000})\]`).exec(text);
  const urls = def?.[1].match(/https?:\/\/[^/"'`\s,]+/g) ?? [];
  return urls.length > 0 && urls.every((u) => LOCAL_HOST.test(u.replace(/^https?:\/\//, '')));
}

/** Retry handlers around quota errors: with or without backoff, switching clients or keys. */
const PROVIDER_CALL =
  /\b([\w.]+?)\.(chat\.completions|completions|messages|responses|models)\.(create|generate_content|generateContent)\s*\(/g;
/** What a quota-error handler does when it moves to another key, client, account or endpoint. */
const SWITCHES_CREDENTIAL = new RegExp(
  String.raw`(api_key|apiKey|client|key_index|key_idx|current_key|account|base_url|baseURL|proxy|endpoint)\s*(=|\+=)|` +
    String.raw`next\(\s*\w*(key|client|cycle|account|prox)|rotate|switch_key|switchKey|nextKey|next_key`,
  'i',
);

/**
 * `except RateLimitError: return backup.chat.completions.create(...)`: the handler resends the
 * request through a client the `try` block did not use.
 */
function callsOtherClient(handler: SyntaxNode, handlerText: string): boolean {
  const tryBody = handler.parent?.type === 'try_statement' ? (handler.parent.childForFieldName('body')?.text ?? '') : '';
  const tried = new Set([...tryBody.matchAll(PROVIDER_CALL)].map((m) => m[1]));
  if (!tried.size) return false;
  return [...handlerText.matchAll(PROVIDER_CALL)].some((m) => !tried.has(m[1]));
}

function collectRetries(root: SyntaxNode, facts: FileFacts): void {
  walk(root, (node) => {
    const isHandler = node.type === 'except_clause' || node.type === 'catch_clause';
    if (!isHandler) return;
    const text = node.text.slice(0, 3000);
    const header = node.type === 'except_clause' ? text.split(':')[0] : text;
    if (!QUOTA_ERRORS.test(header) && !QUOTA_ERRORS.test(text.slice(0, 400))) return;
    const switches = SWITCHES_CREDENTIAL.test(text) || callsOtherClient(node, text);
    if (switches) {
      facts.credentials.push({
        range: rangeOf(node),
        kind: 'key-switch-on-error',
        detail: 'changes key, client or endpoint when a quota error arrives',
        rotated: true,
        aboutLlm: LLM_CREDENTIAL_NAME.test(text),
      });
      facts.retries.push({ range: rangeOf(node), kind: 'switch-on-quota', detail: 'switches client or endpoint on a quota error' });
      return;
    }
    // `except RateLimitError: return ask(prompt)`: the function calls itself again from the handler.
    const recurses = callsItself(node, text);
    const retries = /\b(continue|retry|attempt|tries)\b/.test(text) || inLoop(node) || recurses;
    if (!retries) return;
    const again = recurses ? 'calls itself again' : 'retries';
    facts.retries.push({
      range: rangeOf(node),
      kind: SLEEP.test(text) ? 'retry-with-backoff' : 'retry-no-backoff',
      detail: SLEEP.test(text) ? `${again} after a delay on a quota error` : `${again} at once on a quota error`,
    });
  });
}

/** The handler calls the function it is in (`ask(prompt)`, `self.ask(prompt)`, `await this.ask(prompt)`). */
function callsItself(handler: SyntaxNode, handlerText: string): boolean {
  let fn: SyntaxNode | null = handler.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  const name = fn ? functionName(fn) : undefined;
  if (!name || name.length < 2) return false;
  return new RegExp(String.raw`(?:^|[^\w.]|\b(?:self|this)\.)${escapeRegExp(name)}\s*\(`).test(handlerText);
}

function inLoop(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (/^(for_statement|while_statement|for_in_statement|do_statement)$/.test(p.type)) return true;
    if (/function|method/.test(p.type)) return false;
  }
  return false;
}

function lineRange(text: string, index: number): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  const before = text.slice(0, Math.max(0, index));
  const line = before.split('\n').length - 1;
  const column = index - (before.lastIndexOf('\n') + 1);
  return { startLine: line, startColumn: column, endLine: line, endColumn: column + 1 };
}

/**
 * Items of a list literal that are model ids (`'gpt-4o'`) or provider factories given one
 * (`anthropic('claude-sonnet-4-5')`): a list of models whatever it is named (`CANDIDATES`).
 */
function modelIdItems(list: SyntaxNode): number {
  const items = list.namedChildren.filter((c) => c && c.type !== 'comment') as SyntaxNode[];
  const ids = items.filter((c) => MODEL_ID_ITEM.test(c.text));
  return ids.length * 2 >= items.length ? new Set(ids.map((c) => c.text)).size : 0;
}

/** The line of `text` that holds character `index`. */
function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? undefined : end);
}
