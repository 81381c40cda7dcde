// A task handed to an evaluation framework's runner (`evalite(name, { data, task })`,
// `Eval(name, data=…, task=…)`): the framework calls it once per item of its data, so the calls
// inside the task repeat over that data, and the workload is an evaluation. The runners are rows
// of ../eval-runners.ts.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { Repetition } from '../types';
import { evalRunnerFor, isEvalRunnerModule, type EvalRunner } from '../eval-runners';
import type { Resolver } from './resolver';
import { classifyIterable } from './repetition';
import { argumentsOf, calleeOf, isCall, isFunctionNode, memberPath, rangeOf, truncate, unwrapExpression } from './syntax';
import { keyOf, slotOf, type Slot } from './argument-slots';

// Asked for every function and named argument of a file: whether the file imports any runner
// module at all is worked out once per file.
const runnerImports = new WeakMap<Resolver, boolean>();

function importsRunner(resolver: Resolver): boolean {
  let known = runnerImports.get(resolver);
  if (known === undefined) {
    known = resolver.imports.some((i) => isEvalRunnerModule(i.source));
    runnerImports.set(resolver, known);
  }
  return known;
}

function runnerOf(call: SyntaxNode, resolver: Resolver): EvalRunner | undefined {
  // `evalite.each(variants)(name, { data, task })`: the runner once per variant.
  const callee = calleeOf(call);
  const curried = callee && isCall(callee) ? memberPath(calleeOf(callee)) : undefined;
  const path = curried && curried.length > 1 && curried[curried.length - 1] === 'each' ? curried.slice(0, -1) : memberPath(callee);
  if (!path) return undefined;
  const binding = resolver.imports.find((i) => i.localName === path[0]);
  return binding ? evalRunnerFor(binding.source, binding.importedName, path) : undefined;
}

/** The node handed to the runner's `data` slot. */
function dataOf(runner: EvalRunner, at: Slot): SyntaxNode | undefined {
  if (runner.data === undefined) return undefined;
  const args = argumentsOf(at.call);
  if (typeof runner.data === 'number') return args.positional[runner.data];
  const named = args.named.get(runner.data);
  if (named) return named;
  const options = at.options ?? args.positional.find((a) => a.type === 'object');
  for (const pair of options?.namedChildren ?? []) {
    if (pair?.type === 'pair' && keyOf(pair) === runner.data) {
      return pair.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

/** `data: async () => [...]`, `data=lambda: rows`: the items are what the function returns. */
function itemsOf(data: SyntaxNode | undefined): SyntaxNode | null {
  const node = unwrapExpression(data ?? null);
  if (node && (isFunctionNode(node) || node.type === 'lambda')) {
    const body = node.childForFieldName('body');
    if (body && body.type !== 'statement_block' && body.type !== 'block') return unwrapExpression(body);
    // `async () => { return [...]; }`: the last top-level return.
    const returned = body?.namedChildren.filter((c) => c?.type === 'return_statement').pop();
    if (returned) return unwrapExpression(returned.namedChildren[0] ?? null);
  }
  return node;
}

/** The runner's repetition when `value` (a function or a reference to one) is the task of an evaluation runner. */
export function evalRunnerRepetition(value: SyntaxNode, resolver: Resolver): Repetition | undefined {
  if (!importsRunner(resolver)) return undefined;
  const at = slotOf(value);
  if (!at) return undefined;
  const runner = runnerOf(at.call, resolver);
  if (!runner || runner.task !== at.slot) return undefined;
  const items = itemsOf(dataOf(runner, at));
  const iterable = items ? classifyIterable(items, resolver) : { kind: 'unknown' as const, text: truncate(at.call.text, 80), names: [] };
  return { kind: 'eval-runner', range: rangeOf(at.call), iterable, concurrent: false, limited: true, sleeps: false };
}
