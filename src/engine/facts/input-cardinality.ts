// Input cardinality: a loop over the chunks of one input (`for chunk in make_chunks(text)` where
// `text` is the function's own parameter) prompts on parts of one thing the caller handed over:
// translating a subtitle file, summarising a long document. Its volume is the size of that one
// input, not a dataset's; scoring treats it as per-input work unless its outputs are training data.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { Resolver } from './resolver';
import { withoutEnumerate } from './resolver';
import type { SyntaxTree } from '../parse/syntax-tree';
import { argumentsOf, calleeOf, functionName, isCall, memberPath, unwrapExpression, walk } from './syntax';
import { parameterAt, parametersOf } from './parameters';

/** Names of the pieces one text is cut into, and of the functions that cut it. */
const CHUNKING = /chunk|segment|window|paragraph|passage|section|split_?text|text_?splitter/i;
/** Parameters that hold many inputs: a loop over their pieces is a loop over a dataset. */
const MANY_INPUTS =
  /(rows|items|records|dataset|prompts|questions|examples|samples|documents|docs|files|paths|tasks|entries|inputs|texts|pages)$/i;
/** Wrappers that walk the same items (`enumerate`, `tqdm`). */
const PASS_THROUGH = /^(enumerate|tqdm|list|tuple|sorted|iter)$/;
/** Parsers of one text into its parts: the parts of a response's text are still that response's. */
const PARSES = /^(loads|parse|parse_raw|model_validate_json)$/;

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
const EMPTY_FALLBACK = /^(\[\s*\]|\(\s*\)|\{\s*\}|None|null|undefined)$/;
/** Methods that keep walking the same items (`blocks.filter(...)`, `calls.map(...)`, `items()`). */
const SAME_ITEMS = /^(filter|map|slice|values|items|entries|keys|get)$/;
/** A stream's finished message (`stream.get_final_message()`, `stream.finalMessage()`): still the one response. */
const STREAM_RESULT = /^(get_final_message|get_final_completion|get_final_response|finalMessage|finalChatCompletion|finalResponse)$/;

/**
 * Whether the loop walks the parts of one model response: the tool calls or content blocks a
 * provider call just returned (`for call in response.tool_calls`, `[b for b in msg.content if
 * b.type == "tool_use"]`). An agent acting on one answer, not a sweep over data.
 */
export function partsOfOneResponse(input: SyntaxNode | null, resolver: Resolver, depth = 0): boolean {
  const node = unwrapExpression(withoutEnumerate(input));
  if (!node || depth > 16) return false;
  switch (node.type) {
    case 'identifier': {
      const definitions = resolver.definitionsOf(node.text, node);
      // `edits = None` before the branch that fills it: an empty start says nothing of what fills it.
      const filled = definitions.filter((d) => !EMPTY_FALLBACK.test(d.text));
      if (filled.length > 0) return filled.every((d) => partsOfOneResponse(d, resolver, depth + 1));
      // `to_run = []` then `to_run.append(block)` for some of the blocks: what was appended.
      if (definitions.length > 0) {
        const added = resolver.elementsAddedTo(node.text);
        return added.length > 0 && added.every((e) => partsOfOneResponse(e, resolver, depth + 1));
      }
      // `def apply_edits(self, edits): for edit in edits:` called as `self.apply_edits(edits=parsed["edits"])`
      // on a response just parsed: the parameter holds what every caller in the file hands over.
      const handed = argumentsHandedTo(node, resolver);
      if (handed === 'uncalled') return RESPONSE_PARAMETER.test(node.text);
      return handed.length > 0 && handed.every((a) => partsOfOneResponse(a, resolver, depth + 1));
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
    case 'for_statement':
    case 'for_in_statement':
      // `for block in message.content:` defines `block`: one of the response's parts.
      return partsOfOneResponse(node.childForFieldName('right'), resolver, depth + 1);
    case 'parenthesized_expression':
      return partsOfOneResponse(node.namedChildren[0] ?? null, resolver, depth + 1);
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
      const leaf =
        memberPath(callee)?.pop() ?? (callee?.childForFieldName('property') ?? callee?.childForFieldName('attribute'))?.text ?? '';
      const receiver = callee?.type === 'attribute' || callee?.type === 'member_expression' ? callee.childForFieldName('object') : null;
      if (receiver && (SAME_ITEMS.test(leaf) || STREAM_RESULT.test(leaf))) return partsOfOneResponse(receiver, resolver, depth + 1);
      // `self._find_tool_uses(response.content)` returning `[b for b in content if …]`: the argument's parts.
      const walked = ownFunctionWalking(node, leaf, resolver);
      if (walked) return partsOfOneResponse(walked, resolver, depth + 1);
      if (PASS_THROUGH.test(leaf) || (PARSES.test(leaf) && receiver && /^(json|JSON|orjson)$/.test(receiver.text)))
        return partsOfOneResponse(argumentsOf(node).positional[0] ?? null, resolver, depth + 1);
      return false;
    }
  }
}

/** Nodes of a tree grouped by a name `nameOf` gives them (undefined leaves a node out), built once per tree. */
function namedIndex(nameOf: (n: SyntaxNode) => string | undefined): (tree: SyntaxTree, name: string) => SyntaxNode[] {
  const built = new WeakMap<SyntaxTree, Map<string, SyntaxNode[]>>();
  return (tree, name) => {
    let byName = built.get(tree);
    if (!byName) {
      const index = new Map<string, SyntaxNode[]>();
      walk(tree.rootNode, (n) => {
        const key = nameOf(n);
        if (key) index.set(key, [...(index.get(key) ?? []), n]);
      });
      built.set(tree, (byName = index));
    }
    return byName.get(name) ?? [];
  };
}

/** The file's calls by the last segment of their callee (`ask`, `self.ask`, `this.ask`). */
const callsNamed = namedIndex((n) => {
  if (!isCall(n)) return undefined;
  const path = memberPath(calleeOf(n));
  if (!path || path.length > 2 || (path.length === 2 && !/^(self|this|cls)$/.test(path[0]))) return undefined;
  return path[path.length - 1];
});

/** The file's function definitions by name. */
const functionsNamed = namedIndex((n) =>
  n.type === 'function_definition' || n.type === 'method_definition' || n.type === 'function_declaration' ? functionName(n) : undefined,
);

/** A parameter named for a model's answer (`def parse_and_apply(self, response)`), read when no call in the file says more. */
const RESPONSE_PARAMETER = /^(response|reply|completion|llm_?response|model_?response|response_?text|raw_?response)$/i;

/**
 * The arguments the file's own calls of the enclosing function pass for the parameter `name`;
 * 'uncalled' when no call in the file reaches the function (another file calls it, or nothing does).
 */
function argumentsHandedTo(name: SyntaxNode, resolver: Resolver): SyntaxNode[] | 'uncalled' {
  const param = parameterAt(name.text, name, resolver.language);
  const fnName = param && functionName(param.fn);
  if (!param || !fnName) return [];
  const slot = parametersOf(param.fn, resolver.language).find((p) => p.name === name.text && !p.key);
  if (!slot) return [];
  const out: SyntaxNode[] = [];
  const calls = callsNamed(name.tree, fnName);
  if (!calls.length) return 'uncalled';
  for (const call of calls) {
    const args = argumentsOf(call);
    const arg = args.named.get(slot.name) ?? (slot.index >= 0 ? args.positional[slot.index] : undefined);
    // A call that leaves the parameter to its default, or spreads its arguments, says nothing.
    if (!arg) return [];
    out.push(arg);
  }
  return out;
}

/**
 * The argument a call to one of the file's functions hands back in part: the function returns
 * one of its parameters, or a comprehension or filter over it (`return [b for b in content if …]`).
 */
function ownFunctionWalking(call: SyntaxNode, name: string, resolver: Resolver): SyntaxNode | undefined {
  const path = memberPath(calleeOf(call));
  if (!name || !path || path.length > 2 || (path.length === 2 && !/^(self|this|cls)$/.test(path[0]))) return undefined;
  const [fn, ...others] = functionsNamed(call.tree, name);
  if (!fn || others.length) return undefined;
  const params = parametersOf(fn, resolver.language);
  let index: number | undefined;
  let returns = 0;
  walk(fn, (n) => {
    if (n.id !== fn.id && (n.type === 'function_definition' || n.type === 'arrow_function' || n.type === 'lambda')) return false;
    if (n.type !== 'return_statement') return;
    returns++;
    const walkedName = walkedParameterName(n.namedChildren[0] ?? null);
    const slot = params.find((p) => p.name === walkedName && !p.key);
    index = slot && (index === undefined || index === slot.index) ? slot.index : -1;
  });
  if (!returns || index === undefined || index < 0) return undefined;
  return argumentsOf(call).positional[index];
}

/** `content`, `[b for b in content if …]`, `content.filter(…)`: the name of what a returned value walks. */
function walkedParameterName(value: SyntaxNode | null): string | undefined {
  const node = unwrapExpression(value);
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'list_comprehension' || node.type === 'generator_expression') {
    const clause = node.namedChildren.find((c) => c?.type === 'for_in_clause');
    return walkedParameterName(clause?.childForFieldName('right') ?? null);
  }
  if (isCall(node)) {
    const callee = calleeOf(node);
    const leaf = (callee?.childForFieldName('property') ?? callee?.childForFieldName('attribute'))?.text ?? '';
    if (SAME_ITEMS.test(leaf)) return walkedParameterName(callee?.childForFieldName('object') ?? null);
  }
  return undefined;
}
