// The resolver's first pass over a file: imports, assignments, typed parameters and fields,
// declared and returned values of functions — every place a name gets bound to something.
import type { SyntaxNode } from '../parse/syntax-tree';
import { sdkForModule } from '../providers';
import type { Language } from '../types';
import { enclosingFunctionNode } from './scope';
import { argumentsOf, calleeOf, functionName, memberPath, stringValue, walk } from './syntax';
import type { Value } from './values';

/** Methods that put an element into a collection, and which argument is the element. */
const ELEMENT_ADDERS = new Map<string, 'first' | 'last'>([
  ['append', 'first'],
  ['push', 'first'],
  ['add', 'first'],
  ['unshift', 'first'],
  ['appendleft', 'first'],
  ['put', 'first'],
  ['set', 'last'],
  ['insert', 'last'],
  ['setdefault', 'last'],
]);

export interface ImportBinding {
  localName: string;
  source: string;
  importedName: string;
}

/** What the first pass learned about the names of one file; read by the evaluator. */
export class FileBindings {
  /** Candidate definitions per name: right-hand sides, parameter types, import values. */
  readonly definitions = new Map<string, SyntaxNode[]>();
  /** Names known only by a type annotation (`client: Anthropic`): an instance of that type. */
  readonly typedDefinitions = new Map<string, SyntaxNode[]>();
  /** Declared return types of functions and methods (`def get_client() -> Anthropic`). */
  readonly functionReturnTypes = new Map<string, SyntaxNode[]>();
  readonly importValues = new Map<string, Value>();
  readonly functionReturns = new Map<string, SyntaxNode[]>();
  /** Functions and methods of the file by their own name (a method by its bare name). */
  readonly functions = new Map<string, SyntaxNode[]>();
  /**
   * Elements put into a collection after it was made, by the collection's name:
   * `this.clients.set(i, new OpenAI(...))`, `clients.append(OpenAI(...))`, `pool[name] = Anthropic()`.
   */
  readonly addedElements = new Map<string, SyntaxNode[]>();
  readonly imports: ImportBinding[] = [];
  /** Imports from modules that are not SDKs, by local name. */
  readonly otherImports = new Map<string, ImportBinding>();
}

/**
 * Fills `bindings` from the file under `root`. `evaluate` is the resolver's own evaluator:
 * destructuring (`const { OpenAI } = require('openai')`) needs the right-hand side's value
 * during the pass, seeing the bindings collected so far.
 */
export function collectBindings(
  root: SyntaxNode,
  language: Language,
  bindings: FileBindings,
  evaluate: (node: SyntaxNode) => Value | undefined,
): void {
  new BindingCollector(language, bindings, evaluate).collect(root);
}

class BindingCollector {
  constructor(
    private readonly language: Language,
    private readonly bindings: FileBindings,
    private readonly evaluate: (node: SyntaxNode) => Value | undefined,
  ) {}

  collect(root: SyntaxNode): void {
    walk(root, (node) => {
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
        case 'call':
        case 'call_expression':
          this.collectAddedElement(node);
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
          this.collectReexport(node);
          break;
        }
        case 'class_definition':
        case 'class_declaration': {
          // `class Poet(curator.LLM)`, `class Client extends OpenAI`: constructing the subclass
          // makes an object of its SDK base (non-SDK bases evaluate to nothing).
          const name = node.childForFieldName('name');
          const bases =
            node.childForFieldName('superclasses')?.namedChildren ??
            node.namedChildren.find((c) => c?.type === 'class_heritage')?.namedChildren.find((c) => c?.type === 'extends_clause')
              ?.namedChildren ??
            [];
          const base = bases.find((b) => b && (b.type === 'identifier' || b.type === 'attribute' || b.type === 'member_expression'));
          if (name && base) this.addDefinition(name.text, base);
          break;
        }
        case 'for_statement':
        case 'for_in_statement': {
          // The loop variable is one element of what is iterated (a pool of clients, say).
          const left = node.childForFieldName('left');
          if (left?.type === 'identifier' && node.childForFieldName('right')) this.addDefinition(left.text, node);
          // `for i, client in enumerate(clients)`: the second name is the element.
          const pair =
            left && /pattern_list|tuple_pattern|array_pattern/.test(left.type)
              ? left.namedChildren.filter((c) => c?.type === 'identifier')
              : [];
          if (pair.length === 2 && /^enumerate\(/.test(node.childForFieldName('right')?.text ?? ''))
            this.addDefinition(pair[1]!.text, node);
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
          if (name) this.addFunction(name, node);
          if (name && type) this.bindings.functionReturnTypes.set(name, [...(this.bindings.functionReturnTypes.get(name) ?? []), type]);
          break;
        }
        case 'return_statement': {
          const fn = enclosingFunctionNode(node);
          const name = fn && functionName(fn);
          const value = node.namedChildren[0];
          if (name && value) {
            const list = this.bindings.functionReturns.get(name) ?? [];
            list.push(value);
            this.bindings.functionReturns.set(name, list);
          }
          break;
        }
        case 'arrow_function': {
          // `const client = () => new OpenAI()`: an expression body is its return value.
          const body = node.childForFieldName('body');
          const name = functionName(node);
          if (name) this.addFunction(name, node);
          if (name && body && body.type !== 'statement_block') this.bindings.functionReturns.set(name, [body]);
          break;
        }
      }
    });
  }

  private recordImport(binding: ImportBinding, isSdk: boolean): void {
    this.bindings.imports.push(binding);
    if (!isSdk) this.bindings.otherImports.set(binding.localName, binding);
  }

  private addDefinition(name: string, value: SyntaxNode): void {
    const list = this.bindings.definitions.get(name) ?? [];
    if (list.length < 16) list.push(value);
    this.bindings.definitions.set(name, list);
  }

  /** `X.set(key, v)`, `X.append(v)`, `X.push(v)`: `v` becomes an element of the collection `X`. */
  private collectAddedElement(call: SyntaxNode): void {
    const path = memberPath(calleeOf(call));
    if (!path || path.length < 2) return;
    const slot = ELEMENT_ADDERS.get(path[path.length - 1]);
    if (slot === undefined) return;
    const args = argumentsOf(call).positional;
    const element = slot === 'last' ? args[args.length - 1] : args[0];
    if (element && args.length <= 2) this.addElement(path.slice(0, -1).join('.'), element);
  }

  private addElement(collection: string, element: SyntaxNode): void {
    const list = this.bindings.addedElements.get(collection) ?? [];
    if (list.length < 8) list.push(element);
    this.bindings.addedElements.set(collection, list);
  }

  private addFunction(name: string, fn: SyntaxNode): void {
    const list = this.bindings.functions.get(name) ?? [];
    if (list.length < 8) list.push(fn);
    this.bindings.functions.set(name, list);
  }

  private addTyped(name: string, type: SyntaxNode): void {
    const list = this.bindings.typedDefinitions.get(name) ?? [];
    if (list.length < 8) list.push(type);
    this.bindings.typedDefinitions.set(name, list);
  }

  private collectAssignment(node: SyntaxNode): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const type = node.childForFieldName('type');
    this.define(left, right);
    if (left && type && (left.type === 'identifier' || left.type === 'attribute'))
      this.addTyped(memberPath(left)?.join('.') ?? left.text, type);
    // A Python class attribute (`client = Anthropic()` or `client: Anthropic` in the class body)
    // is what `self.client` / `cls.client` read in the methods.
    if (
      left?.type === 'identifier' &&
      node.parent?.type === 'expression_statement' &&
      node.parent.parent?.type === 'block' &&
      node.parent.parent.parent?.type === 'class_definition'
    ) {
      for (const owner of ['self', 'cls']) {
        if (right) this.addDefinition(`${owner}.${left.text}`, right);
        if (type) this.addTyped(`${owner}.${left.text}`, type);
      }
    }
  }

  private define(left: SyntaxNode | null, right: SyntaxNode | null): void {
    if (!left || !right) return;
    if (left.type === 'subscript' || left.type === 'subscript_expression') {
      // `pool[name] = Anthropic()`: an element of `pool`.
      const collection = memberPath(left.childForFieldName('value') ?? left.childForFieldName('object'));
      if (collection) this.addElement(collection.join('.'), right);
      return;
    }
    if (left.type === 'identifier' || left.type === 'attribute' || left.type === 'member_expression') {
      const path = memberPath(left);
      if (path) this.addDefinition(path.join('.'), right);
      const dynamic = left.type === 'identifier' ? this.dynamicModule(right) : undefined;
      if (dynamic) this.recordImport({ localName: left.text, source: dynamic, importedName: '*' }, false);
      return;
    }
    // `const { processChunk } = await import(path.join(__dirname, 'prompt-template.js'))`,
    // `const helpers = require('./helpers')`: a workspace module loaded at run time by a known path.
    const dynamic = this.dynamicModule(right);
    if (dynamic) {
      for (const prop of left.type === 'object_pattern' ? left.namedChildren : []) {
        if (prop?.type === 'shorthand_property_identifier_pattern')
          this.recordImport({ localName: prop.text, source: dynamic, importedName: prop.text }, false);
        else if (prop?.type === 'pair_pattern') {
          const key = prop.childForFieldName('key')?.text;
          const value = prop.childForFieldName('value');
          if (key && value?.type === 'identifier') this.recordImport({ localName: value.text, source: dynamic, importedName: key }, false);
        }
      }
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

  /**
   * The relative workspace module a `require(…)` / `import(…)` loads, when its path is a literal,
   * `path.join(__dirname, 'x.js')` / `path.resolve(__dirname, 'x')`, or a name bound to one of those.
   */
  private dynamicModule(right: SyntaxNode, depth = 0): string | undefined {
    let call: SyntaxNode | null = right;
    while (call && (call.type === 'await_expression' || call.type === 'parenthesized_expression')) call = call.namedChildren[0] ?? null;
    if (!call || call.type !== 'call_expression') return undefined;
    const callee = call.childForFieldName('function');
    if (!callee || !(callee.type === 'import' || (callee.type === 'identifier' && callee.text === 'require'))) return undefined;
    const arg = call.childForFieldName('arguments')?.namedChildren[0] ?? null;
    const path = arg ? this.modulePathOf(arg, depth) : undefined;
    return path && !sdkForModule(path) && /^\.{1,2}\//.test(path) ? path : undefined;
  }

  private modulePathOf(node: SyntaxNode, depth: number): string | undefined {
    const literal = stringValue(node);
    if (literal !== undefined) return literal;
    if (node.type === 'call_expression' && /^(path\.)?(join|resolve)$/.test(node.childForFieldName('function')?.text ?? '')) {
      const parts = node.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
      if (parts[0]?.text !== '__dirname') return undefined;
      const rest = parts.slice(1).map((p) => (p ? stringValue(p) : undefined));
      return rest.length && rest.every((r) => r !== undefined) ? './' + rest.join('/').replace(/^\.\//, '') : undefined;
    }
    if (node.type === 'identifier' && depth < 2) {
      for (const def of this.bindings.definitions.get(node.text) ?? []) {
        const found = this.modulePathOf(def, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  private bindDestructured(localName: string, key: string, source: SyntaxNode): void {
    const value = this.evaluate(source);
    if (value?.kind === 'module')
      this.bindings.importValues.set(localName, { ...value, path: [...value.path.filter((p) => p !== 'default'), key] });
    else if (value?.kind === 'object') this.bindings.importValues.set(localName, { ...value, path: [...value.path, key] });
  }

  private collectTypedParameter(node: SyntaxNode): void {
    const name = node.childForFieldName('pattern') ?? node.namedChildren.find((c) => c?.type === 'identifier') ?? null;
    const type = node.childForFieldName('type');
    const property =
      node.namedChildren.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'override_modifier') ||
      node.text.startsWith('readonly ');
    // `constructor(private readonly llm: ChatClient)`: the field holds what the callers pass.
    if (property && name?.type === 'identifier') this.addDefinition('this.' + name.text, name);
    if (!name || !type) return;
    const typeName = type.text
      .replace(/^:\s*/, '')
      .split(/[<[|\s]/)[0]
      .trim();
    if (!typeName) return;
    // A typed parameter behaves like a value constructed from that type.
    this.addTyped(name.text, type);
    if (property) this.addTyped('this.' + name.text, type);
  }

  private collectPythonImport(node: SyntaxNode): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'dotted_name') {
        const source = child.text;
        const sdk = sdkForModule(source);
        // `import google.generativeai` binds `google`; record the full dotted path on the root name.
        if (sdk) this.bindings.importValues.set(source, { kind: 'module', sdk, path: [] });
        this.recordImport({ localName: source.split('.')[0], source, importedName: '*' }, !!sdk);
      } else if (child.type === 'aliased_import') {
        const source = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (!source || !alias) continue;
        const sdk = sdkForModule(source);
        if (sdk) this.bindings.importValues.set(alias, { kind: 'module', sdk, path: [] });
        this.recordImport({ localName: alias, source, importedName: '*' }, !!sdk);
      }
    }
  }

  private collectPythonFromImport(node: SyntaxNode): void {
    const moduleNode = node.childForFieldName('module_name');
    const source = moduleNode?.text;
    if (!moduleNode || !source) return;
    for (const child of node.namedChildren) {
      // Tree-sitter hands out fresh node objects: compare ids, not identity.
      if (!child || child.id === moduleNode.id) continue;
      let name: string | undefined;
      let alias: string | undefined;
      if (child.type === 'dotted_name') name = alias = child.text;
      else if (child.type === 'wildcard_import') {
        // `from .client import *` in a package's __init__.py: a re-export of the whole module.
        if (!sdkForModule(source)) this.recordImport({ localName: '*', source, importedName: '*' }, false);
        continue;
      } else if (child.type === 'aliased_import') {
        name = child.childForFieldName('name')?.text;
        alias = child.childForFieldName('alias')?.text;
      }
      if (!name || !alias) continue;
      const whole = sdkForModule(`${source}.${name}`);
      this.recordImport({ localName: alias, source, importedName: name }, !!(whole || sdkForModule(source)));
      if (whole && whole.modules.some((m) => m === `${source}.${name}`)) {
        this.bindings.importValues.set(alias, { kind: 'module', sdk: whole, path: [] });
        continue;
      }
      const sdk = sdkForModule(source);
      if (sdk) this.bindings.importValues.set(alias, { kind: 'module', sdk, path: [name] });
    }
  }

  /**
   * A barrel's `export { ask } from './llm'` / `export * from './llm'`: recorded as imports (`*`
   * as the local name for a star), so a call through the barrel can follow them to the function.
   */
  private collectReexport(node: SyntaxNode): void {
    const source = stringValue(node.childForFieldName('source'));
    if (!source || sdkForModule(source)) return;
    const clause = node.namedChildren.find((c) => c?.type === 'export_clause' || c?.type === 'namespace_export');
    if (!clause) {
      if (/^export\s*\*\s*from\b/.test(node.text)) this.recordImport({ localName: '*', source, importedName: '*' }, false);
      return;
    }
    if (clause.type === 'namespace_export') {
      const local = clause.namedChildren.find((c) => c?.type === 'identifier')?.text;
      if (local) this.recordImport({ localName: local, source, importedName: '*' }, false);
      return;
    }
    for (const spec of clause.namedChildren) {
      if (spec?.type !== 'export_specifier') continue;
      const name = spec.childForFieldName('name')?.text;
      const alias = spec.childForFieldName('alias')?.text ?? name;
      if (name && alias) this.recordImport({ localName: alias, source, importedName: name }, false);
    }
  }

  private collectJsImport(node: SyntaxNode): void {
    const source = stringValue(node.childForFieldName('source'));
    if (!source) return;
    const sdk = sdkForModule(source);
    const clause = node.namedChildren.find((c) => c?.type === 'import_clause');
    if (!clause) return;
    for (const part of clause.namedChildren) {
      if (!part) continue;
      if (part.type === 'identifier') {
        this.recordImport({ localName: part.text, source, importedName: 'default' }, !!sdk);
        if (sdk) this.bindings.importValues.set(part.text, { kind: 'module', sdk, path: ['default'] });
      } else if (part.type === 'namespace_import') {
        const local = part.namedChildren.find((c) => c?.type === 'identifier')?.text;
        if (!local) continue;
        this.recordImport({ localName: local, source, importedName: '*' }, !!sdk);
        if (sdk) this.bindings.importValues.set(local, { kind: 'module', sdk, path: [] });
      } else if (part.type === 'named_imports') {
        for (const spec of part.namedChildren) {
          if (spec?.type !== 'import_specifier') continue;
          const name = spec.childForFieldName('name')?.text;
          const alias = spec.childForFieldName('alias')?.text ?? name;
          if (!name || !alias) continue;
          this.recordImport({ localName: alias, source, importedName: name }, !!sdk);
          if (sdk) this.bindings.importValues.set(alias, { kind: 'module', sdk, path: [name] });
        }
      }
    }
  }
}
