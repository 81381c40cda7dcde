// Which functions of one file work together: linked by calls among themselves, in either
// direction, or called from the file's top level. A write in `save()` belongs to the run that
// `main()` drives through `generate()` and `save()`; a write in a request handler that nothing of
// the file calls belongs to no other handler's workload.
import type { FileFacts, FunctionFacts } from './types';

/** The module's own code, outside every function. */
const TOP_LEVEL = '';

type Linked = (a: string | undefined, b: string | undefined) => boolean;
const groupsOf = new WeakMap<FileFacts, Linked>();

/**
 * A test of whether two functions of the file (by bare name; undefined for top-level code) are
 * linked by the file's calls, or one is written inside the other. Built once per file's facts.
 */
export function fileCallGroups(facts: FileFacts): Linked {
  let linked = groupsOf.get(facts);
  if (!linked) groupsOf.set(facts, (linked = buildGroups(facts)));
  return linked;
}

function buildGroups(facts: FileFacts): Linked {
  const own = new Set(facts.functions.map((f) => f.name));
  const parent = new Map<string, string>();
  const find = (name: string): string => {
    let root = name;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(name, root);
    return root;
  };
  const join = (a: string, b: string) => parent.set(find(a), find(b));
  // `pipeline = Pipeline(...)` then `pipeline(rows)` elsewhere: making an object of a class of the
  // file joins its maker to the class's methods (and those of its bases here).
  const methods = new Map<string, string[]>();
  for (const fn of facts.functions) {
    const owner = fn.qualifiedName.includes('.') ? fn.qualifiedName.slice(0, fn.qualifiedName.lastIndexOf('.')) : undefined;
    if (owner) methods.set(owner, [...(methods.get(owner) ?? []), fn.name]);
  }
  const classMethods = (cls: string, depth = 0): string[] => {
    const bases = depth < 4 ? (facts.classes?.find((c) => c.name === cls)?.bases ?? []) : [];
    return [...(methods.get(cls) ?? []), ...bases.flatMap((b) => classMethods(b, depth + 1))];
  };
  for (const call of facts.localCalls) {
    const callee = call.name.split('.').pop()!;
    const caller = call.enclosingFunction?.split('.').pop() ?? TOP_LEVEL;
    if (own.has(callee)) join(caller, callee);
    for (const method of methods.has(callee) ? classMethods(callee) : []) join(caller, method);
  }
  // A function written inside another (a worker defined in `main`) is part of it.
  const byStart = [...facts.functions].sort((x, y) =>
    compare(x.range.startLine, x.range.startColumn, y.range.startLine, y.range.startColumn),
  );
  const open: FunctionFacts[] = [];
  for (const fn of byStart) {
    while (open.length && !contains(open[open.length - 1], fn)) open.pop();
    if (open.length) join(fn.name, open[open.length - 1].name);
    open.push(fn);
  }
  return (a, b) => find(a ?? TOP_LEVEL) === find(b ?? TOP_LEVEL);
}

function compare(lineA: number, columnA: number, lineB: number, columnB: number): number {
  return lineA - lineB || columnA - columnB;
}

function contains(outer: FunctionFacts, inner: FunctionFacts): boolean {
  const o = outer.range;
  const i = inner.range;
  return (
    compare(o.startLine, o.startColumn, i.startLine, i.startColumn) <= 0 && compare(i.endLine, i.endColumn, o.endLine, o.endColumn) <= 0
  );
}
