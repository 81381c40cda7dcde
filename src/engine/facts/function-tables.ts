// Tables of functions: a list or dict whose elements are functions (`judges = [pairwise, graded]`,
// `handlers = {"chat": ask_chat, "code": ask_code}`, grown with `.append(f)` / `table[k] = f`),
// handed to a helper that calls one element or each of them (`for judge in judges: judge(item)`,
// `handlers[kind](row)`). The helper's call reaches whatever the callers put in the table; the
// elements are alternatives of one dispatch, not requests sent together.
// Registries grow the same way through a decorator (`@register_api("openai")` over a function,
// whose decorator stores its argument with `registry[kind] = func`), and a module's tables are
// facts of their own, so a call through a table imported from there reaches its members.
// Functions that return functions (`get_api_function(provider)` returning one of several
// completion functions) are the same dispatch, one call later.
import escapeRegExp from 'escape-string-regexp';
import type { SyntaxNode } from '../parse/syntax-tree';
import type { FunctionMember, ParamRef } from '../types';
import type { Resolver } from './resolver';
import { withoutEnumerate } from './resolver';
import { functionValueOf } from './function-values';
import { parametersOf } from './parameters';
import { argumentsOf, calleeOf, isCall, isFunctionNode, memberPath, unwrapExpression, walk } from './syntax';

type Imports = Map<string, { source: string; importedName: string }>;

/** Tables longer than this are configuration, not a handful of handlers: not followed. */
export const MAX_TABLE_MEMBERS = 64;

const LIST_TYPES = new Set(['list', 'array', 'tuple']);
const DICT_TYPES = new Set(['dictionary', 'object']);
const GROWERS = new Set(['append', 'push', 'add', 'insert', 'unshift']);

const functionsByRoot = new WeakMap<SyntaxNode, Set<string>>();

/** Names of the functions the file defines (`def ask`, `function ask`), found once per file. */
export function definedFunctions(from: SyntaxNode): Set<string> {
  let root = from;
  while (root.parent) root = root.parent;
  let names = functionsByRoot.get(root);
  if (!names) {
    const found = new Set<string>();
    walk(root, (n) => {
      if (n.type === 'function_definition' || n.type === 'function_declaration' || n.type === 'generator_function_declaration') {
        const name = n.childForFieldName('name')?.text;
        if (name) found.add(name);
      }
    });
    functionsByRoot.set(root, (names = found));
  }
  return names;
}

const MEMBER_NODES = new Set(['identifier', 'attribute', 'member_expression', 'shorthand_property_identifier']);

/**
 * The function an element names: an imported name, a function defined in the file, or a method
 * (`self.ask`). Anything else (data, closures made by a factory) is not one.
 */
function memberOf(node: SyntaxNode | null, resolver: Resolver, imports: Imports): FunctionMember | undefined {
  const n = unwrapExpression(node);
  if (!n || !MEMBER_NODES.has(n.type)) return undefined;
  // `{ proverbs, slogans }`: a shorthand property names the function it holds.
  const path = n.type === 'shorthand_property_identifier' ? [n.text] : memberPath(n);
  if (!path || path.length > 2) return undefined;
  const imported = imports.get(path[0]);
  const name = path.join('.');
  if (!imported) {
    const method = path.length === 2 && (path[0] === 'self' || path[0] === 'this');
    const defined = path.length === 1 && (definedFunctions(n).has(path[0]) || resolver.definitionsOf(path[0], n).some(isFunctionNode));
    return method || defined ? { name } : undefined;
  }
  return {
    name,
    importedFrom: imported.source,
    importedName: path.length > 1 && imported.importedName === '*' ? path[1] : imported.importedName,
  };
}

/** The function references a list or dict literal holds (its values), or undefined when it holds anything else. */
function literalMembers(node: SyntaxNode, resolver: Resolver, imports: Imports): FunctionMember[] | undefined {
  const values = LIST_TYPES.has(node.type)
    ? node.namedChildren
    : DICT_TYPES.has(node.type)
      ? node.namedChildren.map((c) => (c?.type === 'pair' ? c.childForFieldName('value') : c))
      : undefined;
  if (!values) return undefined;
  const out: FunctionMember[] = [];
  for (const v of values) {
    if (!v || v.type === 'comment') continue;
    const member = memberOf(v, resolver, imports);
    if (!member) return undefined;
    out.push(member);
  }
  return out;
}

/**
 * The members of the table `node` names: a literal, or a name bound to a literal in its scope,
 * with what `.append(f)` and `name[k] = f` add there. Undefined when it is not a table of functions.
 */
export function tableMembers(input: SyntaxNode | null, resolver: Resolver, imports: Imports): FunctionMember[] | undefined {
  const node = unwrapExpression(input);
  if (!node) return undefined;
  const literal = literalMembers(node, resolver, imports);
  if (literal) return literal.length ? literal : undefined;
  if (node.type !== 'identifier') return undefined;
  const name = node.text;
  const definitions = resolver.definitionsOf(name, node).map((d) => unwrapExpression(d));
  if (!definitions.length) return undefined;
  const out: FunctionMember[] = [];
  for (const d of definitions) {
    const members = d ? literalMembers(d, resolver, imports) : undefined;
    if (!members) return undefined;
    out.push(...members);
  }
  let scope: SyntaxNode = node;
  while (scope.parent && !isFunctionNode(scope)) scope = scope.parent;
  // What is added later: functions count; closures made by factories and data are left out, and
  // a table that gains no function is not one.
  walk(scope, (n) => {
    if (out.length > MAX_TABLE_MEMBERS) return false;
    let added: SyntaxNode | null | undefined;
    if (isCall(n)) {
      const callee = memberPath(calleeOf(n));
      if (callee?.length === 2 && callee[0] === name && GROWERS.has(callee[1])) added = argumentsOf(n).positional.at(-1) ?? null;
    } else if (n.type === 'assignment' || n.type === 'assignment_expression') {
      const left = n.childForFieldName('left');
      const target = left?.childForFieldName('value') ?? left?.childForFieldName('object');
      if ((left?.type === 'subscript' || left?.type === 'subscript_expression') && target?.text === name)
        added = n.childForFieldName('right');
    }
    if (added !== undefined) {
      const member = memberOf(added, resolver, imports);
      if (member) out.push(member);
      else out.push(...decoratedBy(registeringDecorator(added, resolver), n));
    }
  });
  if (!out.length || out.length > MAX_TABLE_MEMBERS) return undefined;
  const seen = new Set<string>();
  return out.filter((m) => !seen.has(m.name) && seen.add(m.name));
}

/**
 * The decorator a table grows through: `registry[kind] = func` (or `.append(func)`) where `func`
 * is a parameter of a function defined at module level (`def register(func)`) or nested in one
 * (`def register_api(kind): def decorator(func): …`). That outermost function is the decorator.
 */
function registeringDecorator(added: SyntaxNode | null, resolver: Resolver): string | undefined {
  const value = unwrapExpression(added);
  if (value?.type !== 'identifier') return undefined;
  let fn: SyntaxNode | null = value.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  if (!fn || !parametersOf(fn, resolver.language).some((p) => p.name === value.text)) return undefined;
  let outer: SyntaxNode = fn;
  for (let p = fn.parent; p; p = p.parent) if (isFunctionNode(p)) outer = p;
  return outer.childForFieldName('name')?.text;
}

/** The functions of the file written under `@decorator` or `@decorator(...)`. */
function decoratedBy(decorator: string | undefined, from: SyntaxNode): FunctionMember[] {
  if (!decorator) return [];
  let root = from;
  while (root.parent) root = root.parent;
  const out: FunctionMember[] = [];
  walk(root, (n) => {
    if (n.type !== 'decorated_definition') return;
    const named = n.namedChildren.filter((c) => c?.type === 'decorator');
    const uses = named.some((d) => {
      const expression = d?.namedChildren[0] ?? null;
      const callee = expression && isCall(expression) ? calleeOf(expression) : expression;
      return callee?.type === 'identifier' && callee.text === decorator;
    });
    const name = n.childForFieldName('definition')?.childForFieldName('name')?.text;
    if (uses && name) out.push({ name });
  });
  return out;
}

/**
 * The module-level tables of functions a file defines (`HANDLERS = {...}`, a registry its
 * decorator fills), by name: other files that import the table and call one of its elements
 * reach these.
 */
export function moduleFunctionTables(
  root: SyntaxNode,
  text: string,
  resolver: Resolver,
  imports: Imports,
): Record<string, FunctionMember[]> | undefined {
  let tables: Record<string, FunctionMember[]> | undefined;
  const statements = root.namedChildren.map((c) => (c?.type === 'expression_statement' ? c.namedChildren[0] : c));
  for (const statement of statements) {
    const declarators =
      statement?.type === 'assignment'
        ? [statement]
        : statement?.type === 'lexical_declaration' || statement?.type === 'variable_declaration'
          ? statement.namedChildren
          : statement?.type === 'export_statement'
            ? (statement.namedChildren.find((c) => c?.type === 'lexical_declaration')?.namedChildren ?? [])
            : [];
    for (const d of declarators) {
      const left = d?.childForFieldName('left') ?? d?.childForFieldName('name');
      const right = unwrapExpression(d?.childForFieldName('right') ?? d?.childForFieldName('value') ?? null);
      if (left?.type !== 'identifier' || !right || !(LIST_TYPES.has(right.type) || DICT_TYPES.has(right.type))) continue;
      // An empty table is one only if something adds to it: look for that in the text before walking the module.
      if (!right.namedChildren.some((c) => c?.type !== 'comment') && !grownInText(left.text, text)) continue;
      const members = tableMembers(left, resolver, imports);
      if (members) (tables ??= {})[left.text] = members;
    }
  }
  return tables;
}

/**
 * The functions `fn` hands back (`return chat_completion_openai`, `return partial(ask, provider=p)`)
 * when every value it returns is one: a factory of functions, whose result its callers call.
 */
export function returnedFunctions(fn: SyntaxNode, resolver: Resolver, imports: Imports): FunctionMember[] | undefined {
  const out: FunctionMember[] = [];
  let other = false;
  walk(fn, (n) => {
    if (n !== fn && isFunctionNode(n)) return false;
    if (other || n.type !== 'return_statement') return;
    const value = unwrapExpression(n.namedChildren[0] ?? null);
    if (!value) return;
    // `return partial(ask, provider=p)`: the function the partial binds.
    const binder = isCall(value) ? functionValueOf(value, resolver, false)?.binder : undefined;
    const bound = binder ? (argumentsOf(binder).positional[0] ?? null) : value;
    const member = memberOf(bound, resolver, imports);
    if (member) out.push(member);
    else other = true;
  });
  if (other || !out.length || out.length > MAX_TABLE_MEMBERS) return undefined;
  const seen = new Set<string>();
  return out.filter((m) => !seen.has(m.name) && seen.add(m.name));
}

function grownInText(name: string, text: string): boolean {
  return new RegExp(`\\b${escapeRegExp(name)}\\s*(\\[[^\\]\\n]*\\]\\s*=[^=]|\\.(${[...GROWERS].join('|')})\\s*\\()`).test(text);
}

/** `table[k]`, `table.get(k)`: the table read, when `node` reads one element of it. */
function elementRead(node: SyntaxNode | null): SyntaxNode | undefined {
  const n = unwrapExpression(node);
  if (!n) return undefined;
  if (n.type === 'subscript' || n.type === 'subscript_expression')
    return n.childForFieldName('value') ?? n.childForFieldName('object') ?? undefined;
  if (isCall(n)) {
    const callee = calleeOf(n);
    const path = memberPath(callee);
    if (path && path.length >= 2 && path[path.length - 1] === 'get') return callee?.childForFieldName('object') ?? undefined;
  }
  return undefined;
}

/**
 * The loop whose element variable `name` is, and the collection it walks (`for f in fs`,
 * `for i, f in enumerate(fs)`, `for (const f of fs)`).
 */
function loopCollection(name: string, from: SyntaxNode): SyntaxNode | undefined {
  for (let p = from.parent; p && !isFunctionNode(p); p = p.parent) {
    if (p.type !== 'for_statement' && p.type !== 'for_in_statement') continue;
    const left = p.childForFieldName('left');
    const names = left ? (left.type === 'identifier' ? [left.text] : left.namedChildren.map((c) => c?.text)) : [];
    const right = withoutEnumerate(p.childForFieldName('right'));
    if (right && names.includes(name)) return right;
  }
  return undefined;
}

/** The table the callee of `call` is an element of: read by index or key, or walked by a loop. */
function calledTable(call: SyntaxNode, resolver: Resolver): SyntaxNode | undefined {
  const callee = unwrapExpression(calleeOf(call));
  if (!callee) return undefined;
  const direct = elementRead(callee);
  if (direct) return direct;
  if (callee.type !== 'identifier') return undefined;
  const walked = loopCollection(callee.text, call);
  if (walked) return walked;
  // `judge = judges[kind]` then `judge(item)`.
  for (const d of resolver.definitionsOf(callee.text, callee)) {
    const table = elementRead(d);
    if (table) return table;
  }
  return undefined;
}

/** Expressions that pick one of their operands: `f if c else g`, `c ? f : g`, `f or g`, `f ?? g`. */
const CHOICE_TYPES = new Set(['conditional_expression', 'ternary_expression', 'boolean_operator', 'binary_expression']);

/**
 * `(call_openai if use_openai else call_claude)(prompt)`: a call to one of two functions, picked per
 * run. Both are alternatives, as for a table of two. Undefined unless every picked operand is a function.
 */
function chosenFunctions(call: SyntaxNode, resolver: Resolver, imports: Imports): FunctionMember[] | undefined {
  const callee = unwrapExpression(calleeOf(call));
  if (!callee || !CHOICE_TYPES.has(callee.type)) return undefined;
  if (callee.type === 'binary_expression' && !/^(\|\||\?\?)$/.test(callee.childForFieldName('operator')?.text ?? '')) return undefined;
  const condition = callee.childForFieldName('condition');
  const operands = callee.namedChildren.filter((c) => c && c.id !== condition?.id && c.type !== 'comment');
  // Python's `a if c else b` has no field for its condition: it is the middle operand.
  const picked = callee.type === 'conditional_expression' && !condition ? [operands[0], operands[2]] : operands;
  const members = picked.map((o) => (o ? memberOf(o, resolver, imports) : undefined));
  return members.length >= 2 && members.every(Boolean) ? (members as FunctionMember[]) : undefined;
}

/** A table imported from another module, looked up in that module's facts once the workspace is linked. */
export type TableCallee = { param: ParamRef } | { members: FunctionMember[] } | { imported: FunctionMember };

/** What a call through a table reaches: the table a parameter holds, or the members of a table in this file. */
export function tableCallee(call: SyntaxNode, resolver: Resolver, imports: Imports): TableCallee | undefined {
  const chosen = chosenFunctions(call, resolver, imports);
  if (chosen) return { members: chosen };
  const table = calledTable(call, resolver);
  if (!table) return undefined;
  const value = resolver.evaluate(table);
  if (value?.kind === 'param' && !value.ref.segments.length) return { param: value.ref };
  const members = tableMembers(table, resolver, imports);
  if (members) return { members };
  const path = memberPath(table);
  const imported = path && path.length <= 2 ? imports.get(path[0]) : undefined;
  if (!imported || (path!.length === 2 && imported.importedName !== '*')) return undefined;
  const importedName = path!.length === 2 ? path![1] : imported.importedName;
  return { imported: { name: path!.join('.'), importedFrom: imported.source, importedName } };
}
