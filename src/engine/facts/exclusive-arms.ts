// Output writes in one arm of a conditional belong to the work of that arm: `if stage == 1:` makes
// chain-of-thought with a local model and saves it, `elif stage == 2:` grades answers with a hosted
// judge and saves scores. One run takes one arm, so the first arm's write is not the judge's output.
// The extraction records, for every conditional that holds a sink, the ranges of its arms; the
// workload pass keeps a sink away from a call in another arm of the same conditional.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { FileFacts, Range } from '../types';
import { isFunctionNode, rangeOf } from './syntax';

/** The arms of an if/elif/else chain (Python or JS, `else if` included) or of a switch/match. */
function armsOf(chain: SyntaxNode): SyntaxNode[] {
  const arms: SyntaxNode[] = [];
  if (chain.type === 'switch_statement' || chain.type === 'match_statement') {
    const body = chain.childForFieldName('body');
    for (const c of body?.namedChildren ?? []) if (c && c.type !== 'comment') arms.push(c);
    return arms;
  }
  let current: SyntaxNode | null = chain;
  while (current?.type === 'if_statement') {
    const consequence = current.childForFieldName('consequence');
    if (consequence) arms.push(consequence);
    let next: SyntaxNode | null = null;
    for (const c of current.namedChildren) {
      if (c?.type === 'elif_clause') arms.push(c);
      if (c?.type === 'else_clause') {
        // JS `else if (…)`: the arms go on in the nested if.
        const inner = c.namedChildren.find((n) => n?.type === 'if_statement');
        if (inner && c.namedChildren.length === 1) next = inner;
        else arms.push(c);
      }
    }
    current = next;
  }
  return arms;
}

/** The outermost if of an `else if` chain. */
function headOf(node: SyntaxNode): SyntaxNode {
  let head = node;
  while (head.parent?.type === 'else_clause' && head.parent.parent?.type === 'if_statement') head = head.parent.parent;
  return head;
}

const CHAINS = new Set(['if_statement', 'switch_statement', 'match_statement']);

/** Records on `facts` the arms of every conditional, within its function, that encloses one of `sinkNodes`. */
export function collectExclusiveArms(sinkNodes: SyntaxNode[], facts: FileFacts): void {
  const seen = new Set<number>();
  const out: Range[][] = [];
  for (const sink of sinkNodes) {
    for (let p = sink.parent; p && !isFunctionNode(p); p = p.parent) {
      if (!CHAINS.has(p.type)) continue;
      const head = headOf(p);
      if (seen.has(head.id)) continue;
      seen.add(head.id);
      const arms = armsOf(head);
      if (arms.length > 1) out.push(arms.map(rangeOf));
    }
  }
  if (out.length) facts.exclusiveArms = out;
}
