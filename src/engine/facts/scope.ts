// Scope rules for name lookup: which functions or classes enclose a node, and which of a name's
// definitions are visible from a given place (innermost function first, then module level).
import type { SyntaxNode } from '../parse/syntax-tree';
import type { FileBindings } from './bindings';
import { isFunctionNode } from './syntax';

/** A candidate definition of a name; `typed` when it is a type annotation rather than a value. */
export interface VisibleDefinition {
  node: SyntaxNode;
  typed: boolean;
}

/**
 * Definitions of `name` as seen from `from`: those in the enclosing functions first (innermost
 * wins, so `model` in one function is not another function's `model`), then module level. A
 * name assigned in an enclosing function is local there, so other functions' definitions are
 * ignored; otherwise they are a last resort (globals set inside an init function).
 */
export function visibleDefinitions(
  bindings: Pick<FileBindings, 'definitions' | 'typedDefinitions'>,
  name: string,
  from: SyntaxNode,
): VisibleDefinition[] {
  const grouped = groupedDefinitions(bindings, name);
  if (grouped.all.length <= 1) return grouped.all;
  const chain = scopeChain(from, grouped.member);
  const visible: VisibleDefinition[] = [];
  let innermost = -1;
  chain.forEach((scope, rank) => {
    const here = grouped.byScope.get(scope);
    if (!here) return;
    if (innermost < 0) innermost = rank;
    visible.push(...here);
  });
  if (innermost >= 0 && innermost < chain.length - 1) return visible;
  // Only module-level definitions (or none) are in view: other functions' come last.
  const inChain = new Set(chain);
  return [...visible, ...grouped.all.filter((d) => !inChain.has(d.scope))];
}

interface GroupedDefinitions {
  member: boolean;
  all: (VisibleDefinition & { scope: number })[];
  byScope: Map<number, VisibleDefinition[]>;
}

// Grouped once per name and file: a lookup then costs the depth of its scope chain, not the
// number of definitions (a module that assigns `response` two hundred times looked each up again).
const groupedByBindings = new WeakMap<object, Map<string, GroupedDefinitions>>();

function groupedDefinitions(bindings: Pick<FileBindings, 'definitions' | 'typedDefinitions'>, name: string): GroupedDefinitions {
  let byName = groupedByBindings.get(bindings.definitions);
  if (!byName) groupedByBindings.set(bindings.definitions, (byName = new Map()));
  const defined = bindings.definitions.get(name)?.length ?? 0;
  const typed = bindings.typedDefinitions.get(name)?.length ?? 0;
  let grouped = byName.get(name);
  // Lookups can run while bindings are still being collected (destructured requires): a list
  // that has grown since it was grouped is grouped again.
  if (grouped && grouped.all.length === defined + typed) return grouped;
  const member = /^(self|this|cls)\./.test(name);
  const all = [
    ...(bindings.definitions.get(name) ?? []).map((node) => ({ node, typed: false, scope: definitionScope(node, member) })),
    ...(bindings.typedDefinitions.get(name) ?? []).map((node) => ({ node, typed: true, scope: definitionScope(node, member) })),
  ];
  const byScope = new Map<number, VisibleDefinition[]>();
  for (const d of all) {
    const list = byScope.get(d.scope);
    if (list) list.push(d);
    else byScope.set(d.scope, [d]);
  }
  grouped = { member, all, byScope };
  byName.set(name, grouped);
  return grouped;
}

/** Ids of the functions (or, for `self.x` names, classes) around a node, innermost first; 0 is the module. */
function scopeChain(node: SyntaxNode, member: boolean): number[] {
  const out: number[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (member ? isClassNode(p) : isFunctionNode(p)) out.push(p.id);
  }
  out.push(0);
  return out;
}

// Memoised per node: every lookup of a name with many definitions ranks all of them again.
const functionScopes = new WeakMap<SyntaxNode, number>();
const classScopes = new WeakMap<SyntaxNode, number>();

/** The scope a definition lives in: its function, or for `self.x` its class; 0 for the module. */
export function definitionScope(value: SyntaxNode, member: boolean): number {
  const memo = member ? classScopes : functionScopes;
  const known = memo.get(value);
  if (known !== undefined) return known;
  let scope = 0;
  for (let p = value.parent; p; p = p.parent) {
    if (member ? isClassNode(p) : isFunctionNode(p)) {
      scope = p.id;
      break;
    }
  }
  memo.set(value, scope);
  return scope;
}

export function insideClass(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (isClassNode(p)) return true;
  return false;
}

function isClassNode(node: SyntaxNode): boolean {
  return (
    node.type === 'class_definition' ||
    node.type === 'class_declaration' ||
    node.type === 'class' ||
    node.type === 'abstract_class_declaration'
  );
}

export function enclosingFunctionNode(node: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}
