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
