// What a workspace call hands to its callee: SDK clients, objects of workspace classes, functions
// passed by name, and the caller's own parameters (so chains of helpers can be followed). The
// workspace index binds these to the callee's parameters; nothing else is recorded, so facts stay small.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { ArgValue, CallArgument, FileFacts, LocalCall } from '../types';
import type { Resolver } from './resolver';
import { calleeOf, isCall, memberPath, unwrapExpression } from './syntax';
import { tableMembers } from './function-tables';

type Imports = Map<string, { source: string; importedName: string }>;

/** Arguments beyond this many are not followed (option bags and long positional lists are rare carriers of clients). */
const MAX_ARGUMENTS = 8;

/**
 * The arguments of `call` worth following. `skip` drops leading positional arguments (the function
 * of `partial(f, a)`); `shift` moves positions right (arguments bound ahead of the caller's).
 */
export function callArguments(call: SyntaxNode, resolver: Resolver, imports: Imports, skip = 0, shift = 0): CallArgument[] {
  const out: CallArgument[] = [];
  const list = call.childForFieldName('arguments');
  if (!list) return out;
  let index = shift - skip;
  for (const arg of list.namedChildren) {
    if (!arg || arg.type === 'comment' || out.length >= MAX_ARGUMENTS) continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = argumentValue(arg.childForFieldName('value'), resolver, imports);
      if (name && value) out.push({ name, value });
      continue;
    }
    if (arg.type === 'dictionary_splat' || arg.type === 'list_splat' || arg.type === 'spread_element') break;
    const position = index++;
    if (position < 0) continue;
    const inner = unwrapExpression(arg);
    if (inner?.type === 'object') {
      // `new Service({ openai, model })`: each property may land in a destructured parameter.
      for (const prop of inner.namedChildren) {
        if (!prop) continue;
        const key =
          prop.type === 'pair'
            ? prop.childForFieldName('key')?.text
            : prop.type === 'shorthand_property_identifier'
              ? prop.text
              : undefined;
        const valueNode = prop.type === 'pair' ? prop.childForFieldName('value') : prop;
        const value = key ? argumentValue(valueNode, resolver, imports) : undefined;
        if (key && value) out.push({ index: position, key, value });
      }
      continue;
    }
    const value = argumentValue(arg, resolver, imports);
    if (value) out.push({ index: position, value });
  }
  return out;
}

/** `fn(x)` / `llm.complete(x)` where `fn` / `llm` is a parameter of the enclosing function. */
export function parameterCallee(call: SyntaxNode, resolver: Resolver): Pick<LocalCall, 'calleeParam' | 'receiverParam'> {
  const callee = unwrapExpression(calleeOf(call));
  if (!callee) return {};
  // `fn(x)`, `self.sampler(x)` (a field holding a parameter): whatever the callers hand over is called.
  const whole = resolver.evaluate(callee);
  if (whole?.kind === 'param' && !whole.ref.segments.length) return { calleeParam: whole.ref };
  if (callee.type === 'identifier') return {};
  const object = callee.childForFieldName('object');
  if (!object || (callee.type !== 'attribute' && callee.type !== 'member_expression')) return {};
  const v = resolver.evaluate(object);
  return v?.kind === 'param' && !v.ref.segments.length ? { receiverParam: v.ref } : {};
}

/**
 * Function arguments are recorded by name during the pass, before the file's own functions are
 * all known; those that name neither a function of the file, a method (`self.x`), nor an import
 * are dropped afterwards.
 */
export function dropUnknownFunctionArguments(facts: FileFacts): void {
  const names = new Set(facts.functions.flatMap((f) => [f.name, f.qualifiedName]));
  const imported = new Set(facts.imports.map((i) => i.localName));
  const known = (fn: { name: string; importedFrom?: string }) => {
    const path = fn.name.split('.');
    if (fn.importedFrom) return imported.has(path[0]);
    return names.has(fn.name) || ((path[0] === 'self' || path[0] === 'this') && names.has(path[1] ?? ''));
  };
  const keep = (arg: CallArgument) => {
    if (arg.value.kind === 'functions') return arg.value.members.some(known);
    return arg.value.kind !== 'function' || known(arg.value);
  };
  for (const call of facts.localCalls) {
    if (!call.args) continue;
    for (const arg of call.args) if (arg.value.kind === 'functions') arg.value.members = arg.value.members.filter(known);
    const args = call.args.filter(keep);
    if (args.length) call.args = args;
    else delete call.args;
  }
}

/** Argument shapes that can hold a client, an object or a function; literals and operators cannot. */
const FOLLOWED = new Set([
  'identifier',
  'attribute',
  'member_expression',
  'call',
  'call_expression',
  'new_expression',
  'shorthand_property_identifier',
  'subscript',
  'subscript_expression',
  'this',
]);

function argumentValue(node: SyntaxNode | null, resolver: Resolver, imports: Imports): ArgValue | undefined {
  const n = unwrapExpression(node);
  if (!n) return undefined;
  if (!FOLLOWED.has(n.type)) {
    // `run_all([judge_a, judge_b])`: a table of functions.
    const members = tableMembers(n, resolver, imports);
    return members ? { kind: 'functions', members } : undefined;
  }
  const value = isCall(n) ? resolver.evaluateCall(n) : resolver.evaluate(n);
  if (value && 'kind' in value) {
    if (value.kind === 'object' && !value.path.length)
      return { kind: 'client', sdk: value.sdk.id, type: value.type, provider: value.provider, host: value.host };
    if (value.kind === 'param') return { kind: 'param', ref: value.ref };
  }
  // `run(category, method_map)`: a name bound to a table of functions.
  const members = n.type === 'identifier' ? tableMembers(n, resolver, imports) : undefined;
  if (members) return { kind: 'functions', members };
  const made = constructedClass(n) ?? (n.type === 'identifier' ? definedInstance(n, resolver) : undefined) ?? ownInstance(n);
  if (made) {
    const imported = imports.get(made);
    return imported
      ? { kind: 'instance', className: made, importedFrom: imported.source, importedName: imported.importedName }
      : { kind: 'instance', className: made };
  }
  // Imported classes and constants (`SYSTEM_PROMPT`, `Role.User`) are not clients or functions to follow.
  if (value && 'kind' in value && value.kind === 'workspace')
    return /^[A-Z]/.test(value.ref.importedName) && !value.ref.segments.includes('()') ? undefined : { kind: 'import', ref: value.ref };
  const path = n.type === 'identifier' || n.type === 'attribute' || n.type === 'member_expression' ? memberPath(n) : undefined;
  if (!path || path.length > 2) return undefined;
  const imported = imports.get(path[0]);
  const name = path.join('.');
  if (imported)
    return {
      kind: 'function',
      name,
      importedFrom: imported.source,
      importedName: path.length > 1 && imported.importedName === '*' ? path[1] : imported.importedName,
    };
  return { kind: 'function', name };
}

/** `Generator(cfg)` / `new LlmService(openai)`: the class made, when its name reads like one. */
export function constructedClass(node: SyntaxNode): string | undefined {
  if (!isCall(node)) return undefined;
  const path = memberPath(calleeOf(node));
  return path?.length === 1 && /^[A-Z]/.test(path[0]) ? path[0] : undefined;
}

/**
 * The class a name was made from (`gen = Generator(client)`), when its definition constructs one,
 * or picks one object out of a collection of them (`worker = workers[i % len(workers)]`).
 */
export function definedInstance(name: SyntaxNode, resolver: Resolver): string | undefined {
  for (const def of resolver.definitionsOf(name.text, name)) {
    const value = unwrapExpression(def) ?? def;
    const made = constructedClass(value) ?? (SUBSCRIPTS.has(value.type) ? elementInstance(value, resolver) : undefined);
    if (made) return made;
  }
  return undefined;
}

const SUBSCRIPTS = new Set(['subscript', 'subscript_expression']);
const COLLECTIONS = new Set(['list', 'array', 'tuple', 'list_comprehension', 'generator_expression']);

/**
 * `workers[i % len(workers)]`: the class of the objects a collection holds, when it is built from
 * constructions of one class (`[Answerer(model) for _ in range(8)]`, `[Worker(k) for k in keys]`,
 * `keys.map((k) => new Worker(k))`, a literal list of them): any element is an object of that class.
 */
export function elementInstance(subscript: SyntaxNode, resolver: Resolver): string | undefined {
  const collection = unwrapExpression(subscript.childForFieldName('value') ?? subscript.childForFieldName('object'));
  if (collection?.type !== 'identifier') return undefined;
  for (const def of resolver.definitionsOf(collection.text, collection)) {
    const built = unwrapExpression(def);
    const cls = built ? collectionClass(built) : undefined;
    if (cls) return cls;
  }
  return undefined;
}

/** The one class whose objects a collection expression is built from, if it is built that way. */
export function collectionClass(built: SyntaxNode): string | undefined {
  if (COLLECTIONS.has(built.type)) {
    const comprehension = built.type.endsWith('comprehension') || built.type === 'generator_expression';
    const elements = comprehension ? [built.childForFieldName('body')] : built.namedChildren.filter((c) => c?.type !== 'comment');
    // A literal list holds objects of one class only when every element constructs it.
    const made = new Set(elements.map((e) => (e ? constructedClass(unwrapExpression(e) ?? e) : undefined)));
    const [cls] = made;
    return made.size === 1 ? cls : undefined;
  }
  // `keys.map((k) => new Worker(k))`
  if (isCall(built) && memberPath(calleeOf(built))?.at(-1) === 'map') {
    const callback = built.childForFieldName('arguments')?.namedChildren[0];
    const body = unwrapExpression(callback?.childForFieldName('body') ?? null);
    return body ? constructedClass(body) : undefined;
  }
  return undefined;
}

/** `self` / `this` handed over from a method: an object of the class the method belongs to. */
function ownInstance(node: SyntaxNode): string | undefined {
  if (node.text !== 'self' && node.type !== 'this') return undefined;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'class_definition' || p.type === 'class_declaration' || p.type === 'class') return p.childForFieldName('name')?.text;
  }
  return undefined;
}
