// Loops that repeat model calls for control flow rather than to sweep data: an agent's tool loop
// (`while not done: call model; run tool`), a retry loop, a chat REPL reading the next user turn.
// One user or one request drives them, so workloads must not count them as bulk drivers.
import type { SyntaxNode, SyntaxTree } from '../parse/syntax-tree';
import type { ControlLoop, ControlLoopKind } from '../types';
import { AGENT_LOOP_MARKERS, CONVERSATION_MARKERS, RETRY_NAMES } from '../phrases';
import { functionName, isFunctionNode, numberValue, rangeOf, walk } from './syntax';
import escapeRegExp from 'escape-string-regexp';

const LOOP_TYPES = new Set(['for_statement', 'for_in_statement', 'async_for_statement', 'while_statement', 'do_statement']);
/** Loop variables of step counters (`for step in range(max_steps)`, `for (let turn = 0; …)`). */
const STEP_VARIABLE = /^(_|i|j|step|steps|turn|turns|iteration|iter|round|hop|n|k|t|idx|loop)$/i;
const STEP_BOUND = /max_?(steps|turns|iterations|iters|rounds|hops|tool_?calls)|MAX_(STEPS|TURNS|ITERATIONS|ROUNDS)/i;
/** A while condition that waits for an agent to finish. */
const AGENT_CONDITION =
  /done|finished|complete|stop|running|turn|step|iteration|iters|should_continue|keep_going|active|pending_tool|tool_calls|needs_tool/i;
/** A while condition that grows a collection to a target size: a data generator, not an agent. */
const GROWTH_CONDITION = /len\(|\.length|\.size\b|count|num_|total|target|quota_|remaining/i;
/** Counted loops larger than this are sweeps even when their body handles tool calls. */
const MAX_AGENT_STEPS = 50;
/** Retry counters named with a suffix or prefix: `retry_count`, `retries_left`, `num_retries`, `attemptCount`. */
const RETRY_COUNTER = /\b(retr(y|ies)_?\w*|\w*_retr(y|ies)|attempt_?\w*|attemptCount|retryCount)\b/i;
const SLEEPS = /\b(time\.sleep|asyncio\.sleep|setTimeout|Bun\.sleep)\b|\bsleep\(/;

/**
 * `modelOutputs`: names that hold a provider call's result. A loop over one walks the model's own
 * stream or tool calls (and may call the model again to continue): control flow, never a dataset.
 */
export function collectControlLoops(root: SyntaxNode, modelOutputs: ReadonlySet<string> = new Set()): ControlLoop[] {
  const out: ControlLoop[] = [];
  walk(root, (node) => {
    if (!LOOP_TYPES.has(node.type)) return;
    const iterable = node.childForFieldName('right')?.text;
    const kind = iterable && modelOutputs.has(iterable) ? 'agent' : classifyLoop(node);
    if (kind) out.push({ range: rangeOf(node), kind });
  });
  return out;
}

function classifyLoop(loop: SyntaxNode): ControlLoopKind | undefined {
  const body = loop.childForFieldName('body');
  const bodyText = (body ?? loop).text.slice(0, 6000);
  const condition = loop.childForFieldName('condition')?.text ?? '';
  const isWhile = loop.type === 'while_statement' || loop.type === 'do_statement';
  const header = isWhile ? condition : loopHeader(loop);
  if (
    CONVERSATION_MARKERS.test(header) ||
    CONVERSATION_MARKERS.test(bodyText) ||
    /\b(sys\.stdin|process\.stdin)\b/.test(header) ||
    readsTerminal(loop, header) ||
    callsInputReader(loop, bodyText)
  )
    return 'conversation';
  if (RETRY_NAMES.test(header) || RETRY_COUNTER.test(header) || isRetryBody(body) || (isWhile && isFlagRetry(condition, body)))
    return 'retry';
  if (isWhile) {
    if (GROWTH_CONDITION.test(condition) && !/step|turn|iter|round/i.test(condition)) return undefined;
    // `while running: ask(); sleep(60)` polls on a timer: a workload, not an agent.
    if (SLEEPS.test(bodyText) && !AGENT_LOOP_MARKERS.test(bodyText)) return undefined;
    if (AGENT_LOOP_MARKERS.test(bodyText) || AGENT_CONDITION.test(condition)) return 'agent';
    // `while True:` whose body appends the reply to the conversation and breaks when finished.
    if (
      /\bbreak\b|\breturn\b/.test(bodyText) &&
      /messages|history|conversation/.test(bodyText) &&
      /\.(append|push|extend)\(/.test(bodyText)
    )
      return 'agent';
    return undefined;
  }
  if (isStepCounter(loop) && (AGENT_LOOP_MARKERS.test(bodyText) || STEP_BOUND.test(header))) return 'agent';
  if (isRefinement(loop, header, body)) return 'refinement';
  return undefined;
}

/** Passes of a refinement loop: a counter bounded by a small number or a `MAX_PASSES`-like name. */
const PASS_BOUND =
  /max_?(pass(es)?|rounds?|revisions?|refinements?|iter(ation)?s?|attempts?|tries)|MAX_(PASSES|ROUNDS|REVISIONS|REFINEMENTS)/i;
const MAX_REFINEMENT_PASSES = 10;
/** What a refinement pass does, and the test that ends it. */
const REFINES = /critique|critic|revis|refine|improve|feedback|self_?check|reflect/i;
const GOOD_ENOUGH = /score|quality|rating|approved|accept|satisf|good_?enough|threshold|MIN_|passes_?check|is_?valid/i;

/**
 * `for pass in range(3)` / `for (let pass = 0; pass < MAX_PASSES; pass++)` around critique and
 * revision of one answer, left by `break` once a score is good enough: control flow over one item.
 */
function isRefinement(loop: SyntaxNode, header: string, body: SyntaxNode | null): boolean {
  if (!body || !REFINES.test(body.text.slice(0, 6000))) return false;
  const right = loop.childForFieldName('right');
  const counted = right
    ? /^range\(/.test(right.text) &&
      (PASS_BOUND.test(right.text) || (numberValue(lastArgument(right)) ?? Infinity) <= MAX_REFINEMENT_PASSES)
    : PASS_BOUND.test(header) ||
      Number(/<\s*=?\s*(\d+)/.exec(loop.childForFieldName('condition')?.text ?? '')?.[1] ?? Infinity) <= MAX_REFINEMENT_PASSES;
  if (!counted) return false;
  let endsOnScore = false;
  walk(body, (n) => {
    if (endsOnScore || LOOP_TYPES.has(n.type) || n.type === 'function_definition' || n.type === 'arrow_function') return false;
    if (n.type !== 'if_statement') return;
    const condition = n.childForFieldName('condition')?.text ?? '';
    const consequence = n.childForFieldName('consequence')?.text ?? '';
    if (GOOD_ENOUGH.test(condition) && /\bbreak\b|\breturn\b/.test(consequence)) endsOnScore = true;
  });
  return endsOnScore;
}

function lastArgument(call: SyntaxNode): SyntaxNode | null {
  const args = call.namedChildren.find((c) => c?.type === 'argument_list')?.namedChildren ?? [];
  return args[args.length - 1] ?? null;
}

/**
 * `for await (const line of rl)`: a readline interface is a chat REPL when it reads the terminal,
 * but a file reader (a prompts file streamed line by line) when built on `createReadStream`.
 */
function readsTerminal(loop: SyntaxNode, header: string): boolean {
  const name = /\b(rl|readline|reader|lineReader|lines)\b/.exec(header)?.[1];
  if (!name) return false;
  const escaped = escapeRegExp(name);
  const pattern = new RegExp(`\\b${escaped}\\s*=\\s*(?:readline\\.)?createInterface\\s*\\(([^;]{0,300})`);
  // The nearest definition: the loop's own function first, then the enclosing scopes.
  let definition: RegExpExecArray | null = null;
  for (let scope = loop.parent; scope && !definition; scope = scope.parent) definition = pattern.exec(scope.text);
  if (!definition) return name === 'rl';
  return !/createReadStream|fs\.|\bfile|\bpath\b|Readable\.from/i.test(definition[1]) || /process\.stdin/.test(definition[1]);
}

/** Reading the next line a person types (not a socket or a queue, which other code reads too). */
const TERMINAL_READ = /(^|[^.\w])(input|raw_input)\(|\brl\.question\(|\breadline\.question\(|(^|[^.\w])prompt\(\s*["'`]/;
/** The file's own functions that read the next user turn, by name, found once per tree. */
const inputReaders = new WeakMap<SyntaxTree, Set<string>>();

/**
 * `const ask = (q) => new Promise((r) => rl.question(q, r))` then `await ask("Your question: ")` in
 * the loop: a helper of the file that reads the terminal makes the loop a REPL.
 */
function callsInputReader(loop: SyntaxNode, bodyText: string): boolean {
  let readers = inputReaders.get(loop.tree);
  if (!readers) {
    const found = new Set<string>();
    walk(loop.tree.rootNode, (n) => {
      if (!isFunctionNode(n)) return;
      const name = functionName(n);
      if (name && TERMINAL_READ.test(n.text.slice(0, 2000))) found.add(name);
    });
    inputReaders.set(loop.tree, (readers = found));
  }
  for (const name of readers) if (new RegExp(`\\b${escapeRegExp(name)}\\s*\\(`).test(bodyText)) return true;
  return false;
}

/** The part of a `for` that says what it walks: Python `left in right`, JS initializer/condition. */
function loopHeader(loop: SyntaxNode): string {
  const left = loop.childForFieldName('left')?.text ?? '';
  const right = loop.childForFieldName('right')?.text ?? '';
  const init = loop.childForFieldName('initializer')?.text ?? '';
  const condition = loop.childForFieldName('condition')?.text ?? '';
  return `${left} ${right} ${init} ${condition}`;
}

/** `for step in range(max_steps)` / `for (let turn = 0; turn < 8; turn++)` with a small bound. */
function isStepCounter(loop: SyntaxNode): boolean {
  const left = loop.childForFieldName('left')?.text.trim();
  const right = loop.childForFieldName('right');
  if (left !== undefined && right) {
    if (!STEP_VARIABLE.test(left)) return false;
    if (!/^(range|itertools\.count|count)\(/.test(right.text)) return false;
    const args = right.namedChildren.find((c) => c?.type === 'argument_list')?.namedChildren ?? [];
    const bound = numberValue(args[args.length - 1] ?? null);
    return bound === undefined || bound <= MAX_AGENT_STEPS;
  }
  const init = loop.childForFieldName('initializer')?.text ?? '';
  const condition = loop.childForFieldName('condition')?.text ?? '';
  const variable = /(?:let|var)\s+(\w+)/.exec(init)?.[1] ?? '';
  if (!STEP_VARIABLE.test(variable)) return false;
  const bound = /<\s*=?\s*(\d+)/.exec(condition);
  return !bound || Number(bound[1]) <= MAX_AGENT_STEPS;
}

/** A try block that leaves the loop on success (`break` / `return`) with a handler that loops again. */
function isRetryBody(body: SyntaxNode | null): boolean {
  if (!body) return false;
  for (const statement of body.namedChildren) {
    if (statement?.type !== 'try_statement') continue;
    const tryBlock = statement.childForFieldName('body') ?? statement.namedChildren[0];
    if (tryBlock && containsExit(tryBlock)) return true;
    // Python's `try: call() except E: sleep(1) else: break`: the else clause runs on success.
    const onSuccess = statement.namedChildren.find((c) => c?.type === 'else_clause');
    if (onSuccess && containsExit(onSuccess)) return true;
  }
  return false;
}

/**
 * `while not success:` / `while (!ok)` whose try block sets that flag once the call went through:
 * the loop repeats one request until it succeeds, it does not walk data.
 */
function isFlagRetry(condition: string, body: SyntaxNode | null): boolean {
  const flag = /^\(?\s*(?:not\s+|!\s*)([A-Za-z_$][\w$]*)\b/.exec(condition.trim())?.[1];
  if (!flag || !body) return false;
  const escaped = flag.replace(/[$]/g, '\\$');
  const sets = new RegExp(`(^|[^.\\w$])${escaped}\\s*=\\s*(True|true)\\b`);
  for (const statement of body.namedChildren) {
    if (statement?.type !== 'try_statement') continue;
    const tryBlock = statement.childForFieldName('body') ?? statement.namedChildren[0];
    if (tryBlock && sets.test(tryBlock.text)) return true;
  }
  return false;
}

function containsExit(block: SyntaxNode): boolean {
  let found = false;
  walk(block, (node) => {
    if (found) return false;
    if (node.type === 'break_statement' || node.type === 'return_statement') found = true;
    if (LOOP_TYPES.has(node.type) || /function|lambda|class/.test(node.type)) return false;
    return undefined;
  });
  return found;
}
