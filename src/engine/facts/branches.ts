// Calls in different arms of one conditional never run in the same pass: `if provider == "claude":
// ask_claude() elif provider == "bedrock": ask_bedrock()` picks one model per run, it does not send
// the same prompt to both. Each call is tagged with the conditional chain it sits in, so the
// workspace can treat the arms' provider calls as alternatives.
import type { SyntaxNode } from '../parse/syntax-tree';
import { isFunctionNode } from './syntax';

/** Conditionals whose arms exclude each other: if/elif/else, ternaries, switch and match. */
const CHAINS = new Set(['if_statement', 'conditional_expression', 'ternary_expression', 'switch_statement', 'match_statement']);

/** The conditional chain `node` sits in an arm of (the innermost one in its function), as "line:column" of the chain's head. */
export function branchOf(node: SyntaxNode): string | undefined {
  let child = node;
  for (let p = node.parent; p && !isFunctionNode(p); child = p, p = p.parent) {
    if (!CHAINS.has(p.type)) continue;
    // The condition (or a switch's value) is evaluated on every pass.
    const condition = p.childForFieldName('condition') ?? p.childForFieldName('value') ?? p.childForFieldName('subject');
    if (condition && condition.id === child.id) continue;
    // `else if`: the chain's head is the outermost if of it.
    let head = p;
    while (head.parent?.type === 'else_clause' && head.parent.parent?.type === 'if_statement') head = head.parent.parent;
    return `${head.startPosition.row}:${head.startPosition.column}`;
  }
  return undefined;
}
