// Parameters of functions as values: `client` in `def ask(client, q)` or `this.client = client` in
// a constructor reads whatever the callers pass. The resolver turns such a name into a ParamRef;
// the workspace index binds it to the callers' arguments once every file is known.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { Language, ParamRef } from '../types';
import { enclosingClassName, functionName, isFunctionNode } from './syntax';

/** One name a function binds from its arguments: position, and the property for `{ client }`. */
export interface ParameterName {
  name: string;
  index: number;
  key?: string;
}

const parameterCache = new WeakMap<SyntaxNode, ParameterName[]>();

/**
 * The names a function's parameters bind, by position. Python methods drop their `self`/`cls`
 * (callers never pass it); a destructured options object binds each of its properties at the
 * object's position. Positions stop at `*args` / `...rest`: later names are keyword-only.
 */
export function parametersOf(fn: SyntaxNode, language: Language): ParameterName[] {
  const known = parameterCache.get(fn);
  if (known) return known;
  const out: ParameterName[] = [];
  const list = fn.childForFieldName('parameters');
  const single = fn.childForFieldName('parameter');
  const items = list ? list.namedChildren : single ? [single] : [];
  let index = 0;
  let keywordOnly = false;
  items.forEach((item, i) => {
    if (!item || item.type === 'comment') return;
    if (language === 'python' && i === 0 && isMethod(fn) && /^(self|cls)$/.test(item.text)) return;
    const position = keywordOnly ? -1 : index;
    switch (item.type) {
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern':
      case 'keyword_separator':
      case 'rest_pattern':
        keywordOnly = true;
        return;
      case 'positional_separator':
        return;
    }
    const pattern = patternOf(item);
    if (pattern?.type === 'identifier') out.push({ name: pattern.text, index: position });
    else if (pattern?.type === 'object_pattern') out.push(...destructured(pattern, position));
    else if (pattern?.type === 'rest_pattern') keywordOnly = true;
    if (!keywordOnly) index++;
  });
  parameterCache.set(fn, out);
  return out;
}

/** The function's name as FunctionFacts knows it: `Class.method` for methods. */
export function qualifiedFunctionName(fn: SyntaxNode): string | undefined {
  const name = functionName(fn);
  if (!name) return undefined;
  const cls = enclosingClassName(fn);
  return cls ? `${cls}.${name}` : name;
}

/**
 * The parameter `name` reads at `from`, if the innermost function that declares that name is a
 * named one; `fn` is that function's node (definitions inside it still shadow the parameter).
 */
export function parameterAt(name: string, from: SyntaxNode, language: Language): { fn: SyntaxNode; ref: ParamRef } | undefined {
  for (let p = from.parent; p; p = p.parent) {
    if (!isFunctionNode(p)) continue;
    const param = parametersOf(p, language).find((candidate) => candidate.name === name);
    if (!param) continue;
    const qualified = qualifiedFunctionName(p);
    if (!qualified || (param.index < 0 && !param.key)) return undefined;
    return { fn: p, ref: { fn: qualified, index: param.index, name: param.key ?? param.name, key: param.key, segments: [] } };
  }
  return undefined;
}

/** A parameter of an anonymous callback, and the call that hands the callback over. */
export interface CallbackSlot {
  /** The call the callback is an argument of (`this.makeRequest(async (client) => …)`). */
  call: SyntaxNode;
  /** The callback's position among that call's arguments. */
  argument: number;
  /** The parameter's position among the callback's parameters. */
  parameter: number;
}

/**
 * `client` in `withClient(async (client) => client.chat…)`: the innermost function declaring
 * `name` is an anonymous callback passed by position, so its value is whatever the invoked
 * function passes when it calls the callback.
 */
export function callbackSlotAt(name: string, from: SyntaxNode, language: Language): CallbackSlot | undefined {
  for (let p = from.parent; p; p = p.parent) {
    if (!isFunctionNode(p)) continue;
    const param = parametersOf(p, language).find((candidate) => candidate.name === name);
    if (!param) continue;
    const list = p.parent;
    if (param.index < 0 || param.key || functionName(p) || (list?.type !== 'arguments' && list?.type !== 'argument_list') || !list.parent)
      return undefined;
    const argument = list.namedChildren.filter((c) => c && c.type !== 'comment').findIndex((c) => c!.id === p.id);
    return argument < 0 ? undefined : { call: list.parent, argument, parameter: param.index };
  }
  return undefined;
}

export function isInside(node: SyntaxNode, ancestor: SyntaxNode): boolean {
  for (let p: SyntaxNode | null = node; p; p = p.parent) if (p.id === ancestor.id) return true;
  return false;
}

function isMethod(fn: SyntaxNode): boolean {
  const owner = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return owner?.type === 'block' && owner.parent?.type === 'class_definition';
}

/** The binding pattern of one parameter node, per grammar. */
function patternOf(item: SyntaxNode): SyntaxNode | null {
  switch (item.type) {
    case 'identifier':
    case 'object_pattern':
      return item;
    case 'required_parameter':
    case 'optional_parameter':
      return item.childForFieldName('pattern');
    case 'assignment_pattern':
      return item.childForFieldName('left');
    case 'default_parameter':
    case 'typed_default_parameter':
      return item.childForFieldName('name');
    case 'typed_parameter':
      return item.namedChildren.find((c) => c?.type === 'identifier') ?? null;
    default:
      return null;
  }
}

function destructured(pattern: SyntaxNode, index: number): ParameterName[] {
  const out: ParameterName[] = [];
  for (const prop of pattern.namedChildren) {
    if (!prop) continue;
    if (prop.type === 'shorthand_property_identifier_pattern') out.push({ name: prop.text, index, key: prop.text });
    else if (prop.type === 'object_assignment_pattern') {
      const left = prop.childForFieldName('left');
      if (left) out.push({ name: left.text, index, key: left.text });
    } else if (prop.type === 'pair_pattern') {
      const key = prop.childForFieldName('key')?.text;
      let value = prop.childForFieldName('value');
      if (value?.type === 'assignment_pattern') value = value.childForFieldName('left');
      if (key && value?.type === 'identifier') out.push({ name: value.text, index, key });
    }
  }
  return out;
}
