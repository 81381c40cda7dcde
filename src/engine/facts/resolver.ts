// Receiver resolution: decides what an expression *is* (an SDK module, a client, a model object,
// a string) from imports, constructors and assignments in the file. A call is a provider call
// only when its receiver resolves to an SDK object whose member table says so; method names
// alone never make a call site (so `prisma.message.create` stays quiet).
// The first pass lives in bindings.ts, scope rules in scope.ts, string constants in string-values.ts.
import type { SyntaxNode } from '../parse/syntax-tree';
import { PIPE_PARTS, sdkForModule, TRANSPARENT_SEGMENTS, providerForHost, providerForModelName, type Member } from '../providers';
import type { ExportedClient, Language, ParamRef, ProviderId } from '../types';
import { FileBindings, collectBindings, type ImportBinding } from './bindings';
import { definitionScope, insideClass, visibleDefinitions } from './scope';
import { constantString, hostFromClientArguments, providerFromModelArguments } from './string-values';
import { argumentsOf, calleeOf, isCall, memberPath, readDictEntries, stringValue, unwrapExpression, walk } from './syntax';
import { extend, type ResolvedCall, type Value } from './values';
import { callbackSlotAt, isInside, parameterAt, parametersOf } from './parameters';
import { enclosingClass, extendedNames } from './classes';
import { flowSummaryFor } from '../flow-summaries';

/**
 * The name of this file's function or method a call reaches by name: `make_client()`, `self._client()`.
 * A bare name the file imports is the import: a method called `generateText` that calls the imported
 * `generateText` is not calling itself, since methods are reached only through `this` or `self`.
 */
function ownFunctionCalled(callee: SyntaxNode, calleePath: string[] | undefined, bindings: FileBindings): string | undefined {
  if (callee.type === 'identifier') return bindings.imports.some((b) => b.localName === callee.text) ? undefined : callee.text;
  return calleePath?.length === 2 && (calleePath[0] === 'self' || calleePath[0] === 'this' || calleePath[0] === 'cls')
    ? calleePath[1]
    : undefined;
}

/** `enumerate(clients)` walks `clients`. */
export function withoutEnumerate(node: SyntaxNode | null): SyntaxNode | null {
  const inner = unwrapExpression(node);
  if (inner && isCall(inner) && calleeOf(inner)?.text === 'enumerate') return argumentsOf(inner).positional[0] ?? null;
  return node;
}

/** One element of a pool of SDK objects; undefined for anything that is not a pool. */
/** An expression whose value is one of its operands (`a | b` piping, `a or b`, `a ?? b`, `x if c else y`), not arithmetic on them. */
function choosesAnOperand(node: SyntaxNode): boolean {
  if (node.type !== 'binary_operator' && node.type !== 'binary_expression') return true;
  const operator = node.childForFieldName('operator')?.text;
  return operator === '|' || operator === '||' || operator === '??';
}

/** A type written as one side of a union (`A | B`, `Union[A, B]`, TS `A | B`) within the annotation `top`. */
function isUnionPart(type: SyntaxNode, top: SyntaxNode): boolean {
  for (let p = type.parent; p && p.id !== top.id; p = p.parent) {
    if (p.type === 'union_type' || (p.type === 'binary_operator' && p.childForFieldName('operator')?.text === '|')) return true;
    if (p.type === 'subscript' || p.type === 'generic_type') return /^(typing\.)?Union\b/.test(p.text);
  }
  return false;
}

/** The field `self.x` / `this.x` names, when the name is one of the object's own fields. */
function ownField(name: string): string | undefined {
  const parts = name.split('.');
  return parts.length === 2 && (parts[0] === 'self' || parts[0] === 'this') ? parts[1] : undefined;
}

function elementOf(value: Value | undefined): Value | undefined {
  if (value?.kind !== 'object' || !value.collection) return undefined;
  const { collection, ...element } = value;
  void collection;
  return element;
}

// The resolver's public surface: other fact collectors import all of these from './resolver'.
export type { ImportBinding } from './bindings';
export type { ResolvedCall, Value } from './values';
export { enclosingFunctionNode } from './scope';
export { hostOf } from './string-values';
export { enclosingClassName } from './syntax';

const MAX_DEPTH = 12;
/** An empty collection as made in either language. */
const EMPTY_COLLECTION = new RegExp(
  String.raw`^(?:new\s+)?(?:\[\s*\]|\{\s*\}|` +
    String.raw`(?:Map|Set|WeakMap|Array|Object|dict|list|set|deque|OrderedDict|defaultdict)\s*(?:<[^>]*>)?\(\s*\w*\s*\))$`,
);
/** Constructors and factories of LangChain's classic chains (they take the model as `llm`). */
/**
 * LangChain and LangGraph constructors of runnables built around a model handed to them: chains, and
 * agents (`create_react_agent(llm, tools)`, `create_agent(model, …)`, `createReactAgent({ llm })`,
 * `AgentExecutor(agent=…)`). Invoking the result calls the model.
 */
const LANGCHAIN_CHAIN =
  /^(\w*Chain|load_\w*_chain|create_\w*_chain|loadQAChain|load\w*Chain|create_(?:\w+_)?agent|create\w*Agent|AgentExecutor)$/;

/** Generic wrappers around the declared class (`Optional[KeyPool]`, `Promise<LlmClient>`, `Readonly<…>`). */
const TYPE_WRAPPERS = new Set([
  'Optional',
  'Union',
  'List',
  'Dict',
  'Sequence',
  'Iterable',
  'Type',
  'ClassVar',
  'Final',
  'Annotated',
  'Promise',
  'Array',
  'Readonly',
  'Partial',
  'Record',
  'Map',
  'Set',
]);

/** The member of an SDK a module or object value names, ignoring segments that change nothing. */
function memberPathOf(target: Value & { kind: 'module' | 'object' }): string[] {
  return target.path.filter((p) => !TRANSPARENT_SEGMENTS.has(p));
}

function memberOf(target: Value & { kind: 'module' | 'object' }): Member | undefined {
  const path = memberPathOf(target);
  if (target.kind === 'module') {
    const key = path.length === 0 ? 'default' : path.join('.');
    return target.sdk.exports[key] ?? (path[0] === 'default' ? target.sdk.exports[path.slice(1).join('.')] : undefined);
  }
  return target.sdk.types[target.type]?.[path.join('.')];
}

export class Resolver {
  /** Names bound in the file by the first pass (imports, assignments, parameters, returns). */
  private readonly bindings = new FileBindings();
  private readonly cache = new Map<number, Value | null>();
  private readonly visiting = new Set<number>();
  /** How many evaluations so far were cut short by the depth bound or a cycle. */
  private cuts = 0;
  /**
   * Values found by a search that was cut short, with the depth it started at: they hold for any
   * search starting as deep or deeper, which has no more room than that one had.
   */
  private readonly cutCache = new Map<number, { value: Value | undefined; depth: number }>();
  readonly imports: ImportBinding[] = this.bindings.imports;

  constructor(
    root: SyntaxNode,
    readonly language: Language,
  ) {
    collectBindings(root, language, this.bindings, (node) => this.evaluate(node));
  }

  hasSdkImports(): boolean {
    return this.bindings.importValues.size > 0;
  }

  /**
   * Module-level SDK objects and top-level functions that return one: what other files can
   * import (`from .clients import client`, `import { openai } from '../lib/openai'`).
   */
  exportedClients(): ExportedClient[] {
    const out: ExportedClient[] = [];
    const seen = new Set<string>();
    const add = (name: string, value: Value | undefined, factory: boolean) => {
      if (value?.kind !== 'object' || value.path.length || value.collection || seen.has(name)) return;
      seen.add(name);
      out.push({ name, sdk: value.sdk.id, type: value.type, provider: value.provider, host: value.host, factory });
    };
    for (const [name, defs] of this.bindings.definitions) {
      if (name.includes('.')) continue;
      for (const def of defs) if (definitionScope(def, false) === 0 && !insideClass(def)) add(name, this.evaluate(def), false);
    }
    for (const name of new Set([...this.bindings.functionReturns.keys(), ...this.bindings.functionReturnTypes.keys()])) {
      add(name, this.returnedBy(name, 0), true);
    }
    // Fields a class sets to an SDK object (`self.model = ChatOpenAI(...)` in `__init__`,
    // `protected llm = new OpenAI()`): its subclasses in other files call through them.
    for (const [name, defs] of this.bindings.definitions) {
      const field = ownField(name);
      if (!field) continue;
      for (const def of defs) {
        const owner = enclosingClass(def)?.childForFieldName('name')?.text;
        if (owner) add(`${owner}.${field}`, this.evaluate(def), false);
      }
    }
    return out;
  }

  // ---- evaluation ----------------------------------------------------------------------------

  /** What an expression is, as far as SDKs go; undefined when it is nothing we track. */
  evaluate(input: SyntaxNode | null, depth = 0): Value | undefined {
    const node = unwrapExpression(input);
    if (!node) return undefined;
    const cached = this.cache.get(node.id);
    if (cached !== undefined) return cached ?? undefined;
    const cut = this.cutCache.get(node.id);
    if (cut && depth >= cut.depth) return cut.value;
    if (depth > MAX_DEPTH || this.visiting.has(node.id)) {
      this.cuts++;
      return undefined;
    }
    this.visiting.add(node.id);
    const cutsBefore = this.cuts;
    let value: Value | undefined;
    try {
      value = this.evaluateUncached(node, depth);
    } finally {
      this.visiting.delete(node.id);
    }
    // An SDK object found is found however deep the search went. Anything less, when part of
    // the search was cut short, holds only for this depth: `self._client` reached twelve calls
    // down from a caller is not resolved there, yet is from its own method.
    if (value?.kind === 'object' || this.cuts === cutsBefore) this.cache.set(node.id, value ?? null);
    else this.cutCache.set(node.id, { value, depth });
    return value;
  }

  private evaluateUncached(node: SyntaxNode, depth: number): Value | undefined {
    switch (node.type) {
      case 'identifier':
      case 'type_identifier':
      case 'shorthand_property_identifier':
      case 'this':
        return this.lookupName(node.text, node, depth);
      case 'attribute':
      case 'member_expression': {
        const path = memberPath(node);
        if (path) {
          const direct = this.lookupName(path.join('.'), node, depth);
          if (direct) return direct;
          // `google.generativeai.GenerativeModel` after `import google.generativeai`
          for (let cut = path.length - 1; cut >= 1; cut--) {
            const head = this.bindings.importValues.get(path.slice(0, cut).join('.'));
            if (head) return extend(head, path.slice(cut));
          }
        }
        const object = this.evaluate(node.childForFieldName('object'), depth + 1);
        const prop = (node.childForFieldName('attribute') ?? node.childForFieldName('property'))?.text;
        // A pool's own members (`clients.append`) are not its clients' members.
        if (object?.kind === 'object' && object.collection) return undefined;
        return object && prop ? extend(object, [prop]) : undefined;
      }
      case 'list':
      case 'tuple':
      case 'set':
      case 'array':
      case 'dictionary':
      case 'object':
        return this.collectionOf(node.namedChildren, depth);
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension':
        return this.collectionOf([node.childForFieldName('body')], depth);
      case 'for_statement':
      case 'for_in_statement':
        // `for client in clients:` / `for (const client of clients)`: the loop variable's definition.
        return elementOf(this.evaluate(withoutEnumerate(node.childForFieldName('right')), depth + 1));
      case 'subscript':
      case 'subscript_expression':
        // `clients[i % len(clients)]`, `pool[name]`: one element of the pool.
        return elementOf(this.evaluate(node.childForFieldName('value') ?? node.childForFieldName('object'), depth + 1));
      case 'generic_type':
      case 'nested_type_identifier':
        return this.evaluate(node.namedChildren[0] ?? null, depth + 1);
      case 'call':
      case 'call_expression':
      case 'new_expression': {
        const result = this.evaluateCall(node, depth);
        return result && 'kind' in result ? result : undefined;
      }
      case 'binary_operator':
      case 'binary_expression':
      case 'boolean_operator':
      case 'conditional_expression':
      case 'ternary_expression': {
        // `prompt | llm` (LangChain), `a or b`, `a ?? b`, `x if c else y`: any model side counts; an
        // SDK object made here first, else one from another file or a caller (`prompt | get_llm()`).
        let elsewhere: Value | undefined;
        // The test of `x if c else y` / `c ? x : y` is not one of the values it chooses between.
        const condition = node.childForFieldName('condition');
        for (const child of node.namedChildren) {
          if (condition && child?.id === condition.id) continue;
          const v = child && this.evaluate(child, depth + 1);
          if (v?.kind === 'object') return v;
          if (v?.kind === 'param' || (v?.kind === 'workspace' && !PIPE_PARTS.test(v.ref.source))) elsewhere ??= v;
        }
        return elsewhere && choosesAnOperand(node) ? elsewhere : undefined;
      }
      default:
        return undefined;
    }
  }

  private lookupName(name: string, from: SyntaxNode, depth: number): Value | undefined {
    const imported = this.bindings.importValues.get(name);
    // A module name rebound in the file (`curator = APPSCurator(...)` after `from bespokelabs
    // import curator`) is what it was rebound to where that binding is in view.
    if (imported && !this.bindings.definitions.has(name)) return imported;
    if (imported) {
      for (const def of visibleDefinitions(this.bindings, name, from)) {
        if (def.typed) continue;
        const v = this.evaluate(def.node, depth + 1);
        if (v?.kind === 'object') return v;
      }
      return imported;
    }
    // A parameter is what the callers pass. Definitions outside its function are other names
    // that happen to match; an SDK object among them is still taken (a module-level client
    // handed to its own helpers), anything else gives way to the parameter.
    // A field that holds a parameter (`self.client = client`) is the parameter too, unless the
    // field also has a type or value that says what it is (`private readonly client: OpenAI`).
    const param = name.includes('.') ? undefined : parameterAt(name, from, this.language);
    let outside: Value | undefined;
    let heldParam: Value | undefined;
    for (const def of visibleDefinitions(this.bindings, name, from)) {
      const v = def.typed ? this.instanceOfType(def.node, depth + 1) : this.evaluate(def.node, depth + 1);
      if (param && !isInside(def.node, param.fn)) {
        if (v?.kind === 'object') outside ??= v;
        continue;
      }
      if (v?.kind === 'param') heldParam ??= v;
      else if (v) return v;
    }
    if (heldParam) return heldParam;
    const filled = this.filledCollection(name, from, depth);
    if (filled) return filled;
    if (!param && !name.includes('.')) {
      const handed = this.handedToCallback(name, from, depth);
      if (handed) return handed;
    }
    if (param) return outside ?? { kind: 'param', ref: param.ref };
    // `self.client` / `this.client` may be a property or getter that returns the client.
    const field = ownField(name);
    if (field) return this.returnedBy(field, depth) ?? this.inheritedField(field, from);
    const other = this.bindings.otherImports.get(name);
    if (other) return { kind: 'workspace', ref: { source: other.source, importedName: other.importedName, segments: [] } };
    return undefined;
  }

  /**
   * `self.model` in a class whose base is imported from another workspace file and sets the field
   * there: the base's field, as that file exports it (`BaseEvaluator.model`).
   */
  private inheritedField(field: string, from: SyntaxNode): Value | undefined {
    const cls = enclosingClass(from);
    for (const base of cls ? extendedNames(cls) : []) {
      const other = this.bindings.otherImports.get(base);
      if (other) return { kind: 'workspace', ref: { source: other.source, importedName: `${other.importedName}.${field}`, segments: [] } };
    }
    return undefined;
  }

  /**
   * `this.makeRequest(async (client) => client.chat…)` where `makeRequest(requestFn)` of this file
   * calls `requestFn(currentClient)`: the callback's parameter is what the invoker passes it.
   */
  private handedToCallback(name: string, from: SyntaxNode, depth: number): Value | undefined {
    const slot = callbackSlotAt(name, from, this.language);
    const callee = slot && calleeOf(slot.call);
    const invoker = callee ? ownFunctionCalled(callee, memberPath(callee), this.bindings) : undefined;
    if (!slot || !invoker) return undefined;
    for (const fn of this.bindings.functions.get(invoker) ?? []) {
      const callbackName = parametersOf(fn, this.language).find((p) => p.index === slot.argument && !p.key)?.name;
      if (!callbackName) continue;
      let handed: Value | undefined;
      walk(fn, (n) => {
        if (handed) return false;
        if (!isCall(n) || calleeOf(n)?.text !== callbackName) return;
        const v = this.evaluate(argumentsOf(n).positional[slot.parameter] ?? null, depth + 1);
        if (v?.kind === 'object') handed = v;
      });
      if (handed) return handed;
    }
    return undefined;
  }

  /** A collection made empty and filled with SDK objects later (`this.clients.set(i, new OpenAI(…))`). */
  private filledCollection(name: string, from: SyntaxNode, depth: number): Value | undefined {
    const added = this.bindings.addedElements.get(name);
    if (!added) return undefined;
    // Only a collection made empty (`new Map()`, `[]`, `{}`, `dict()`) and filled with objects made on
    // the spot: reading what any list was appended with would run through the file's whole data flow.
    if (!visibleDefinitions(this.bindings, name, from).every((d) => !d.typed && EMPTY_COLLECTION.test(d.node.text))) return undefined;
    const made = added.filter((e) => e.type === 'call' || e.type === 'call_expression' || e.type === 'new_expression');
    return made.length ? this.collectionOf(made, depth) : undefined;
  }

  /** What a workspace function or method returns, from its return statements or declared type. */
  private returnedBy(name: string, depth: number): Value | undefined {
    for (const r of this.bindings.functionReturns.get(name) ?? []) {
      const v = this.evaluate(r, depth + 1);
      if (v?.kind === 'object' || v?.kind === 'workspace' || v?.kind === 'param') return v;
    }
    for (const type of this.bindings.functionReturnTypes.get(name) ?? []) {
      const v = this.instanceOfType(type, depth + 1);
      if (v) return v;
    }
    return undefined;
  }

  /**
   * An instance of the SDK class a type annotation names (`Anthropic`, `Optional[OpenAI]`,
   * `Promise<OpenAI>`, `anthropic.AsyncAnthropic`), as if constructed without arguments.
   */
  private instanceOfType(type: SyntaxNode, depth: number): Value | undefined {
    let found: Value | undefined;
    walk(type, (n) => {
      if (found) return false;
      // `Anthropic.MessageParam`, `OpenAI.ChatCompletion`: a type the SDK namespace exports, which
      // is a client only when that member itself constructs one (its module part alone is not).
      const nested = n.type === 'nested_type_identifier' ? n.childForFieldName('module') : null;
      if (nested) {
        const base = this.evaluate(nested, depth + 1);
        const name = n.childForFieldName('name')?.text;
        if (base?.kind === 'module' && name) {
          const path = [...base.path.filter((p) => p !== 'default'), name];
          const member = base.sdk.exports[path.join('.')];
          if (member && 'returns' in member && !member.argSelects && base.sdk.types[member.returns]) {
            found = { kind: 'object', sdk: base.sdk, type: member.returns, path: [], provider: member.provider ?? base.sdk.provider };
          }
        }
        return false;
      }
      if (n.type !== 'identifier' && n.type !== 'type_identifier' && n.type !== 'attribute' && n.type !== 'member_expression') return;
      const v = this.evaluate(n, depth + 1);
      if (v?.kind === 'object') found = v;
      else if (v?.kind === 'module') {
        const path = v.path.filter((p) => p !== 'default');
        const member = v.sdk.exports[path.length ? path.join('.') : 'default'];
        if (member && 'returns' in member && !member.argSelects && v.sdk.types[member.returns]) {
          found = { kind: 'object', sdk: v.sdk, type: member.returns, path: [], provider: member.provider ?? v.sdk.provider };
        }
      }
      return false;
    });
    return found;
  }

  /**
   * Evaluates a call: a provider call site (ResolvedCall), an SDK object it creates, or nothing.
   */
  evaluateCall(call: SyntaxNode, depth = 0): ResolvedCall | Value | undefined {
    if (!isCall(call)) return undefined;
    const callee = calleeOf(call);
    if (!callee) return undefined;
    // `require('openai')`, `await import('openai')`
    if ((callee.type === 'identifier' && callee.text === 'require') || callee.type === 'import') {
      const source = stringValue(argumentsOf(call).positional[0] ?? null);
      const sdk = source ? sdkForModule(source) : undefined;
      return sdk ? { kind: 'module', sdk, path: ['default'] } : undefined;
    }
    // A local factory function or method: `client = make_client()`, `self._client()`.
    const calleePath = memberPath(callee);
    const picked = this.pickedFromCollection(call, callee, calleePath, depth);
    if (picked) return picked;
    const factory = ownFunctionCalled(callee, calleePath, this.bindings);
    if (factory && (this.bindings.functionReturns.has(factory) || this.bindings.functionReturnTypes.has(factory))) {
      const made = this.returnedBy(factory, depth);
      if (made) return made;
    }
    const found = this.evaluate(callee, depth + 1);
    // LangChain JS: `prompt.pipe(model)` yields a runnable that calls the model.
    if (found?.kind !== 'object' && callee.type === 'member_expression' && callee.childForFieldName('property')?.text === 'pipe') {
      const arg = this.evaluate(argumentsOf(call).positional[0] ?? null, depth + 1);
      if (arg?.kind === 'object') return arg;
    }
    if (!found || found.kind === 'workspace' || found.kind === 'param') {
      const chain = this.chainAround(call, calleePath, depth);
      if (chain || !found) return chain;
    }
    if (found.kind === 'command') return undefined;
    if (found.kind === 'workspace' || found.kind === 'param') return extend(found, ['()']);
    let target: Value & { kind: 'module' | 'object' } = found;
    let member = memberOf(target);
    // `self._client` set to an OpenAI client in one method and an Anthropic one in another:
    // `self._client.messages.create` is a call on the definition whose SDK has that member.
    if (!member && target.kind === 'object' && calleePath) {
      for (const other of this.otherDefinitionValues(calleePath, call, depth)) {
        member = memberOf(other);
        if (member) {
          target = other;
          break;
        }
      }
    }
    if (!member) return undefined;
    const path = memberPathOf(target);
    if ('command' in member && member.command) return { kind: 'command', api: member.command };
    if ('returns' in member) {
      const args = argumentsOf(call);
      let type = member.returns;
      if (member.argSelects) {
        const service = stringValue(args.positional[0] ?? args.named.get('service_name') ?? null);
        const selected = service ? member.argSelects[service] : undefined;
        if (!selected) return undefined;
        type = selected;
      }
      if (!target.sdk.types[type]) return undefined;
      const host = hostFromClientArguments(this, call);
      const inherited = target.kind === 'object' ? target.provider : undefined;
      let provider: ProviderId = member.provider ?? inherited ?? target.sdk.provider;
      const byHost = host ? providerForHost(host) : undefined;
      if (byHost) provider = byHost;
      else if (provider === 'unknown' || provider === 'litellm') provider = providerFromModelArguments(this, call, provider);
      // A wrapper of a client handed in (`Instructor({ client: new OpenAI() })`) talks to that client's provider.
      if (provider === 'unknown') {
        const wrapped = this.evaluate(argumentsOf(call).named.get('client') ?? null, depth + 1);
        if (wrapped?.kind === 'object' && !wrapped.path.length) provider = wrapped.provider;
      }
      return {
        kind: 'object',
        sdk: target.sdk,
        type,
        path: [],
        provider,
        host: host ?? (target.kind === 'object' ? target.host : undefined),
      };
    }
    let provider: ProviderId = target.kind === 'object' ? target.provider : target.sdk.provider;
    if (member.providerFrom === 'model-prefix') provider = providerFromModelArguments(this, call, provider);
    if (member.providerFrom === 'model-arg') {
      const modelNode = argumentsOf(call).named.get('model') ?? null;
      const model = this.evaluate(modelNode, depth + 1);
      // `model: googleAI.model('gemini-2.5-flash')` from a plugin no table knows: the model id says whose it is.
      const named = modelNode ? /["'`]([\w./:-]+)["'`]/.exec(modelNode.text)?.[1] : undefined;
      provider = model?.kind === 'object' ? model.provider : ((named ? providerForModelName(named) : undefined) ?? 'unknown');
    }
    // `client.send(new ConverseCommand(...))`: the command decides the API family.
    let api = member.api;
    if (target.kind === 'object' && path.join('.') === 'send') {
      const command = this.evaluate(argumentsOf(call).positional[0] ?? null, depth + 1);
      if (command?.kind !== 'command') return undefined;
      api = command.api;
    }
    return { sdk: target.sdk, provider, api, host: target.kind === 'object' ? target.host : undefined, member: { ...member, api } };
  }

  /**
   * The SDK objects every definition of the callee's receiver makes, each extended by the rest of
   * the callee: for `self._client.messages.create`, each value `self._client` is assigned.
   */
  private otherDefinitionValues(calleePath: string[], from: SyntaxNode, depth: number): (Value & { kind: 'object' })[] {
    const out: (Value & { kind: 'object' })[] = [];
    for (let cut = calleePath.length - 1; cut >= 1 && !out.length; cut--) {
      const name = calleePath.slice(0, cut).join('.');
      for (const def of visibleDefinitions(this.bindings, name, from).slice(0, 8)) {
        const v = def.typed ? this.instanceOfType(def.node, depth + 1) : this.evaluate(def.node, depth + 1);
        if (v?.kind === 'object' && !v.collection) out.push({ ...v, path: [...v.path, ...calleePath.slice(cut)] });
      }
    }
    return out;
  }

  /** Elements or pools of SDK objects: `[OpenAI(api_key=k) for k in keys]`, `{"a": OpenAI()}`. */
  private collectionOf(items: (SyntaxNode | null)[], depth: number): Value | undefined {
    for (const item of items) {
      if (!item || item.type === 'comment' || item.type === 'spread_element') continue;
      const valueNode = item.type === 'pair' ? item.childForFieldName('value') : item;
      const v = this.evaluate(valueNode, depth + 1);
      if (v?.kind === 'object' && !v.path.length) return { ...v, collection: true };
    }
    return undefined;
  }

  /** `random.choice(clients)`, `pool.get(name)`, `keys.map((k) => new OpenAI(...))` (flow-summaries.ts). */
  private pickedFromCollection(call: SyntaxNode, callee: SyntaxNode, calleePath: string[] | undefined, depth: number): Value | undefined {
    const path =
      calleePath ??
      (callee.type === 'attribute' || callee.type === 'member_expression'
        ? ['*', (callee.childForFieldName('attribute') ?? callee.childForFieldName('property'))?.text ?? '']
        : undefined);
    const row = path && flowSummaryFor(path);
    if (!row) return undefined;
    const args = argumentsOf(call).positional;
    if (row.takes === 'argument') return elementOf(this.evaluate(args[row.argument ?? 0] ?? null, depth + 1));
    if (row.takes === 'receiver') return elementOf(this.evaluate(callee.childForFieldName('object'), depth + 1));
    const callback = unwrapExpression(args[row.argument ?? 0] ?? null);
    const body = callback && (callback.type === 'arrow_function' || callback.type === 'lambda') ? callback.childForFieldName('body') : null;
    if (!body || body.type === 'statement_block') return undefined;
    const made = this.evaluate(body, depth + 1);
    return made?.kind === 'object' && !made.path.length ? { ...made, collection: true } : undefined;
  }

  /**
   * LangChain's classic chains hold the model they call: `LLMChain(llm=model, prompt=p)`,
   * `RetrievalQA.from_chain_type(llm=model)`, `load_qa_chain(model)`, `SequentialChain(chains=[a, b])`.
   * The chain is treated as the model, so `chain.run(x)` / `chain(x)` are its calls.
   */
  private chainAround(call: SyntaxNode, calleePath: string[] | undefined, depth: number): Value | undefined {
    const name = calleePath?.[calleePath.length - 1] ?? '';
    const factory = calleePath?.length === 2 && /^[A-Z]/.test(calleePath[0]) && /^(from_llm|from_chain_type|fromLLM)$/.test(name);
    if (!LANGCHAIN_CHAIN.test(name) && !factory) return undefined;
    const args = argumentsOf(call);
    const candidates = [args.named.get('llm'), args.named.get('model'), args.named.get('agent'), args.positional[0]];
    const chains = unwrapExpression(args.named.get('chains') ?? null);
    if (chains?.type === 'list' || chains?.type === 'array') candidates.push(...(chains.namedChildren as SyntaxNode[]));
    for (const node of candidates) {
      const v = node ? this.evaluate(node, depth + 1) : undefined;
      if (v?.kind === 'object' && v.sdk.id === 'langchain') return v;
    }
    return undefined;
  }

  /** `base_url=` / `baseURL:` / `host=` / `endpoint=` given to a client constructor. */
  hostFromArguments(call: SyntaxNode): string | undefined {
    return hostFromClientArguments(this, call);
  }

  /** A string's value when it is a literal, a template with a literal head, or a constant name. */
  stringOf(input: SyntaxNode | null, depth = 0): string | undefined {
    return constantString(this, input, depth);
  }

  /** Values assigned to a name; seen from `from` when given (its own function's first). */
  /** The parameter of an enclosing function that a plain name reads, whatever its annotation says. */
  parameterOf(name: SyntaxNode): ParamRef | undefined {
    return name.type === 'identifier' ? parameterAt(name.text, name, this.language)?.ref : undefined;
  }

  /** What was put into the collection `name` after it was made (`rows.append(x)`, `this.pool.set(k, v)`). */
  elementsAddedTo(name: string): SyntaxNode[] {
    return this.bindings.addedElements.get(name) ?? [];
  }

  definitionsOf(name: string, from?: SyntaxNode): SyntaxNode[] {
    if (!from) return this.bindings.definitions.get(name) ?? [];
    return visibleDefinitions(this.bindings, name, from)
      .filter((d) => !d.typed)
      .map((d) => d.node);
  }

  /**
   * The class a name is declared as (`private readonly keys: KeyPoolService`, `llm: LlmClient`),
   * when the annotation names one: how a method call on an injected service finds its class.
   */
  declaredClass(name: string, from: SyntaxNode, depth = 0): string | undefined {
    return this.declaredClasses(name, from, depth)[0];
  }

  /**
   * Every class a name is declared as, in order: one, or the members of a union
   * (`judge: VLLMInference | OpenAIInference`, `Union[A, B]`), any of which may be handed over.
   */
  declaredClasses(name: string, from: SyntaxNode, depth = 0): string[] {
    const definitions = visibleDefinitions(this.bindings, name, from);
    // `api_key_rotation: Optional[ApiKeyRotation] = None` in a dataclass body declares `self.api_key_rotation`.
    const field = /^(self|this)\.(\w+)$/.exec(name)?.[2];
    if (field && depth < 2 && !definitions.some((d) => d.typed)) {
      const declared = visibleDefinitions(this.bindings, field, from).some((d) => d.typed)
        ? this.declaredClasses(field, from, depth + 1)
        : [];
      if (declared.length) return declared;
    }
    for (const def of definitions) {
      // `self.keyring = keyring` in `__init__(self, keyring: Keyring)`: the parameter's declared class.
      const value = def.typed ? null : unwrapExpression(def.node);
      if (value?.type === 'identifier' && value.text !== name && depth < 2) {
        const inner = this.declaredClasses(value.text, value, depth + 1);
        if (inner.length) return inner;
      }
      if (!def.typed) continue;
      const found = new Set<string>();
      let done = false;
      walk(def.node, (n) => {
        if (done) return false;
        if ((n.type === 'type_identifier' || n.type === 'identifier') && /^[A-Z]/.test(n.text) && !TYPE_WRAPPERS.has(n.text)) {
          found.add(n.text);
          // `List[Model]`, `Dict[str, Client]`: the first class is the one; only a union lists several.
          done = !isUnionPart(n, def.node);
        }
      });
      if (found.size) return [...found];
    }
    return [];
  }

  dictOf(node: SyntaxNode | null): Map<string, SyntaxNode> | undefined {
    const n = unwrapExpression(node);
    if (!n) return undefined;
    if (n.type === 'dictionary') return readDictEntries(n);
    if (n.type === 'identifier') {
      for (const d of this.definitionsOf(n.text, n)) {
        const m = this.dictOf(d);
        if (m) return m;
      }
    }
    return undefined;
  }
}
