// Repetition context: the loops, comprehensions, fan-out helpers and timers around a node,
// the iterable each one walks, and a volume estimate when literals allow one.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { IterableKind, Repetition, RepetitionKind } from '../types';
import {
  argumentsOf,
  calleeOf,
  isCall,
  isFunctionNode,
  memberPath,
  numberValue,
  rangeOf,
  truncate,
  unwrapExpression,
  walk,
} from './syntax';
import type { Resolver } from './resolver';
import { evalRunnerRepetition } from './eval-runner-calls';
import { jobDriverRepetition } from './job-driver-calls';
import { chunksOfOneInput, partsOfOneResponse } from './input-cardinality';
import { TASK_BATCH_METHODS } from '../task-runners';
import escapeRegExp from 'escape-string-regexp';

const ARRAY_CALLBACKS = new Set(['map', 'forEach', 'flatMap', 'filter', 'reduce', 'some', 'every']);
const CONCURRENT_ALL = new Set([
  'Promise.all',
  'Promise.allSettled',
  'Promise.race',
  'Promise.any',
  'asyncio.gather',
  'gather',
  'asyncio.wait',
  'trio.gather',
]);
/** Helpers configured by a first call that run the callback of a second call per item (`withMaxConcurrency(n)(cb)`). */
const CURRIED_ITEM_HELPER = /concurren|parallel|^p?map|Map$|transform|throttle|forEach|each$/i;
const POOL_METHODS = new Set(['map', 'imap', 'imap_unordered', 'starmap', 'submit', 'apply_async', 'map_async', 'starmap_async']);
const LIMITERS = new RegExp(
  String.raw`\b(pLimit|p-limit|limit\(|Semaphore|BoundedSemaphore|max_workers|maxConcurrency|concurrency:|max_concurrency|pMap|` +
    String.raw`Bottleneck|PQueue|aiolimiter|AsyncLimiter|RateLimiter|rate_limiter|limiter)\b`,
);
/** A condition that only asks whether the service is still up (spaces and brackets removed). */
const LIFECYCLE_CONDITION = new RegExp(
  String.raw`^(?:not|!)?(?:[\w$]+\.)*(?:is_?)?(?:closed|stopped|running|alive|active|shutdown|shutting_?down|cancell?ed|exiting|` +
    String.raw`killed|terminated|should_?stop|keep_?running)(?:\.is_?set)?$|` +
    String.raw`^(?:not|!)(?:[\w$]+\.)*\w*(?:stop|shutdown|exit|cancel)\w*\.is_?set$`,
  'i',
);
const SLEEP = /\b(time\.sleep|asyncio\.sleep|sleep\(|setTimeout|delay\(|wait\(|Bun\.sleep|backoff|tenacity)/;
const DATASET_NAMES = new RegExp(
  '(dataset|rows|records|examples|samples|prompts|questions|items|inputs|data|docs|documents|tasks|instructions|seeds|' +
    'queries|lines|entries|conversations|texts|problems|batch)',
  'i',
);
// A call to one of these (name followed by `(`, so `openai` is not `open`) reads data.
const FILE_SOURCES = new RegExp(
  String.raw`\b(open|readlines|read_text|readFileSync|readFile|createReadStream|jsonlines\.open|load_dataset|load_from_disk|` +
    String.raw`read_csv|read_json|read_parquet|read_jsonl|json\.load|csv\.reader|DictReader|iterrows|itertuples|readline|glob|` +
    String.raw`listdir|iterdir|walk|scandir)\s*\(|\bdatasets\.`,
);
/** Calls whose items are those of the iterable they are handed (or a range): the loop walks that iterable. */
const ITERABLE_WRAPPERS = new RegExp(
  String.raw`^(enumerate|tqdm|trange|track|sorted|reversed|list|iter|tuple|set|islice|Array\.from|Object\.values|` +
    String.raw`Object\.keys|Object\.entries|chunked|batched)$`,
);
const FILE_LINES = /\b(open|readlines|readFile|readFileSync|read_text|readline|createReadStream)\s*\(|\.split(lines)?\s*\(/;

export interface RepetitionOptions {
  /** Stop at this node (the enclosing named function); callbacks inside it are walked through. */
  resolver: Resolver;
}

/**
 * Repetition contexts around `node`, innermost first, up to the enclosing *named* function.
 * Anonymous callbacks (`items.map(async (x) => …)`) are walked through: they are the loop body.
 */
export function repetitionAround(node: SyntaxNode, resolver: Resolver): Repetition[] {
  const out: Repetition[] = [];
  let child: SyntaxNode = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    // A task handed to an evaluation runner runs once per item of the runner's data; a job queue's
    // or a scheduler's handler once per job or tick.
    const runner = isFunctionNode(p) ? (evalRunnerRepetition(p, resolver) ?? jobDriverRepetition(p, resolver)) : undefined;
    if (runner) {
      out.push(runner);
      break;
    }
    if (isFunctionNode(p) && !isCallbackArgument(p)) {
      const param = parametrizeOf(p);
      if (param) out.push(param);
      break;
    }
    const rep = repetitionThrough(p, child, resolver);
    if (rep) out.push(rep);
  }
  markConcurrency(node, out);
  return out;
}

function isCallbackArgument(fn: SyntaxNode): boolean {
  const parent = fn.parent;
  if (parent?.type === 'arguments' || parent?.type === 'argument_list') return true;
  // `items.map((x) => () => ask(x))`: a thunk made per item by a callback runs once per item later
  // (in a pool, `Promise.all(tasks.map((t) => t()))`, a limiter), so it is part of the loop body.
  return parent !== null && isThunkBody(fn, parent) && isCallbackArgument(parent);
}

function isThunkBody(fn: SyntaxNode, parent: SyntaxNode): boolean {
  return (parent.type === 'arrow_function' || parent.type === 'lambda') && parent.childForFieldName('body')?.id === fn.id;
}

// A loop's repetition, classified once per way into it: every call in a loop body climbs through the
// same loop, and classifying its iterable (and searching its body for sleeps) per call was a large
// share of extraction on long files. Each call gets its own copy, since concurrency is per call.
const classified = new WeakMap<SyntaxNode, Repetition | null>();

function repetitionThrough(p: SyntaxNode, child: SyntaxNode, resolver: Resolver): Repetition | undefined {
  // Most ancestors are neither loops nor calls: they are passed without a cache lookup.
  if (!REPEATING_TYPES.has(p.type)) return undefined;
  let rep = classified.get(child);
  if (rep === undefined) classified.set(child, (rep = repetitionOf(p, child, resolver) ?? null));
  return rep ? { ...rep } : undefined;
}

/** The node types `repetitionOf` classifies; every other type repeats nothing. */
const REPEATING_TYPES = new Set([
  'for_statement',
  'for_in_statement',
  'async_for_statement',
  'while_statement',
  'do_statement',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'call',
  'call_expression',
]);

function repetitionOf(p: SyntaxNode, child: SyntaxNode, resolver: Resolver): Repetition | undefined {
  switch (p.type) {
    case 'for_statement': {
      // Python `for x in y:`; JS classic `for (;;)`.
      const right = p.childForFieldName('right');
      if (right) {
        if (child.id === right.id) return undefined;
        return make('for', p, loopIterable(right, resolver));
      }
      // `for (;;)` has no condition: an infinite loop like `while (true)`.
      if (/^for\s*\(\s*[^;]*;\s*;/.test(p.text)) return make('infinite', p, unknownIterable(''), SLEEP.test(p.text));
      return make('for', p, classicForIterable(p, resolver));
    }
    case 'for_in_statement': {
      const right = p.childForFieldName('right');
      if (right && child.id === right.id) return undefined;
      return make('for', p, right ? loopIterable(right, resolver) : unknownIterable(''));
    }
    case 'async_for_statement':
      return make('for', p, classifyIterable(p.childForFieldName('right'), resolver));
    case 'while_statement':
    case 'do_statement': {
      const cond = p.childForFieldName('condition');
      const text = cond?.text.replace(/[()\s]/g, '') ?? '';
      const sleeps = SLEEP.test(p.text);
      // `while not self.is_closed(): …; sleep(300)`: a loop that runs for the life of a service,
      // paced by a sleep, is a poll like `while True`, not a walk over data.
      const infinite = /^(True|true|1|!0)$/.test(text) || (sleeps && LIFECYCLE_CONDITION.test(text));
      return make(infinite ? 'infinite' : 'while', p, unknownIterable(cond?.text ?? ''), sleeps);
    }
    case 'list_comprehension':
    case 'set_comprehension':
    case 'dictionary_comprehension':
    case 'generator_expression': {
      const clauses = p.namedChildren.filter((c) => c?.type === 'for_in_clause') as SyntaxNode[];
      if (clauses.some((c) => c.childForFieldName('right')?.id === child.id)) return undefined;
      const iterables = clauses.map((c) => classifyIterable(c.childForFieldName('right'), resolver));
      if (iterables.length === 1) return make('comprehension', p, iterables[0]);
      return make('comprehension', p, combineProduct(iterables, clauses.map((c) => c.text).join(' ')));
    }
    case 'call':
    case 'call_expression':
      return callRepetition(p, child, resolver);
    default:
      return undefined;
  }
}

/** `items.map(cb)`, `executor.map(fn, items)`, `setInterval(cb)`, `chain.batch(inputs)`. */
function callRepetition(call: SyntaxNode, child: SyntaxNode, resolver: Resolver): Repetition | undefined {
  const callee = calleeOf(call);
  if (!callee || child.id === callee.id) return undefined;
  const path = memberPath(callee);
  const name = path?.[path.length - 1] ?? (callee.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined);
  const args = argumentsOf(call);
  const isArgument = child.type === 'arguments' || child.type === 'argument_list';
  if (!isArgument) return undefined;
  if (name && ARRAY_CALLBACKS.has(name) && callee.type === 'member_expression') {
    return make('map', call, loopIterable(callee.childForFieldName('object'), resolver));
  }
  if (name && POOL_METHODS.has(name) && path && path.length >= 2) {
    const iterable = args.positional[1] ?? null;
    return make('pool', call, iterable ? loopIterable(iterable, resolver) : unknownIterable(call.text), false, true);
  }
  if (name === 'setInterval' || name === 'schedule' || name === 'cron') return make('timer', call, unknownIterable(call.text));
  if (path && CONCURRENT_ALL.has(path.join('.'))) return undefined; // recorded by markConcurrency
  if (name === 'each' && path && /^(test|it|describe)$/.test(path[0])) {
    return make('parametrize', call, classifyIterable(args.positional[0] ?? null, resolver));
  }
  // `it.each(cases)('answers $q', async (c) => …)`: the callback is an argument of the call that
  // `it.each(cases)` returns.
  if (isCall(callee)) {
    const inner = memberPath(calleeOf(callee));
    if (inner && inner[inner.length - 1] === 'each' && /^(test|it|describe)$/.test(inner[0])) {
      return make('parametrize', call, classifyIterable(argumentsOf(callee).positional[0] ?? null, resolver));
    }
    // `T.withMaxConcurrency(n)(async (row) => …)`, `parallelMap(4)(fn)`: a stream or batch helper
    // configured first, then handed the per-item callback.
    const leaf = inner?.[inner.length - 1] ?? '';
    if (CURRIED_ITEM_HELPER.test(leaf) && args.positional.some((a) => isFunctionNode(a))) {
      const rep = make('map', call, unknownIterable(callee.text), false, true);
      rep.limited = /concurren|limit|throttle/i.test(leaf);
      return rep;
    }
  }
  return undefined;
}

/** `@pytest.mark.parametrize("x", [...])` on the enclosing test function. */
function parametrizeOf(fn: SyntaxNode): Repetition | undefined {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  if (!decorated) return undefined;
  for (const d of decorated.namedChildren) {
    if (d?.type !== 'decorator' || !/parametrize/.test(d.text)) continue;
    const call = d.namedChildren[0];
    const list = call && isCall(call) ? argumentsOf(call).positional[1] : undefined;
    const count = list?.type === 'list' ? list.namedChildCount : undefined;
    return {
      kind: 'parametrize',
      range: rangeOf(d),
      iterable: { kind: count ? 'list' : 'unknown', count, text: truncate(d.text, 80), names: [] },
      concurrent: false,
      limited: false,
      sleeps: false,
    };
  }
  return undefined;
}

/**
 * A call that walks its own argument as a dataset (`chain.batch(inputs)`, a Curator generator
 * called on a dataset): the library's loop, as a repetition of the call itself.
 */
export function batchCallRepetition(call: SyntaxNode, iterates: number | string, resolver: Resolver): Repetition | undefined {
  const args = argumentsOf(call);
  const walked = typeof iterates === 'number' ? args.positional[iterates] : args.named.get(iterates);
  if (!walked) return undefined;
  // One item handed to the same entry point (`llm(question)`) is a single request.
  const iterable = classifyIterable(walked, resolver);
  const head = /^[\w$]+/.exec(walked.text)?.[0] ?? '';
  if (iterable.kind === 'unknown' && !DATASET_NAMES.test(head) && !/s$/.test(head)) return undefined;
  // The library paces its own requests: not an unbounded fan-out of ours.
  return make('batch-call', call, iterable);
}

/**
 * `qa.run_batch(rows)` of a task framework (rows of `TASK_FRAMEWORKS` with a `batch` method): the
 * framework runs the function once per element of the first argument.
 */
export function taskBatchRepetition(call: SyntaxNode, resolver: Resolver): Repetition | undefined {
  const written = call.childForFieldName('function');
  if (written?.type !== 'attribute' || calleeOf(call)?.id === written.id) return undefined;
  if (!TASK_BATCH_METHODS.has(written.childForFieldName('attribute')?.text ?? '')) return undefined;
  const rows = argumentsOf(call).positional[0];
  return rows ? make('batch-call', call, classifyIterable(rows, resolver)) : undefined;
}

function make(kind: RepetitionKind, node: SyntaxNode, iterable: Repetition['iterable'], sleeps = false, concurrent = false): Repetition {
  return {
    kind,
    range: rangeOf(node),
    iterable,
    concurrent,
    limited: false,
    sleeps: sleeps || (kind !== 'for' && kind !== 'map' ? false : SLEEP.test(bodyText(node))),
  };
}

function bodyText(node: SyntaxNode): string {
  return (node.childForFieldName('body') ?? node).text.slice(0, 4000);
}

/** Marks reps whose calls are awaited together (Promise.all / gather) or limited (p-limit, semaphores). */
function markConcurrency(node: SyntaxNode, reps: Repetition[]): void {
  let concurrent = false;
  let limited = false;
  for (let p = node.parent; p; p = p.parent) {
    if (isFunctionNode(p) && !isCallbackArgument(p)) {
      limited ||= namesLimiter(p);
      break;
    }
    if (isCall(p)) {
      const path = memberPath(calleeOf(p));
      const joined = path?.join('.');
      if (joined && (CONCURRENT_ALL.has(joined) || /^(Promise\.(all|allSettled)|asyncio\.gather|gather)$/.test(joined))) concurrent = true;
      // `asyncio.create_task(client.….create(…))` per item: scheduled at once, awaited later.
      if (joined && /(^|\.)(create_task|ensure_future)$/.test(joined)) concurrent = true;
      // `pending.push(client.….create(…))` then `Promise.all(pending)`: un-awaited calls collected for one await.
      if (
        path &&
        path.length === 2 &&
        /^(push|append)$/.test(path[1]) &&
        node.parent?.type !== 'await_expression' &&
        node.parent?.type !== 'await' &&
        awaitsAllOf(p, path[0])
      )
        concurrent = true;
      if (joined && LIMITED_CALL.test(joined)) limited = true;
    }
    if (isLimiterBlock(p)) limited = true;
    // `tasks = rows.map(async (row) => …)` / `tasks = [one(r) for r in rows]`, then
    // `await Promise.all(tasks)` / `await asyncio.gather(*tasks)`: built first, awaited together.
    if (!concurrent && (p.type === 'assignment' || p.type === 'variable_declarator')) {
      const left = p.childForFieldName('left') ?? p.childForFieldName('name');
      if (left?.type === 'identifier' && awaitsAllOf(p, left.text)) concurrent = true;
    }
  }
  // `rows[i:i + size]`, `items.slice(i, i + 8)`: one fixed-size chunk at a time.
  if (concurrent && reps.some((r) => CHUNK.test(r.iterable.text))) limited = true;
  for (const r of reps) {
    if (concurrent && (r.kind === 'map' || r.kind === 'comprehension' || r.kind === 'for')) r.concurrent = true;
    if (r.kind === 'pool') r.concurrent = true;
    r.limited ||= limited;
  }
}

/** A function naming a limiter (p-limit, a semaphore, max_workers) in its first 8,000 characters; once per function. */
const limiterNamed = new WeakMap<SyntaxNode, boolean>();
function namesLimiter(fn: SyntaxNode): boolean {
  let named = limiterNamed.get(fn);
  if (named === undefined) limiterNamed.set(fn, (named = LIMITERS.test(fn.text.slice(0, 8000))));
  return named;
}

/**
 * The call runs under a limit set in its own function: inside `async with semaphore:` (or a module's
 * `LIMIT = asyncio.Semaphore(8)`), or handed to `limit(() => …)`. Callers that fan out to this
 * function are limited by it.
 */
export function insideLimiter(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (isFunctionNode(p) && !isCallbackArgument(p)) return false;
    if (isLimiterBlock(p) || (isCall(p) && LIMITED_CALL.test(memberPath(calleeOf(p))?.join('.') ?? ''))) return true;
  }
  return false;
}

/** Calls that run what they are handed under a limit: `limit(() => …)`, `sem.acquire()`, `queue.add(…)`. */
const LIMITED_CALL = /^(limit|pLimit|sem\.|semaphore|queue\.add)/i;

/** `with semaphore:` / `async with LIMIT:` (a module's `LIMIT = asyncio.Semaphore(8)`). */
function isLimiterBlock(node: SyntaxNode): boolean {
  return node.type === 'with_statement' && (/Semaphore|semaphore|sem\b|limiter/.test(node.text.slice(0, 200)) || limiterDefinedAtTop(node));
}

/**
 * `async with LIMIT:` where the module made `LIMIT = asyncio.Semaphore(8)` (or a `BoundedSemaphore`,
 * an anyio `CapacityLimiter`): a limit set once for the whole module.
 */
function limiterDefinedAtTop(withStatement: SyntaxNode): boolean {
  const item = /^\s*(?:async\s+)?with\s+([A-Za-z_][\w.]*)\s*:/.exec(withStatement.text.slice(0, 200))?.[1];
  if (!item) return false;
  let root = withStatement;
  while (root.parent) root = root.parent;
  const name = escapeRegExp(item.split('.').pop()!);
  return new RegExp(String.raw`^\s*(?:self\.)?${name}\s*=\s*[\w.]*(?:Semaphore|BoundedSemaphore|CapacityLimiter)\(`, 'm').test(root.text);
}

const CHUNK = /\[\s*[\w.]+\s*:\s*[\w.]+\s*\+\s*[\w.]+\s*\]|\.slice\(\s*[\w.]+\s*,\s*[\w.]+\s*\+\s*[\w.]+\s*\)/;

/** `Promise.all(pending)` / `asyncio.gather(*tasks)` on the collection in the enclosing function. */
function awaitsAllOf(node: SyntaxNode, collection: string): boolean {
  let fn: SyntaxNode | null = node.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  const { text, starts } = awaitedTogether(fn ?? node);
  return starts.some((start) => text.startsWith(collection, start) && endsWord(text, start + collection.length));
}

/**
 * Where the names handed to `Promise.all(` / `gather(*` begin in a function's first 8,000 characters,
 * found once per function: every call under an assignment asks, each with another name.
 */
const awaitedTogetherIn = new WeakMap<SyntaxNode, { text: string; starts: number[] }>();
const AWAIT_ALL_OPENING = /(?:Promise\.all(?:Settled)?|gather)\(\s*\*?/g;

function awaitedTogether(scope: SyntaxNode): { text: string; starts: number[] } {
  let found = awaitedTogetherIn.get(scope);
  if (!found) {
    const text = scope.text.slice(0, 8000);
    found = { text, starts: [...text.matchAll(AWAIT_ALL_OPENING)].map((m) => m.index + m[0].length) };
    awaitedTogetherIn.set(scope, found);
  }
  return found;
}

/** A regular expression's `\b` at `index`: a word character on one side only. */
function endsWord(text: string, index: number): boolean {
  return WORD_CHARACTER.test(text[index - 1] ?? '') !== WORD_CHARACTER.test(text[index] ?? '');
}
const WORD_CHARACTER = /\w/;

function unknownIterable(text: string): Repetition['iterable'] {
  return { kind: 'unknown', text: truncate(text, 80), names: [] };
}

function classicForIterable(node: SyntaxNode, resolver: Resolver): Repetition['iterable'] {
  const cond = node.childForFieldName('condition');
  const m = cond ? /<\s*=?\s*([\w.]+)/.exec(cond.text) : null;
  const bound = m ? constantNumber(m[1], resolver) : undefined;
  const text = truncate(cond?.text ?? node.text.slice(0, 60), 80);
  if (bound !== undefined) return { kind: 'range', count: bound, text, names: [] };
  return { kind: m && /length|size|count|len/i.test(m[1]) ? 'dataset' : 'unknown', text, names: m ? [m[1].split('.')[0]] : [] };
}

function constantNumber(name: string, resolver: Resolver): number | undefined {
  if (/^\d[\d_]*$/.test(name)) return Number(name.replace(/_/g, ''));
  for (const def of resolver.definitionsOf(name)) {
    const n = numberValue(def);
    if (n !== undefined) return n;
  }
  return undefined;
}

function combineProduct(parts: Repetition['iterable'][], text: string): Repetition['iterable'] {
  const counts = parts.map((p) => p.count);
  const count = counts.every((c) => c !== undefined) ? counts.reduce((a, b) => a! * b!, 1) : undefined;
  return { kind: 'product', count, text: truncate(text, 80), names: parts.flatMap((p) => p.names) };
}

/**
 * A loop's iterable, marked when it is the chunks of one input the function was handed, or the
 * parts of one model response (an agent running the tool calls it was just given).
 */
function loopIterable(node: SyntaxNode | null, resolver: Resolver): Repetition['iterable'] {
  const iterable = classifyIterable(node, resolver);
  if (partsOfOneResponse(node, resolver)) return { ...iterable, perInput: true, ofOneResponse: true };
  return chunksOfOneInput(node, resolver) ? { ...iterable, perInput: true } : iterable;
}

export function classifyIterable(input: SyntaxNode | null, resolver: Resolver, depth = 0): Repetition['iterable'] {
  const node = unwrapExpression(input);
  if (!node) return unknownIterable('');
  const text = truncate(node.text, 80);
  if (depth > 4) return { kind: 'unknown', text, names: [] };
  if (node.type === 'list' || node.type === 'array' || node.type === 'tuple' || node.type === 'set') {
    return { kind: 'list', count: node.namedChildren.filter((c) => c && c.type !== 'comment').length, text, names: [] };
  }
  if (node.type === 'dictionary' || node.type === 'object') {
    return { kind: 'list', count: node.namedChildren.filter((c) => c?.type === 'pair').length, text, names: [] };
  }
  if (node.type === 'identifier' || node.type === 'attribute' || node.type === 'member_expression') {
    const path = memberPath(node);
    const name = path?.join('.') ?? node.text;
    for (const def of resolver.definitionsOf(name, node)) {
      const inner = classifyIterable(def, resolver, depth + 1);
      // `requests = []` filled by appends elsewhere: its literal says nothing of its size.
      if (inner.kind === 'list' && inner.count === 0) continue;
      if (inner.kind !== 'unknown') return { ...inner, text, names: [name, ...inner.names] };
    }
    const leaf = path?.[path.length - 1] ?? name;
    if (/keys|values|entries|items/.test(leaf) && path && path.length > 1)
      return classifyIterable(node.childForFieldName('object'), resolver, depth + 1);
    return { kind: DATASET_NAMES.test(leaf) ? 'dataset' : 'unknown', text, names: [name] };
  }
  if (isCall(node)) {
    const callee = calleeOf(node);
    const calleePath = memberPath(callee)?.join('.') ?? callee?.text ?? '';
    const args = argumentsOf(node);
    const leaf = calleePath.split('.').pop() ?? '';
    if (leaf === 'range' || leaf === 'xrange') {
      const bounds = args.positional.map((a) => numberOrConstant(a, resolver));
      const [a, b, step] = bounds;
      if (args.positional.length === 1 && a !== undefined) return { kind: 'range', count: Math.max(0, a), text, names: [] };
      if (args.positional.length >= 2 && a !== undefined && b !== undefined)
        return { kind: 'range', count: Math.max(0, Math.ceil((b - a) / (step ?? 1))), text, names: [] };
      return { kind: 'range', text, names: [] };
    }
    if (ITERABLE_WRAPPERS.test(calleePath) || /(^|\.)(tqdm|track)$/.test(calleePath)) {
      if (calleePath === 'Array.from') {
        const first = args.positional[0];
        if (first?.type === 'object') {
          const length = /length\s*:\s*([\w.]+)/.exec(first.text);
          const n = length ? constantNumber(length[1], resolver) : undefined;
          return { kind: 'range', count: n, text, names: [] };
        }
      }
      if (calleePath === 'trange') return { kind: 'range', count: numberOrConstant(args.positional[0] ?? null, resolver), text, names: [] };
      const inner = classifyIterable(args.positional[0] ?? null, resolver, depth + 1);
      if (calleePath === 'islice' && args.positional[1])
        return { ...inner, count: numberOrConstant(args.positional[1], resolver) ?? inner.count };
      return inner;
    }
    if (/(^|\.)(product)$/.test(calleePath)) {
      return combineProduct(
        args.positional.map((a) => classifyIterable(a, resolver, depth + 1)),
        text,
      );
    }
    if (/(^|\.)zip$/.test(calleePath)) {
      const parts = args.positional.map((a) => classifyIterable(a, resolver, depth + 1));
      const known = parts.filter((p) => p.count !== undefined);
      return {
        kind: parts[0]?.kind ?? 'unknown',
        count: known.length ? Math.min(...known.map((p) => p.count!)) : undefined,
        text,
        names: parts.flatMap((p) => p.names),
      };
    }
    const head = node.text.slice(0, 200);
    if (FILE_SOURCES.test(head)) {
      return {
        kind:
          FILE_LINES.test(head) && !/\b(load_dataset|load_from_disk|read_csv|read_json|read_parquet|read_jsonl)\s*\(/.test(head)
            ? 'file-lines'
            : 'dataset',
        text,
        names: [],
        offline: true,
      };
    }
    if (leaf === 'split' || leaf === 'splitlines') return { kind: 'file-lines', text, names: [] };
    // `TOPICS.flatMap((t) => LEVELS.map((l) => …))`: every pair of two lists.
    if (leaf === 'flatMap' && callee?.type === 'member_expression') {
      const body = unwrapExpression(args.positional[0] ?? null)?.childForFieldName('body') ?? null;
      let innerMap: SyntaxNode | null = null;
      if (body)
        walk(body, (n) => {
          if (innerMap) return false;
          if (isCall(n) && calleeOf(n)?.type === 'member_expression' && calleeOf(n)?.childForFieldName('property')?.text === 'map') {
            innerMap = n;
            return false;
          }
          return undefined;
        });
      const found = innerMap as SyntaxNode | null;
      if (found) {
        const parts = [
          classifyIterable(callee.childForFieldName('object'), resolver, depth + 1),
          classifyIterable(calleeOf(found)!.childForFieldName('object'), resolver, depth + 1),
        ];
        if (parts.every((p) => p.kind === 'list')) return combineProduct(parts, text);
      }
    }
    // `BENCHMARKS.items()`, `byTopic.entries()`: walks the mapping the receiver names.
    if (
      /^(items|keys|values|entries|iteritems)$/.test(leaf) &&
      !args.positional.length &&
      callee &&
      (callee.type === 'attribute' || callee.type === 'member_expression')
    ) {
      const receiver = callee.childForFieldName('object');
      const inner = classifyIterable(receiver, resolver, depth + 1);
      if (inner.kind !== 'unknown') return { ...inner, text };
      if (inner.names.length) return { kind: 'dataset', text, names: inner.names };
    }
    if (/(rows|records|examples|samples|prompts|questions|items|tasks|load|fetch|select|find|query|read)/i.test(leaf))
      return { kind: 'dataset', text, names: [] };
    return { kind: 'unknown', text, names: [] };
  }
  if (node.type === 'subscript' || node.type === 'subscript_expression') {
    const inner = classifyIterable(node.childForFieldName('value') ?? node.childForFieldName('object'), resolver, depth + 1);
    const slice = /\[\s*:?\s*(\d+)\s*\]/.exec(node.text);
    return { ...inner, count: slice ? Number(slice[1]) : inner.count, text };
  }
  return { kind: 'unknown', text, names: [] };
}

function numberOrConstant(node: SyntaxNode | null, resolver: Resolver): number | undefined {
  const n = numberValue(node);
  if (n !== undefined) return n;
  if (node?.type === 'identifier') return constantNumber(node.text, resolver);
  return undefined;
}

/** Number of iterations from the given repetitions: a number when every factor is known. */
export function estimateVolume(reps: Repetition[], samplesPerCall = 1): number | 'unbounded' | null {
  if (reps.length === 0) return null;
  let total = samplesPerCall;
  for (const r of reps) {
    if (r.kind === 'infinite' || r.kind === 'timer' || r.kind === 'queue') return 'unbounded';
    if (r.iterable.count === undefined) return 'unbounded';
    total *= r.iterable.count;
  }
  return total;
}

export type { IterableKind };
