// Receiver resolution: decides what an expression *is* (an SDK module, a client, a model object,
// a string) from imports, constructors and assignments in the file. A call is a provider call
// only when its receiver resolves to an SDK object whose member table says so; method names
// alone never make a call site (so `prisma.message.create` stays quiet).
import type { Node } from 'web-tree-sitter';
import { MODEL_PREFIX_PROVIDERS, sdkForModule, TRANSPARENT_SEGMENTS, providerForHost, providerForModelName, type Member, type SdkSpec } from '../providers';
import type { ApiFamily, ExportedClient, Language, ProviderId, WorkspaceRef } from '../types';
import { argumentsOf, calleeOf, isCall, memberPath, readDictEntries, stripQuotes, stringValue, unwrapExpression, walk, isFunctionNode, functionName, enclosingClassName } from './syntax';

export type Value =
  | { kind: 'module'; sdk: SdkSpec; path: string[] }
  | { kind: 'object'; sdk: SdkSpec; type: string; path: string[]; provider: ProviderId; host?: string }
  | { kind: 'command'; api: ApiFamily }
  /** Imported from a module that is not an SDK (maybe a workspace file): resolved across files later. */
  | { kind: 'workspace'; ref: WorkspaceRef };

export interface ResolvedCall {
  sdk: SdkSpec;
  provider: ProviderId;
  api: ApiFamily;
  host?: string;
  member: Member & { api: ApiFamily };
}

export interface ImportBinding { localName: string; source: string; importedName: string }

const MAX_DEPTH = 12;

export class Resolver {
  /** Candidate definitions per name: right-hand sides, parameter types, import values. */
  private readonly definitions = new Map<string, Node[]>();
  /** Names known only by a type annotation (`client: Anthropic`): an instance of that type. */
  private readonly typedDefinitions = new Map<string, Node[]>();
  /** Declared return types of functions and methods (`def get_client() -> Anthropic`). */
  private readonly functionReturnTypes = new Map<string, Node[]>();
  private readonly importValues = new Map<string, Value>();
  private readonly functionReturns = new Map<string, Node[]>();
  private readonly cache = new Map<number, Value | null>();
  private readonly visiting = new Set<number>();
  readonly imports: ImportBinding[] = [];
  /** Imports from modules that are not SDKs, by local name. */
  private readonly otherImports = new Map<string, ImportBinding>();

  constructor(private readonly root: Node, private readonly language: Language) {
    this.collect();
  }

  hasSdkImports(): boolean {
    return this.importValues.size > 0;
  }

  /**
   * Module-level SDK objects and top-level functions that return one: what other files can
   * import (`from .clients import client`, `import { openai } from '../lib/openai'`).
   */
  exportedClients(): ExportedClient[] {
    const out: ExportedClient[] = [];
    const seen = new Set<string>();
    const add = (name: string, value: Value | undefined, factory: boolean) => {
      if (value?.kind !== 'object' || value.path.length || seen.has(name)) return;
      seen.add(name);
      out.push({ name, sdk: value.sdk.id, type: value.type, provider: value.provider, host: value.host, factory });
    };
    for (const [name, defs] of this.definitions) {
      if (name.includes('.')) continue;
      for (const def of defs) if (definitionScope(def, false) === 0 && !insideClass(def)) add(name, this.evaluate(def), false);
    }
    for (const name of new Set([...this.functionReturns.keys(), ...this.functionReturnTypes.keys()])) {
      add(name, this.returnedBy(name, 0), true);
    }
    return out;
  }

  // ---- first pass: imports, assignments, parameters, returns -------------------------------

  private collect(): void {
    walk(this.root, (node) => {
      switch (node.type) {
        case 'import_statement':
          if (this.language === 'python') this.collectPythonImport(node);
          else this.collectJsImport(node);
          break;
        case 'import_from_statement':
          this.collectPythonFromImport(node);
          break;
        case 'assignment':
        case 'assignment_expression':
        case 'augmented_assignment':
          this.collectAssignment(node);
          break;
        case 'variable_declarator':
          this.define(node.childForFieldName('name'), node.childForFieldName('value'));
          break;
        case 'public_field_definition':
        case 'field_definition': {
          const name = node.childForFieldName('name') ?? node.childForFieldName('property');
          const value = node.childForFieldName('value');
          if (name && value) this.addDefinition('this.' + name.text, value);
          const type = node.childForFieldName('type');
          if (name && type) this.addTyped('this.' + name.text, type);
          break;
        }
        case 'export_statement': {
          // `export default client` / `export default new OpenAI()`: importers see it as `default`.
          const value = node.childForFieldName('value');
          if (value && /^export\s+default\b/.test(node.text)) this.addDefinition('default', value);
          break;
        }
        case 'as_pattern': {
          // `with Anthropic() as client:`
          const alias = node.childForFieldName('alias');
          const value = node.namedChildren[0];
          if (alias && value) this.addDefinition(alias.text.replace(/^as\s+/, ''), value);
          break;
        }
        case 'typed_parameter':
        case 'typed_default_parameter':
        case 'required_parameter':
        case 'optional_parameter':
          this.collectTypedParameter(node);
          break;
        case 'function_definition':
        case 'function_declaration':
        case 'method_definition': {
          const name = functionName(node);
          const type = node.childForFieldName('return_type');
          if (name && type) this.functionReturnTypes.set(name, [...(this.functionReturnTypes.get(name) ?? []), type]);
          break;
        }
        case 'return_statement': {
          const fn = enclosingFunctionNode(node);
          const name = fn && functionName(fn);
          const value = node.namedChildren[0];
          if (name && value) {
            const list = this.functionReturns.get(name) ?? [];
            list.push(value);
            this.functionReturns.set(name, list);
          }
          break;
        }
        case 'arrow_function': {
          // `const client = () => new OpenAI()`: an expression body is its return value.
          const body = node.childForFieldName('body');
          const name = functionName(node);
          if (name && body && body.type !== 'statement_block') this.functionReturns.set(name, [body]);
          break;
        }
      }
    });
  }

  private recordImport(binding: ImportBinding, isSdk: boolean): void {
    this.imports.push(binding);
    if (!isSdk) this.otherImports.set(binding.localName, binding);
  }

  private addDefinition(name: string, value: Node): void {
    const list = this.definitions.get(name) ?? [];
    if (list.length < 16) list.push(value);
    this.definitions.set(name, list);
  }

  private addTyped(name: string, type: Node): void {
    const list = this.typedDefinitions.get(name) ?? [];
    if (list.length < 8) list.push(type);
    this.typedDefinitions.set(name, list);
  }

  private collectAssignment(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const type = node.childForFieldName('type');
    this.define(left, right);
    if (left && type && (left.type === 'identifier' || left.type === 'attribute')) this.addTyped(memberPath(left)?.join('.') ?? left.text, type);
    // A Python class attribute (`client = Anthropic()` or `client: Anthropic` in the class body)
    // is what `self.client` / `cls.client` read in the methods.
    if (left?.type === 'identifier' && node.parent?.type === 'expression_statement' && node.parent.parent?.type === 'block'
      && node.parent.parent.parent?.type === 'class_definition') {
      for (const owner of ['self', 'cls']) {
        if (right) this.addDefinition(`${owner}.${left.text}`, right);
        if (type) this.addTyped(`${owner}.${left.text}`, type);
      }
    }
  }

  private define(left: Node | null, right: Node | null): void {
    if (!left || !right) return;
    if (left.type === 'identifier' || left.type === 'attribute' || left.type === 'member_expression') {
      const path = memberPath(left);
      if (path) this.addDefinition(path.join('.'), right);
      return;
    }
    // `const { OpenAI } = require('openai')`
    if (left.type === 'object_pattern') {
      for (const prop of left.namedChildren) {
        if (!prop) continue;
        if (prop.type === 'shorthand_property_identifier_pattern') this.bindDestructured(prop.text, prop.text, right);
        else if (prop.type === 'pair_pattern') {
          const key = prop.childForFieldName('key')?.text;
          const value = prop.childForFieldName('value');
          if (key && value?.type === 'identifier') this.bindDestructured(value.text, key, right);
        }
      }
    }
  }

  private bindDestructured(localName: string, key: string, source: Node): void {
    const value = this.evaluate(source);
    if (value?.kind === 'module') this.importValues.set(localName, { ...value, path: [...value.path.filter((p) => p !== 'default'), key] });
    else if (value?.kind === 'object') this.importValues.set(localName, { ...value, path: [...value.path, key] });
  }

  private collectTypedParameter(node: Node): void {
    const name = node.childForFieldName('pattern') ?? node.namedChildren.find((c) => c?.type === 'identifier') ?? null;
    const type = node.childForFieldName('type');
    if (!name || !type) return;
    const typeName = type.text.replace(/^:\s*/, '').split(/[<[|\s]/)[0].trim();
    if (!typeName) return;
    // A typed parameter behaves like a value constructed from that type.
    this.addTyped(name.text, type);
    const accessibility = node.namedChildren.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'override_modifier');
    if (accessibility || node.text.startsWith('readonly ')) this.addTyped('this.' + name.text, type);
  }

  private collectPythonImport(node: Node): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'dotted_name') {
        const source = child.text;
        const sdk = sdkForModule(source);
        // `import google.generativeai` binds `google`; record the full dotted path on the root name.
        if (sdk) this.importValues.set(source, { kind: 'module', sdk, path: [] });
        this.recordImport({ localName: source.split('.')[0], source, importedName: '*' }, !!sdk);
      } else if (child.type === 'aliased_import') {
        const source = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (!source || !alias) continue;
        const sdk = sdkForModule(source);
        if (sdk) this.importValues.set(alias, { kind: 'module', sdk, path: [] });
        this.recordImport({ localName: alias, source, importedName: '*' }, !!sdk);
      }
    }
  }

  private collectPythonFromImport(node: Node): void {
    const moduleNode = node.childForFieldName('module_name');
    const source = moduleNode?.text;
    if (!moduleNode || !source) return;
    for (const child of node.namedChildren) {
      // Tree-sitter hands out fresh node objects: compare ids, not identity.
      if (!child || child.id === moduleNode.id) continue;
      let name: string | undefined;
      let alias: string | undefined;
      if (child.type === 'dotted_name') name = alias = child.text;
      else if (child.type === 'aliased_import') {
        name = child.childForFieldName('name')?.text;
        alias = child.childForFieldName('alias')?.text;
      }
      if (!name || !alias) continue;
      const whole = sdkForModule(`${source}.${name}`);
      this.recordImport({ localName: alias, source, importedName: name }, !!(whole || sdkForModule(source)));
      if (whole && whole.modules.some((m) => m === `${source}.${name}`)) {
        this.importValues.set(alias, { kind: 'module', sdk: whole, path: [] });
        continue;
      }
      const sdk = sdkForModule(source);
      if (sdk) this.importValues.set(alias, { kind: 'module', sdk, path: [name] });
    }
  }

  private collectJsImport(node: Node): void {
    const source = stringValue(node.childForFieldName('source'));
    if (!source) return;
    const sdk = sdkForModule(source);
    const clause = node.namedChildren.find((c) => c?.type === 'import_clause');
    if (!clause) return;
    for (const part of clause.namedChildren) {
      if (!part) continue;
      if (part.type === 'identifier') {
        this.recordImport({ localName: part.text, source, importedName: 'default' }, !!sdk);
        if (sdk) this.importValues.set(part.text, { kind: 'module', sdk, path: ['default'] });
      } else if (part.type === 'namespace_import') {
        const local = part.namedChildren.find((c) => c?.type === 'identifier')?.text;
        if (!local) continue;
        this.recordImport({ localName: local, source, importedName: '*' }, !!sdk);
        if (sdk) this.importValues.set(local, { kind: 'module', sdk, path: [] });
      } else if (part.type === 'named_imports') {
        for (const spec of part.namedChildren) {
          if (spec?.type !== 'import_specifier') continue;
          const name = spec.childForFieldName('name')?.text;
          const alias = spec.childForFieldName('alias')?.text ?? name;
          if (!name || !alias) continue;
          this.recordImport({ localName: alias, source, importedName: name }, !!sdk);
          if (sdk) this.importValues.set(alias, { kind: 'module', sdk, path: [name] });
        }
      }
    }
  }

  // ---- evaluation ----------------------------------------------------------------------------

  /** What an expression is, as far as SDKs go; undefined when it is nothing we track. */
  evaluate(input: Node | null, depth = 0): Value | undefined {
    const node = unwrapExpression(input);
    if (!node || depth > MAX_DEPTH) return undefined;
    const cached = this.cache.get(node.id);
    if (cached !== undefined) return cached ?? undefined;
    if (this.visiting.has(node.id)) return undefined;
    this.visiting.add(node.id);
    let value: Value | undefined;
    try {
      value = this.evaluateUncached(node, depth);
    } finally {
      this.visiting.delete(node.id);
    }
    this.cache.set(node.id, value ?? null);
    return value;
  }

  private evaluateUncached(node: Node, depth: number): Value | undefined {
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
            const head = this.importValues.get(path.slice(0, cut).join('.'));
            if (head) return extend(head, path.slice(cut));
          }
        }
        const object = this.evaluate(node.childForFieldName('object'), depth + 1);
        const prop = (node.childForFieldName('attribute') ?? node.childForFieldName('property'))?.text;
        return object && prop ? extend(object, [prop]) : undefined;
      }
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
        // `prompt | llm` (LangChain), `a or b`, `a ?? b`, `x if c else y`: any model side counts.
        for (const child of node.namedChildren) {
          const v = child && this.evaluate(child, depth + 1);
          if (v?.kind === 'object') return v;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private lookupName(name: string, from: Node, depth: number): Value | undefined {
    const imported = this.importValues.get(name);
    if (imported) return imported;
    for (const def of this.visibleDefinitions(name, from)) {
      const v = def.typed ? this.instanceOfType(def.node, depth + 1) : this.evaluate(def.node, depth + 1);
      if (v) return v;
    }
    // `self.client` / `this.client` may be a property or getter that returns the client.
    const parts = name.split('.');
    if (parts.length === 2 && (parts[0] === 'self' || parts[0] === 'this')) return this.returnedBy(parts[1], depth);
    const other = this.otherImports.get(name);
    if (other) return { kind: 'workspace', ref: { source: other.source, importedName: other.importedName, segments: [] } };
    return undefined;
  }

  /**
   * Definitions of `name` as seen from `from`: those in the enclosing functions first (innermost
   * wins, so `model` in one function is not another function's `model`), then module level. A
   * name assigned in an enclosing function is local there, so other functions' definitions are
   * ignored; otherwise they are a last resort (globals set inside an init function).
   */
  private visibleDefinitions(name: string, from: Node): { node: Node; typed: boolean }[] {
    const all = [
      ...(this.definitions.get(name) ?? []).map((node) => ({ node, typed: false })),
      ...(this.typedDefinitions.get(name) ?? []).map((node) => ({ node, typed: true })),
    ];
    if (all.length <= 1) return all;
    const member = /^(self|this|cls)\./.test(name);
    const chain = scopeChain(from, member);
    const rank = (def: { node: Node }) => {
      const i = chain.indexOf(definitionScope(def.node, member));
      return i < 0 ? chain.length + 1 : i;
    };
    const ranked = all.map((d) => ({ ...d, rank: rank(d) })).sort((a, b) => a.rank - b.rank);
    const moduleRank = chain.length - 1;
    if (ranked[0].rank < moduleRank) return ranked.filter((d) => d.rank <= moduleRank);
    return ranked;
  }

  /** What a workspace function or method returns, from its return statements or declared type. */
  private returnedBy(name: string, depth: number): Value | undefined {
    for (const r of this.functionReturns.get(name) ?? []) {
      const v = this.evaluate(r, depth + 1);
      if (v?.kind === 'object' || v?.kind === 'workspace') return v;
    }
    for (const type of this.functionReturnTypes.get(name) ?? []) {
      const v = this.instanceOfType(type, depth + 1);
      if (v) return v;
    }
    return undefined;
  }

  /**
   * An instance of the SDK class a type annotation names (`Anthropic`, `Optional[OpenAI]`,
   * `Promise<OpenAI>`, `anthropic.AsyncAnthropic`), as if constructed without arguments.
   */
  private instanceOfType(type: Node, depth: number): Value | undefined {
    let found: Value | undefined;
    walk(type, (n) => {
      if (found) return false;
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
  evaluateCall(call: Node, depth = 0): ResolvedCall | Value | undefined {
    if (!isCall(call)) return undefined;
    const callee = calleeOf(call);
    if (!callee) return undefined;
    // `require('openai')`, `await import('openai')`
    if (callee.type === 'identifier' && callee.text === 'require' || callee.type === 'import') {
      const source = stringValue(argumentsOf(call).positional[0] ?? null);
      const sdk = source ? sdkForModule(source) : undefined;
      return sdk ? { kind: 'module', sdk, path: ['default'] } : undefined;
    }
    // A local factory function or method: `client = make_client()`, `self._client()`.
    const calleePath = memberPath(callee);
    const factory = callee.type === 'identifier' ? callee.text
      : calleePath?.length === 2 && (calleePath[0] === 'self' || calleePath[0] === 'this' || calleePath[0] === 'cls') ? calleePath[1] : undefined;
    if (factory && (this.functionReturns.has(factory) || this.functionReturnTypes.has(factory))) {
      const made = this.returnedBy(factory, depth);
      if (made) return made;
    }
    const target = this.evaluate(callee, depth + 1);
    // LangChain JS: `prompt.pipe(model)` yields a runnable that calls the model.
    if (target?.kind !== 'object' && callee.type === 'member_expression' && callee.childForFieldName('property')?.text === 'pipe') {
      const arg = this.evaluate(argumentsOf(call).positional[0] ?? null, depth + 1);
      if (arg?.kind === 'object') return arg;
    }
    if (!target) return undefined;
    if (target.kind === 'command') return undefined;
    if (target.kind === 'workspace') return { kind: 'workspace', ref: { ...target.ref, segments: [...target.ref.segments, '()'] } };
    const isNew = call.type === 'new_expression';
    const path = target.path.filter((p) => !TRANSPARENT_SEGMENTS.has(p));
    let member: Member | undefined;
    if (target.kind === 'module') {
      const key = path.length === 0 || (isNew && path.length === 0) ? 'default' : path.join('.');
      member = target.sdk.exports[key] ?? (path[0] === 'default' ? target.sdk.exports[path.slice(1).join('.')] : undefined);
    } else {
      member = target.sdk.types[target.type]?.[path.join('.')];
    }
    if (!member) return undefined;
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
      const host = this.hostFromArguments(call);
      const inherited = target.kind === 'object' ? target.provider : undefined;
      let provider: ProviderId = member.provider ?? inherited ?? target.sdk.provider;
      const byHost = host ? providerForHost(host) : undefined;
      if (byHost) provider = byHost;
      else if (provider === 'unknown' || provider === 'litellm') provider = this.providerFromModel(call, provider);
      return { kind: 'object', sdk: target.sdk, type, path: [], provider, host: host ?? (target.kind === 'object' ? target.host : undefined) };
    }
    let provider: ProviderId = target.kind === 'object' ? target.provider : target.sdk.provider;
    if (member.providerFrom === 'model-prefix') provider = this.providerFromModel(call, provider);
    if (member.providerFrom === 'model-arg') {
      const model = this.evaluate(argumentsOf(call).named.get('model') ?? null, depth + 1);
      provider = model?.kind === 'object' ? model.provider : 'unknown';
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

  private providerFromModel(call: Node, fallback: ProviderId): ProviderId {
    const args = argumentsOf(call);
    // `init_chat_model("gpt-4o", model_provider="openai")`
    const declared = this.stringOf(args.named.get('model_provider') ?? args.named.get('modelProvider') ?? null);
    const byDeclared = declared ? MODEL_PREFIX_PROVIDERS[declared.toLowerCase()] : undefined;
    if (byDeclared) return byDeclared;
    const model = this.stringOf(args.named.get('model') ?? args.positional[0] ?? null);
    return (model ? providerForModelName(model) : undefined) ?? fallback;
  }

  /** `base_url=` / `baseURL:` / `host=` / `endpoint=` given to a client constructor. */
  hostFromArguments(call: Node): string | undefined {
    const args = argumentsOf(call);
    for (const key of ['base_url', 'baseURL', 'baseUrl', 'api_base', 'azure_endpoint', 'endpoint', 'host', 'openai_api_base']) {
      const node = args.named.get(key);
      const url = node ? this.stringOf(node) : undefined;
      if (url) return hostOf(url);
    }
    return undefined;
  }

  /** A string's value when it is a literal, a template with a literal head, or a constant name. */
  stringOf(input: Node | null, depth = 0): string | undefined {
    const node = unwrapExpression(input);
    if (!node || depth > 4) return undefined;
    const literal = stringValue(node) ?? this.interpolated(node, depth);
    if (literal !== undefined) return literal;
    if (node.type === 'identifier' || node.type === 'attribute' || node.type === 'member_expression') {
      const path = memberPath(node);
      for (const d of path ? this.definitionsOf(path.join('.'), node) : []) {
        const s = this.stringOf(d, depth + 1);
        if (s !== undefined) return s;
      }
      return undefined;
    }
    if (node.type === 'binary_expression' || node.type === 'binary_operator') {
      // `process.env.BASE ?? "https://…"`, `os.getenv("X") or "https://…"`: the literal fallback.
      if (/^(\?\?|\|\|)$/.test(node.childForFieldName('operator')?.text ?? '')) {
        return this.stringOf(node.childForFieldName('left'), depth + 1) ?? this.stringOf(node.childForFieldName('right'), depth + 1);
      }
      const left = this.stringOf(node.childForFieldName('left'), depth + 1);
      const right = this.stringOf(node.childForFieldName('right'), depth + 1);
      if (left !== undefined || right !== undefined) return (left ?? '{}') + (right ?? '{}');
    }
    // `os.environ.get("X", "https://...")`, `process.env.X ?? "..."`, `os.getenv("X", default)`
    if (isCall(node)) {
      const args = argumentsOf(node);
      if (args.positional.length >= 2) return this.stringOf(args.positional[1], depth + 1);
    }
    if (node.type === 'boolean_operator' || node.type === 'ternary_expression') {
      for (const c of node.namedChildren) {
        const s = this.stringOf(c, depth + 1);
        if (s !== undefined) return s;
      }
    }
    if (node.type === 'dictionary') return undefined;
    return undefined;
  }

  /**
   * An f-string or template literal with each `{name}` / `${name}` replaced by the constant it
   * names when one is known (`f"{BASE}/v1/messages"` → `https://api.anthropic.com/v1/messages`).
   */
  private interpolated(node: Node, depth: number): string | undefined {
    if (node.type === 'concatenated_string') {
      return node.namedChildren.map((c) => (c && this.interpolated(c, depth)) ?? '').join('');
    }
    if (node.type !== 'string' && node.type !== 'template_string') return undefined;
    const holes = node.namedChildren.filter((c) => c && (c.type === 'interpolation' || c.type === 'template_substitution')) as Node[];
    let text = node.text;
    for (const hole of holes.reverse()) {
      const expression = hole.namedChildren.find((c) => c && c.type !== 'format_specifier' && c.type !== 'type_conversion') ?? null;
      const value = this.stringOf(expression, depth + 1);
      const start = hole.startIndex - node.startIndex;
      const end = hole.endIndex - node.startIndex;
      if (value !== undefined) text = text.slice(0, start) + value + text.slice(end);
    }
    return stripQuotes(text);
  }

  /** Values assigned to a name; seen from `from` when given (its own function's first). */
  definitionsOf(name: string, from?: Node): Node[] {
    if (!from) return this.definitions.get(name) ?? [];
    return this.visibleDefinitions(name, from).filter((d) => !d.typed).map((d) => d.node);
  }

  dictOf(node: Node | null): Map<string, Node> | undefined {
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

/** Ids of the functions (or, for `self.x` names, classes) around a node, innermost first; 0 is the module. */
function scopeChain(node: Node, member: boolean): number[] {
  const out: number[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (member ? isClassNode(p) : isFunctionNode(p)) out.push(p.id);
  }
  out.push(0);
  return out;
}

/** The scope a definition lives in: its function, or for `self.x` its class; 0 for the module. */
function definitionScope(value: Node, member: boolean): number {
  for (let p = value.parent; p; p = p.parent) {
    if (member ? isClassNode(p) : isFunctionNode(p)) return p.id;
  }
  return 0;
}

function insideClass(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (isClassNode(p)) return true;
  return false;
}

function isClassNode(node: Node): boolean {
  return node.type === 'class_definition' || node.type === 'class_declaration' || node.type === 'class' || node.type === 'abstract_class_declaration';
}

function extend(value: Value, segments: string[]): Value {
  if (value.kind === 'command') return value;
  if (value.kind === 'workspace') return { kind: 'workspace', ref: { ...value.ref, segments: [...value.ref.segments, ...segments] } };
  return { ...value, path: [...value.path, ...segments] };
}

export function hostOf(url: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#{}\s]+)/i.exec(url.trim());
  return m ? m[1].replace(/^[^@]*@/, '').toLowerCase() : undefined;
}

export function enclosingFunctionNode(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}

export { enclosingClassName };
