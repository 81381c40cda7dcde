// Receiver resolution: decides what an expression *is* (an SDK module, a client, a model object,
// a string) from imports, constructors and assignments in the file. A call is a provider call
// only when its receiver resolves to an SDK object whose member table says so; method names
// alone never make a call site (so `prisma.message.create` stays quiet).
import type { Node } from 'web-tree-sitter';
import { sdkForModule, TRANSPARENT_SEGMENTS, providerForHost, providerForModelName, type Member, type SdkSpec } from '../providers';
import type { ApiFamily, Language, ProviderId } from '../types';
import { argumentsOf, calleeOf, isCall, memberPath, readDictEntries, stringTemplateText, stringValue, unwrapExpression, walk, isFunctionNode, functionName, enclosingClassName } from './syntax';

export type Value =
  | { kind: 'module'; sdk: SdkSpec; path: string[] }
  | { kind: 'object'; sdk: SdkSpec; type: string; path: string[]; provider: ProviderId; host?: string }
  | { kind: 'command'; api: ApiFamily };

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
  private readonly importValues = new Map<string, Value>();
  private readonly functionReturns = new Map<string, Node[]>();
  private readonly cache = new Map<number, Value | null>();
  private readonly visiting = new Set<number>();
  readonly imports: ImportBinding[] = [];

  constructor(private readonly root: Node, private readonly language: Language) {
    this.collect();
  }

  hasSdkImports(): boolean {
    return this.importValues.size > 0;
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
          this.define(node.childForFieldName('left'), node.childForFieldName('right'));
          break;
        case 'variable_declarator':
          this.define(node.childForFieldName('name'), node.childForFieldName('value'));
          break;
        case 'public_field_definition':
        case 'field_definition': {
          const name = node.childForFieldName('name') ?? node.childForFieldName('property');
          const value = node.childForFieldName('value');
          if (name && value) this.addDefinition('this.' + name.text, value);
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

  private addDefinition(name: string, value: Node): void {
    const list = this.definitions.get(name) ?? [];
    if (list.length < 16) list.push(value);
    this.definitions.set(name, list);
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
    const typeNode = type.type === 'type_annotation' ? type.namedChildren[0] : type;
    if (!typeNode) return;
    this.addDefinition(name.text, typeNode);
    const accessibility = node.namedChildren.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'override_modifier');
    if (accessibility || node.text.startsWith('readonly ')) this.addDefinition('this.' + name.text, typeNode);
  }

  private collectPythonImport(node: Node): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'dotted_name') {
        const source = child.text;
        const sdk = sdkForModule(source);
        // `import google.generativeai` binds `google`; record the full dotted path on the root name.
        if (sdk) this.importValues.set(source, { kind: 'module', sdk, path: [] });
        this.imports.push({ localName: source.split('.')[0], source, importedName: '*' });
      } else if (child.type === 'aliased_import') {
        const source = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (!source || !alias) continue;
        const sdk = sdkForModule(source);
        if (sdk) this.importValues.set(alias, { kind: 'module', sdk, path: [] });
        this.imports.push({ localName: alias, source, importedName: '*' });
      }
    }
  }

  private collectPythonFromImport(node: Node): void {
    const source = node.childForFieldName('module_name')?.text;
    if (!source) return;
    for (const child of node.namedChildren) {
      if (!child || child === node.childForFieldName('module_name')) continue;
      let name: string | undefined;
      let alias: string | undefined;
      if (child.type === 'dotted_name') name = alias = child.text;
      else if (child.type === 'aliased_import') {
        name = child.childForFieldName('name')?.text;
        alias = child.childForFieldName('alias')?.text;
      }
      if (!name || !alias) continue;
      this.imports.push({ localName: alias, source, importedName: name });
      const whole = sdkForModule(`${source}.${name}`);
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
        this.imports.push({ localName: part.text, source, importedName: 'default' });
        if (sdk) this.importValues.set(part.text, { kind: 'module', sdk, path: ['default'] });
      } else if (part.type === 'namespace_import') {
        const local = part.namedChildren.find((c) => c?.type === 'identifier')?.text;
        if (!local) continue;
        this.imports.push({ localName: local, source, importedName: '*' });
        if (sdk) this.importValues.set(local, { kind: 'module', sdk, path: [] });
      } else if (part.type === 'named_imports') {
        for (const spec of part.namedChildren) {
          if (spec?.type !== 'import_specifier') continue;
          const name = spec.childForFieldName('name')?.text;
          const alias = spec.childForFieldName('alias')?.text ?? name;
          if (!name || !alias) continue;
          this.imports.push({ localName: alias, source, importedName: name });
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
      case 'this':
        return this.lookupName(node.text, depth);
      case 'attribute':
      case 'member_expression': {
        const path = memberPath(node);
        if (path) {
          const direct = this.lookupName(path.join('.'), depth);
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

  private lookupName(name: string, depth: number): Value | undefined {
    const imported = this.importValues.get(name);
    if (imported) return imported;
    const defs = this.definitions.get(name);
    if (!defs) {
      // `this.client` declared as a constructor parameter property is recorded under `this.x`;
      // `self.client` may come from a class attribute.
      return undefined;
    }
    for (const def of defs) {
      const v = this.evaluate(def, depth + 1);
      if (v) return v;
    }
    return undefined;
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
    let target = this.evaluate(callee, depth + 1);
    if (!target) {
      // A local factory function: `client = make_client()`.
      const name = callee.type === 'identifier' ? callee.text : undefined;
      const returns = name ? this.functionReturns.get(name) : undefined;
      if (returns) for (const r of returns) {
        const v = this.evaluate(r, depth + 1);
        if (v) return v;
      }
      // LangChain JS: `prompt.pipe(model)` yields a runnable that calls the model.
      if (callee.type === 'member_expression' && callee.childForFieldName('property')?.text === 'pipe') {
        const arg = this.evaluate(argumentsOf(call).positional[0] ?? null, depth + 1);
        if (arg?.kind === 'object') return arg;
      }
      return undefined;
    }
    if (target.kind === 'command') return undefined;
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
    const model = this.stringOf(argumentsOf(call).named.get('model') ?? argumentsOf(call).positional[0] ?? null);
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
    const literal = stringValue(node) ?? stringTemplateText(node);
    if (literal !== undefined) return literal;
    if (node.type === 'identifier' || node.type === 'attribute' || node.type === 'member_expression') {
      const path = memberPath(node);
      const defs = path ? this.definitions.get(path.join('.')) : undefined;
      if (defs) for (const d of defs) {
        const s = this.stringOf(d, depth + 1);
        if (s !== undefined) return s;
      }
      return undefined;
    }
    if (node.type === 'binary_expression' || node.type === 'binary_operator') {
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

  /** Numeric constant from a literal or a module-level constant. */
  definitionsOf(name: string): Node[] {
    return this.definitions.get(name) ?? [];
  }

  dictOf(node: Node | null): Map<string, Node> | undefined {
    const n = unwrapExpression(node);
    if (!n) return undefined;
    if (n.type === 'dictionary') return readDictEntries(n);
    if (n.type === 'identifier') {
      for (const d of this.definitions.get(n.text) ?? []) {
        const m = this.dictOf(d);
        if (m) return m;
      }
    }
    return undefined;
  }
}

function extend(value: Value, segments: string[]): Value {
  if (value.kind === 'command') return value;
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
