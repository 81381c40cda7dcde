// Classes and what they derive from or implement, by name: a call on an object declared as a base
// class or an interface (`model: BaseModel`, `llm: LlmProvider`) may run any implementation's
// method, and the implementations are where the provider calls are.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { ClassFacts } from '../types';
import { walk } from './syntax';

const CLASS_NODES = new Set(['class_definition', 'class_declaration', 'abstract_class_declaration', 'class']);

/** The file's named classes with the names of their bases and implemented interfaces. */
export function collectClasses(root: SyntaxNode): ClassFacts[] {
  const classes: ClassFacts[] = [];
  walk(root, (node) => {
    if (!CLASS_NODES.has(node.type)) return;
    const name = node.childForFieldName('name')?.text;
    if (!name) return;
    const bases = baseNames(node);
    if (bases.length) classes.push({ name, bases });
  });
  return classes;
}

/** The class a node is written in, through its methods and their nested functions. */
export function enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (CLASS_NODES.has(p.type)) return p;
  return undefined;
}

/**
 * The classes a class extends, without the interfaces it implements: only those can have set the
 * fields it inherits (`class Judge(Grader)`, `class Judge extends Grader implements Scorer`).
 */
export function extendedNames(node: SyntaxNode): string[] {
  const heritage = node.namedChildren.find((c) => c?.type === 'class_heritage');
  const extendsClause = heritage?.namedChildren.find((c) => c?.type === 'extends_clause');
  if (heritage && !extendsClause) return [];
  if (!extendsClause) return baseNames(node);
  const names: string[] = [];
  for (const value of extendsClause.namedChildren) {
    if (value && (value.type === 'identifier' || value.type === 'member_expression')) names.push(lastSegment(value.text));
  }
  return names;
}

export function baseNames(node: SyntaxNode): string[] {
  const names: string[] = [];
  // Python: `class GPT(BaseModel, metaclass=ABCMeta)`; keyword arguments are not bases.
  for (const base of node.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (base && (base.type === 'identifier' || base.type === 'attribute')) names.push(lastSegment(base.text));
  }
  // TS/JS: `class Claude extends BaseProvider implements LlmProvider, Disposable`.
  const heritage = node.namedChildren.find((c) => c?.type === 'class_heritage') ?? node.childForFieldName('superclass');
  if (!heritage) return [...new Set(names)];
  walk(heritage, (n) => {
    if (n.type === 'type_arguments' || n.type === 'arguments') return false;
    if (n.type === 'identifier' || n.type === 'type_identifier') names.push(n.text);
    if (n.type === 'member_expression' || n.type === 'nested_type_identifier') {
      names.push(lastSegment(n.text));
      return false;
    }
  });
  return [...new Set(names)];
}

function lastSegment(text: string): string {
  return text.split('.').pop() ?? text;
}
