// Functions used as values: `functools.partial(generate, client)`, `self.generate.bind(this)`,
// `ray.remote(generate)`, and names bound to them (`worker = partial(ask, client=c)`,
// `handler = self.generate`). A call to such a value, or a pool that is handed one, calls the
// function underneath, with the bound arguments first.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { Resolver } from './resolver';
import { TASK_WRAPPERS } from '../task-runners';
import { argumentsOf, calleeOf, isCall, memberPath, unwrapExpression } from './syntax';

export interface FunctionValue {
  /** The function's dotted name as written (`generate`, `self.generate`, `helpers.ask`). */
  path: string[];
  /** `partial(f, a, b)`: the call that binds arguments ahead of the caller's (its first argument is `f`). */
  binder?: SyntaxNode;
  /** How many positional arguments the binder fixes. */
  boundPositional: number;
}

/** The function a value stands for, when it is a reference, a `partial` or a `.bind`; one level of naming is followed. */
export function functionValueOf(input: SyntaxNode | null, resolver: Resolver, followNames = true): FunctionValue | undefined {
  const node = unwrapExpression(input);
  if (!node) return undefined;
  if (isCall(node)) {
    const wrapped = taskWrappedFunction(node);
    if (wrapped) return { path: wrapped, boundPositional: 0 };
    const callee = memberPath(calleeOf(node));
    if (!callee) return undefined;
    const last = callee[callee.length - 1];
    if (last === 'partial') {
      const args = argumentsOf(node);
      const target = memberPath(unwrapExpression(args.positional[0] ?? null));
      return target ? { path: target, binder: node, boundPositional: args.positional.length - 1 } : undefined;
    }
    if (last === 'bind' && callee.length > 1) {
      const bound = argumentsOf(node).positional.length;
      return { path: callee.slice(0, -1), boundPositional: Math.max(0, bound - 1) };
    }
    return undefined;
  }
  if (node.type !== 'identifier' || !followNames) return undefined;
  for (const def of resolver.definitionsOf(node.text, node)) {
    const inner = unwrapExpression(def);
    if (!inner) continue;
    const made = functionValueOf(inner, resolver, false);
    if (made) return made;
    // `handler = self.generate` (a method by reference); plain names stay as they are.
    if (inner.type === 'attribute' || inner.type === 'member_expression') {
      const path = memberPath(inner);
      if (path && path.length === 2 && /^(self|this)$/.test(path[0])) return { path, boundPositional: 0 };
    }
  }
  return undefined;
}

/** `ray.remote(ask)` and `ray.remote(num_cpus=1)(ask)`: a task that runs `ask` wherever it is called. */
function taskWrappedFunction(call: SyntaxNode): string[] | undefined {
  const callee = calleeOf(call);
  const wrapper = callee && isCall(callee) ? calleeOf(callee) : callee;
  if (!TASK_WRAPPERS.has(memberPath(wrapper)?.join('.') ?? '')) return undefined;
  return memberPath(unwrapExpression(argumentsOf(call).positional[0] ?? null));
}
