// Input cardinality: a loop over the chunks of one input (`for chunk in make_chunks(text)` where
// `text` is the function's own parameter) prompts on parts of one thing the caller handed over:
// translating a subtitle file, summarising a long document. Its volume is the size of that one
// input, not a dataset's; scoring treats it as per-input work unless its outputs are training data.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { Resolver } from './resolver';
import { withoutEnumerate } from './resolver';
import { argumentsOf, calleeOf, isCall, memberPath, unwrapExpression } from './syntax';

/** Names of the pieces one text is cut into, and of the functions that cut it. */
const CHUNKING = /chunk|segment|window|paragraph|passage|section|split_?text|text_?splitter/i;
/** Parameters that hold many inputs: a loop over their pieces is a loop over a dataset. */
const MANY_INPUTS =
  /(rows|items|records|dataset|prompts|questions|examples|samples|documents|docs|files|paths|tasks|entries|inputs|texts|pages)$/i;
/** Wrappers that walk the same items (`enumerate`, `tqdm`). */
const PASS_THROUGH = /^(enumerate|tqdm|list|tuple|sorted|iter)$/;

/** Whether the loop's iterable is the chunks of one parameter of the enclosing function. */
export function chunksOfOneInput(input: SyntaxNode | null, resolver: Resolver, depth = 0, chunked = false): boolean {
  const node = unwrapExpression(withoutEnumerate(input));
  if (!node || depth > 12) return false;
  if (node.type === 'identifier' || node.type === 'attribute' || node.type === 'member_expression') {
    const path = memberPath(node);
    const leaf = path?.[path.length - 1] ?? node.text;
    if (resolver.parameterOf(node)) return chunked && !MANY_INPUTS.test(leaf);
    const definitions = path ? resolver.definitionsOf(path.join('.'), node) : [];
    const cut = chunked || CHUNKING.test(leaf);
    return definitions.length > 0 && definitions.every((d) => chunksOfOneInput(d, resolver, depth + 1, cut));
  }
  if (!isCall(node)) return false;
  const callee = calleeOf(node);
  const path = memberPath(callee);
  const leaf = path?.[path.length - 1] ?? '';
  const args = argumentsOf(node).positional;
  if (PASS_THROUGH.test(leaf)) return chunksOfOneInput(args[0] ?? null, resolver, depth + 1, chunked);
  const cut = chunked || CHUNKING.test(leaf);
  // `make_chunks(text, n)` follows its first argument; `text.replace("\r\n", "\n")` and
  // `text.split_text()` their receiver (a literal argument is not where the text comes from).
  const receiver = callee?.type === 'attribute' || callee?.type === 'member_expression' ? callee.childForFieldName('object') : null;
  const first = args[0] && !/string|number|integer|float|true|false|none|null/.test(args[0].type) ? args[0] : undefined;
  const source = first ?? receiver;
  return !!source && chunksOfOneInput(source, resolver, depth + 1, cut);
}

/** What an absent list of parts is replaced with. */
const EMPTY_FALLBACK = /^(\[\s*\]|\(\s*\)|None|null|undefined)$/;
/** Methods that keep walking the same items (`blocks.filter(...)`, `calls.map(...)`, `items()`). */
const SAME_ITEMS = /^(filter|map|slice|values|items|entries|keys)$/;

/**
 * Whether the loop walks the parts of one model response: the tool calls or content blocks a
 * provider call just returned (`for call in response.tool_calls`, `[b for b in msg.content if
 * b.type == "tool_use"]`). An agent acting on one answer, not a sweep over data.
 */
export function partsOfOneResponse(input: SyntaxNode | null, resolver: Resolver, depth = 0): boolean {
  const node = unwrapExpression(withoutEnumerate(input));
  if (!node || depth > 10) return false;
  switch (node.type) {
    case 'identifier': {
      const definitions = resolver.definitionsOf(node.text, node);
      return definitions.length > 0 && definitions.every((d) => partsOfOneResponse(d, resolver, depth + 1));
    }
    case 'attribute':
    case 'member_expression':
    case 'subscript':
    case 'subscript_expression':
      return partsOfOneResponse(node.childForFieldName('object') ?? node.childForFieldName('value'), resolver, depth + 1);
    case 'await':
    case 'await_expression':
      return partsOfOneResponse(node.namedChildren[0] ?? null, resolver, depth + 1);
    case 'binary_expression':
    case 'boolean_operator': {
      // `message.tool_calls ?? []`, `response.tool_calls or []`: the response's parts, or nothing.
      const [value, fallback] = node.namedChildren;
      return !!fallback && EMPTY_FALLBACK.test(fallback.text) && partsOfOneResponse(value, resolver, depth + 1);
    }
    case 'list_comprehension':
    case 'generator_expression': {
      const clause = node.namedChildren.find((c) => c?.type === 'for_in_clause');
      return !!clause && partsOfOneResponse(clause.childForFieldName('right'), resolver, depth + 1);
    }
    default: {
      if (!isCall(node)) return false;
      const resolved = resolver.evaluateCall(node);
      if (resolved && !('kind' in resolved)) return true;
      const callee = calleeOf(node);
      const leaf = memberPath(callee)?.pop() ?? callee?.childForFieldName('property')?.text ?? '';
      const receiver = callee?.type === 'attribute' || callee?.type === 'member_expression' ? callee.childForFieldName('object') : null;
      if (receiver && SAME_ITEMS.test(leaf)) return partsOfOneResponse(receiver, resolver, depth + 1);
      if (PASS_THROUGH.test(leaf)) return partsOfOneResponse(argumentsOf(node).positional[0] ?? null, resolver, depth + 1);
      return false;
    }
  }
}
