// Scope rules for name lookup: which functions or classes enclose a node, and which of a name's
// definitions are visible from a given place (innermost function first, then module level).
import type { SyntaxNode } from '../parse/syntax-tree';
import type { FileBindings } from './bindings';
import { isFunctionNode } from './syntax';

/** A candidate definition of a name; `typed` when it is a type annotation rather than a value. */
export interface VisibleDefinition { node: SyntaxNode; typed: boolean }

/**
 * Definitions of `name` as seen from `from`: those in the enclosing functions first (innermost
 * wins, so `model` in one function is not another function's `model`), then module level. A
 * name assigned in an enclosing function is local there, so other functions' definitions are
 * ignored; otherwise they are a last resort (globals set inside an init function).
 */
export function visibleDefinitions(bindings: Pick<FileBindings, 'definitions' | 'typedDefinitions'>, name: string, from: SyntaxNode): VisibleDefinition[] {
  const all = [
    ...(bindings.definitions.get(name) ?? []).map((node) => ({ node, typed: false })),
    ...(bindings.typedDefinitions.get(name) ?? []).map((node) => ({ node, typed: true })),
  ];
  if (all.length <= 1) return all;
  const member = /^(self|this|cls)\./.test(name);
  const chain = scopeChain(from, member);
  const rank = (def: { node: SyntaxNode }) => {
    const i = chain.indexOf(definitionScope(def.node, member));
    return i < 0 ? chain.length + 1 : i;
  };
  const ranked = all.map((d) => ({ ...d, rank: rank(d) })).sort((a, b) => a.rank - b.rank);
  const moduleRank = chain.length - 1;
  if (ranked[0].rank < moduleRank) return ranked.filter((d) => d.rank <= moduleRank);
  return ranked;
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
  return node.type === 'class_definition' || node.type === 'class_declaration' || node.type === 'class' || node.type === 'abstract_class_declaration';
}

export function enclosingFunctionNode(node: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}
