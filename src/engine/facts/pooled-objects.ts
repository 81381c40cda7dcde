// Callbacks run by a pool of objects get one of the pool's objects: in
// `pool = ActorPool(clients)` then `pool.submit(lambda client, cfg: client.llm_request(cfg), cfg)`,
// `client` is one of `clients`, so its method is the method of the class the clients are made
// from or declared as (`clients: List[LLMClient]`, `[Worker.remote() for _ in range(n)]`).
import type { SyntaxNode } from '../parse/syntax-tree';
import { OBJECT_POOLS } from '../task-runners';
import type { Resolver } from './resolver';
import { collectionClass, constructedClass } from './call-arguments';
import { parametersOf } from './parameters';
import { argumentsOf, calleeOf, isCall, isFunctionNode, memberPath, unwrapExpression } from './syntax';

const POOLS = new Map(OBJECT_POOLS.map((row) => [row.pool, new Set(row.methods)]));
const POOL_METHODS = new Set(OBJECT_POOLS.flatMap((row) => row.methods));

/** The class of the pooled object a callback's first parameter receives, when `name` is that parameter. */
export function pooledObjectClass(name: SyntaxNode, resolver: Resolver): string | undefined {
  if (name.type !== 'identifier') return undefined;
  let callback: SyntaxNode | null = name.parent;
  while (callback && !isFunctionNode(callback)) callback = callback.parent;
  // Cheap tests first: a callback handed to a pool's method, then its first parameter.
  const call = callback?.parent?.parent;
  if (!callback || !call || !isCall(call) || argumentsOf(call).positional[0]?.id !== callback.id) return undefined;
  const callee = calleeOf(call);
  const path = memberPath(callee);
  const receiver = callee?.childForFieldName('object');
  if (!path || path.length < 2 || !receiver || !POOL_METHODS.has(path[path.length - 1])) return undefined;
  if (parametersOf(callback, resolver.language)[0]?.name !== name.text) return undefined;
  for (const def of resolver.definitionsOf(path.slice(0, -1).join('.'), receiver)) {
    const made = unwrapExpression(def);
    const pool = made && isCall(made) ? memberPath(calleeOf(made))?.at(-1) : undefined;
    if (!pool || !POOLS.get(pool)?.has(path[path.length - 1])) continue;
    const objects = unwrapExpression(argumentsOf(made!).positional[0] ?? null);
    const cls = objects ? objectsClass(objects, resolver) : undefined;
    if (cls) return cls;
  }
  return undefined;
}

/** The class of the objects a collection holds: built from constructions of it, or declared as a list of it. */
function objectsClass(objects: SyntaxNode, resolver: Resolver): string | undefined {
  if (objects.type !== 'identifier') return undefined;
  for (const def of resolver.definitionsOf(objects.text, objects)) {
    const built = unwrapExpression(def);
    const cls = built && (constructedClass(built) ?? collectionClass(built));
    if (cls) return cls;
  }
  return resolver.declaredClass(objects.text, objects);
}
