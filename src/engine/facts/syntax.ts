// Small, language-aware readers over tree-sitter nodes: ranges, literals, call arguments,
// member chains. Everything here is iterative or shallow so deep trees cannot overflow the stack.
import type { SyntaxNode, SyntaxTree } from '../parse/syntax-tree';
import type { Language, Range } from '../types';
import { TASK_CONFIGURE_METHODS, TASK_MODULES, TASK_RUN_METHODS } from '../task-runners';

export function rangeOf(node: SyntaxNode): Range {
  return {
    startLine: node.startPosition.row,
    startColumn: node.startPosition.column,
    endLine: node.endPosition.row,
    endColumn: node.endPosition.column,
  };
}

export function truncate(text: string, max = 160): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}

/** Node types that call something, per grammar. */
export function isCall(node: SyntaxNode): boolean {
  return node.type === 'call' || node.type === 'call_expression' || node.type === 'new_expression';
}

export function calleeOf(node: SyntaxNode): SyntaxNode | null {
  const callee = node.childForFieldName('function') ?? node.childForFieldName('constructor');
  return callee?.type === 'attribute' && importsTaskFramework(node.tree) ? remoteTarget(callee) : callee;
}

const TASK_IMPORT = new RegExp(String.raw`^[ \t]*(?:import|from)[ \t]+(?:${[...TASK_MODULES].join('|')})\b`, 'm');
const taskFrameworkFiles = new WeakMap<SyntaxTree, boolean>();

/** Whether the file imports a task framework: elsewhere `.remote(…)` is someone else's method (`repo.remote("origin")`). */
function importsTaskFramework(tree: SyntaxTree): boolean {
  let known = taskFrameworkFiles.get(tree);
  if (known === undefined) taskFrameworkFiles.set(tree, (known = TASK_IMPORT.test(tree.source)));
  return known;
}

/**
 * Task frameworks run a function through a method of the function itself: Ray's `ask.remote(x)`,
 * `ask.options(num_cpus=1).remote(x)`, an actor's `worker.llm_request.remote(x)`, Modal's
 * `ask.remote(x)` (rows of `TASK_FRAMEWORKS`). Each runs `ask(x)` (or the actor's method) somewhere
 * else, so the callee is what `.remote` is called on. `ray.remote(f)` wraps a function and stays a call.
 */
function remoteTarget(callee: SyntaxNode): SyntaxNode {
  if (!TASK_RUN_METHODS.has(callee.childForFieldName('attribute')?.text ?? '')) return callee;
  let target = callee.childForFieldName('object');
  if (target?.type === 'call') {
    const options = target.childForFieldName('function');
    if (options?.type !== 'attribute' || !TASK_CONFIGURE_METHODS.has(options.childForFieldName('attribute')?.text ?? '')) return callee;
    target = options.childForFieldName('object');
  }
  if (!target || target.type === 'call') return callee;
  if (target.type === 'identifier' && (TASK_MODULES.has(target.text) || target.text === 'self' || target.text === 'cls')) return callee;
  return target;
}

/** Unwraps `await x`, `(x)`, `x!`, `x as T`. */
export function unwrapExpression(node: SyntaxNode | null): SyntaxNode | null {
  let current = node;
  for (let i = 0; current && i < 20; i++) {
    if (
      current.type === 'await' ||
      current.type === 'await_expression' ||
      current.type === 'parenthesized_expression' ||
      current.type === 'non_null_expression' ||
      current.type === 'as_expression' ||
      current.type === 'satisfies_expression' ||
      current.type === 'type_assertion'
    ) {
      current =
        current.namedChildren.find((c) => c && c.type !== 'type_annotation' && !c.type.endsWith('_type') && c.type !== 'type_identifier') ??
        null;
    } else break;
  }
  return current;
}

/** The literal value of a string node (Python string, JS string, template without substitutions). */
export function stringValue(node: SyntaxNode | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string' || node.type === 'template_string') {
    if (node.namedChildren.some((c) => c && (c.type === 'interpolation' || c.type === 'template_substitution'))) return undefined;
    return stripQuotes(node.text);
  }
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((c) => stringValue(c));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  return undefined;
}

/** The text of a string-like node, keeping `{placeholders}` of templates and f-strings. */
export function stringTemplateText(node: SyntaxNode | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string' || node.type === 'template_string') return stripQuotes(node.text);
  if (node.type === 'concatenated_string') return node.namedChildren.map((c) => stringTemplateText(c) ?? '').join('');
  return undefined;
}

export function stripQuotes(text: string): string {
  const m = /^[rRbBuUfF]{0,2}("""|'''|"|'|`)([\s\S]*)\1$/.exec(text);
  return m ? m[2] : text;
}

export function numberValue(node: SyntaxNode | null): number | undefined {
  if (!node) return undefined;
  if (node.type === 'integer' || node.type === 'float' || node.type === 'number') {
    const n = Number(node.text.replace(/_/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  if (node.type === 'unary_operator' || node.type === 'unary_expression') {
    const inner = numberValue(node.namedChildren[0] ?? null);
    return inner === undefined ? undefined : node.text.trim().startsWith('-') ? -inner : inner;
  }
  return undefined;
}

export interface CallArguments {
  positional: SyntaxNode[];
  /** Keyword arguments (Python) and properties of a trailing object literal (JS). */
  named: Map<string, SyntaxNode>;
  /** Spread / **kwargs present: named arguments may be incomplete. */
  hasSpread: boolean;
}

export function argumentsOf(call: SyntaxNode): CallArguments {
  const out: CallArguments = { positional: [], named: new Map(), hasSpread: false };
  const args = call.childForFieldName('arguments');
  if (!args) return out;
  for (const arg of args.namedChildren) {
    if (!arg) continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) out.named.set(name, value);
    } else if (arg.type === 'dictionary_splat' || arg.type === 'list_splat' || arg.type === 'spread_element') {
      out.hasSpread = true;
    } else if (arg.type === 'comment') {
    } else {
      out.positional.push(arg);
    }
  }
  // JS SDKs take one options object: read its properties as named arguments.
  for (const arg of out.positional) {
    if (arg.type === 'object') readObjectProperties(arg, out.named, () => (out.hasSpread = true));
  }
  return out;
}

export function readObjectProperties(object: SyntaxNode, into: Map<string, SyntaxNode>, onSpread?: () => void): void {
  for (const prop of object.namedChildren) {
    if (!prop) continue;
    if (prop.type === 'pair') {
      const key = propertyKey(prop.childForFieldName('key'));
      const value = prop.childForFieldName('value');
      if (key && value && !into.has(key)) into.set(key, value);
    } else if (prop.type === 'shorthand_property_identifier') {
      if (!into.has(prop.text)) into.set(prop.text, prop);
    } else if (prop.type === 'spread_element') onSpread?.();
  }
}

/** Python dict literal entries with string keys. */
export function readDictEntries(dict: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const pair of dict.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = stringValue(pair.childForFieldName('key'));
    const value = pair.childForFieldName('value');
    if (key && value) out.set(key, value);
  }
  return out;
}

function propertyKey(node: SyntaxNode | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'property_identifier' || node.type === 'identifier') return node.text;
  return stringValue(node);
}

/**
 * Flattens `a.b.c` / `self.x.y` / `this.x` into segments. Returns undefined when the chain
 * contains calls or computed members (those are evaluated by the resolver instead).
 */
export function memberPath(node: SyntaxNode | null): string[] | undefined {
  const parts: string[] = [];
  let current = node;
  for (let i = 0; current && i < 64; i++) {
    if (current.type === 'identifier' || current.type === 'this' || current.type === 'property_identifier') {
      parts.unshift(current.text);
      return parts;
    }
    if (current.type === 'attribute' || current.type === 'member_expression') {
      const prop = current.childForFieldName('attribute') ?? current.childForFieldName('property');
      if (!prop) return undefined;
      parts.unshift(prop.text);
      current = current.childForFieldName('object');
      continue;
    }
    // TS `this.client!.chat`: the non-null assertion changes no value.
    if (current.type === 'non_null_expression') {
      current = current.namedChildren[0] ?? null;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** Identifiers used inside a node (bounded), for light data-flow. */
export function identifiersIn(node: SyntaxNode | null, limit = 200): string[] {
  if (!node) return [];
  const out = new Set<string>();
  const stack: SyntaxNode[] = [node];
  while (stack.length && out.size < limit) {
    const n = stack.pop()!;
    if (n.type === 'identifier' || n.type === 'shorthand_property_identifier') out.add(n.text);
    else if (n.type === 'attribute' || n.type === 'member_expression') {
      const path = memberPath(n);
      if (path && (path[0] === 'self' || path[0] === 'this') && path.length >= 2) out.add(path.slice(0, 2).join('.'));
    }
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const c = n.namedChild(i);
      if (c) stack.push(c);
    }
  }
  return [...out];
}

/**
 * Visits every node under `root` in document order, without recursion (deep trees cannot
 * overflow the stack); returning false skips a node's children.
 */
export function walk(root: SyntaxNode, visit: (node: SyntaxNode) => boolean | void): void {
  const nodes = root.tree.nodes;
  for (let i = root.id; i < root.end; ) i = visit(nodes[i]) === false ? nodes[i].end : i + 1;
}

export const FUNCTION_TYPES = new Set([
  'function_definition',
  'function_declaration',
  'generator_function_declaration',
  'method_definition',
  'arrow_function',
  'function_expression',
  'function',
  'generator_function',
  'lambda',
]);

export function isFunctionNode(node: SyntaxNode): boolean {
  return FUNCTION_TYPES.has(node.type);
}

/** The name a function is known by: its own name, the variable it is assigned to, or the property. */
export function functionName(fn: SyntaxNode): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const parent = fn.parent;
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  if (parent.type === 'pair') return parent.childForFieldName('key')?.text;
  if (parent.type === 'assignment_expression' || parent.type === 'assignment')
    return memberPath(parent.childForFieldName('left'))?.join('.');
  if (parent.type === 'public_field_definition' || parent.type === 'field_definition')
    return parent.childForFieldName('name')?.text ?? parent.childForFieldName('property')?.text;
  return undefined;
}

/** The class a method belongs to, if any. */
export function enclosingClassName(node: SyntaxNode): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'class_definition' || p.type === 'class_declaration' || p.type === 'class') return p.childForFieldName('name')?.text;
    if (isFunctionNode(p) && p.type !== 'method_definition') return undefined;
  }
  return undefined;
}

export function isStringNode(node: SyntaxNode | null): boolean {
  return !!node && (node.type === 'string' || node.type === 'template_string' || node.type === 'concatenated_string');
}

export function commentPrefix(language: Language): string {
  return language === 'python' ? '#' : '//';
}
