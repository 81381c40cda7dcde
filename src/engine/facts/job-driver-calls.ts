// A function a job queue or a scheduler calls (`new Worker(queue, process)`, `@app.task`,
// `schedule.every(5).minutes.do(job)`, `@Cron('0 * * * *')`): the calls inside it run once per
// job taken from the queue, or once per tick, although no loop is written. The drivers are rows of
// ../job-drivers.ts.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { Repetition } from '../types';
import { jobDriversOf, type JobDriver } from '../job-drivers';
import type { Resolver } from './resolver';
import { slotOf } from './argument-slots';
import { argumentsOf, calleeOf, isCall, isFunctionNode, memberPath, rangeOf, truncate } from './syntax';

// Asked for every function and handed argument of a file: the rows the file's imports bring are
// worked out once per file.
const driversByResolver = new WeakMap<Resolver, JobDriver[]>();

function driversOf(resolver: Resolver): JobDriver[] {
  let rows = driversByResolver.get(resolver);
  if (!rows) {
    rows = [...new Set(resolver.imports.flatMap((i) => jobDriversOf(lastSegmentModule(i.source))))];
    driversByResolver.set(resolver, rows);
  }
  return rows;
}

/**
 * The module an import names, for a project's own module named after the library: Celery's layout
 * puts the app in `proj/celery.py`, so `from proj.celery import app` brings `@app.task`.
 */
function lastSegmentModule(source: string): string {
  if (jobDriversOf(source).length) return source;
  const last = source.split(/[./]/).pop() ?? source;
  return jobDriversOf(last).some((row) => row.form === 'decorator') ? last : source;
}

function repetition(row: JobDriver, at: SyntaxNode): Repetition {
  return {
    kind: row.kind,
    range: rangeOf(at),
    iterable: { kind: 'unknown', text: truncate(at.text, 80), names: [] },
    concurrent: false,
    limited: true,
    sleeps: false,
  };
}

/** The name a call is made by, as rows spell it: the imported name and the members after it. */
function importedCallName(call: SyntaxNode, resolver: Resolver): { name: string; source: string } | undefined {
  const path = memberPath(calleeOf(call));
  if (!path) return undefined;
  const binding = resolver.imports.find((i) => i.localName === path[0]);
  if (!binding) return undefined;
  const head = binding.importedName === 'default' || binding.importedName === '*' ? [] : [binding.importedName];
  return { name: [...head, ...path.slice(1)].join('.'), source: binding.source };
}

/**
 * A driver's method or decorator is applied to something the file imports, or builds itself
 * (`huey = RedisHuey()`, `queue = new Queue(…)`): an imported head must come from the row's module,
 * so invoke's `@task` is not Celery's.
 */
function fromRowModule(row: JobDriver, head: string, resolver: Resolver): boolean {
  const binding = resolver.imports.find((i) => i.localName === head);
  return !binding || jobDriversOf(lastSegmentModule(binding.source)).includes(row);
}

/** The last member a call is made by (`do` of `schedule.every(10).minutes.do(job)`) and the head of its chain. */
function calledMember(call: SyntaxNode): { member?: string; head?: string } {
  const callee = calleeOf(call);
  const member = (callee?.childForFieldName('property') ?? callee?.childForFieldName('attribute'))?.text;
  let head = callee;
  while (head && (head.type === 'member_expression' || head.type === 'attribute' || isCall(head)))
    head = isCall(head) ? calleeOf(head) : head.childForFieldName('object');
  return { member, head: head?.type === 'identifier' ? head.text : undefined };
}

/** Whether the handed value sits in the row's handler slot of `call`. */
function inHandlerSlot(row: JobDriver, slot: number | string, call: SyntaxNode): boolean {
  if (row.handler === 'last') return typeof slot === 'number' && slot === argumentsOf(call).positional.length - 1;
  return row.handler === slot;
}

/** The driver's repetition when `value` (a function or a reference to one) is handed to a job queue or a scheduler. */
function handedRepetition(value: SyntaxNode, rows: JobDriver[], resolver: Resolver): Repetition | undefined {
  const at = slotOf(value);
  if (!at || !isCall(at.call)) return undefined;
  const imported = importedCallName(at.call, resolver);
  const { member, head } = calledMember(at.call);
  for (const row of rows) {
    if (!inHandlerSlot(row, at.slot, at.call)) continue;
    const called =
      row.form === 'method'
        ? member === row.name && (!head || fromRowModule(row, head, resolver))
        : row.form === 'call' && imported?.name === row.name && jobDriversOf(imported.source).includes(row);
    if (called) return repetition(row, at.call);
  }
  return undefined;
}

/** Decorators written over a function or method: Python's `decorated_definition`, TS/JS's preceding siblings. */
function decoratorsOf(fn: SyntaxNode): SyntaxNode[] {
  if (fn.parent?.type === 'decorated_definition') return fn.parent.namedChildren.filter((d): d is SyntaxNode => d?.type === 'decorator');
  const siblings = fn.parent?.namedChildren ?? [];
  const out: SyntaxNode[] = [];
  for (let i = siblings.indexOf(fn) - 1; i >= 0 && siblings[i].type === 'decorator'; i--) out.push(siblings[i]);
  return out;
}

/** `@app.task(bind=True)`: the name applied (`task`) and the head it hangs from (`app`). */
function decoratorPath(decorator: SyntaxNode): string[] | undefined {
  const expression = decorator.namedChildren[0] ?? null;
  return memberPath(expression && isCall(expression) ? calleeOf(expression) : expression);
}

/** `class Summaries extends WorkerHost { async process(job) … }`: the base class names the class header gives. */
function basesOf(fn: SyntaxNode): string[] {
  for (let p = fn.parent; p; p = p.parent) {
    if (p.type === 'class_definition' || p.type === 'class_declaration' || p.type === 'class') return basesText(p);
    if (isFunctionNode(p)) return [];
  }
  return [];
}

function basesText(cls: SyntaxNode): string[] {
  const header = cls.namedChildren.find((c) => c?.type === 'class_heritage' || c?.type === 'argument_list');
  return header?.text.match(/[A-Za-z_$][\w$]*/g) ?? [];
}

function definedRepetition(fn: SyntaxNode, rows: JobDriver[], resolver: Resolver): Repetition | undefined {
  const decorators = decoratorsOf(fn).map((node) => ({ node, path: decoratorPath(node) }));
  for (const row of rows) {
    if (row.form === 'decorator') {
      const decorator = decorators.find(({ path }) => path?.[path.length - 1] === row.name && fromRowModule(row, path[0], resolver));
      if (decorator) return repetition(row, decorator.node);
    }
    if (row.form === 'override' && row.base && fn.childForFieldName('name')?.text === row.name && basesOf(fn).includes(row.base))
      return repetition(row, fn.childForFieldName('name') ?? fn);
  }
  return undefined;
}

/**
 * The repetition a job queue or scheduler gives `value`: a function (or a reference to one) handed
 * to the driver, or a function defined under its decorator or as its base class's handler method.
 */
export function jobDriverRepetition(value: SyntaxNode, resolver: Resolver): Repetition | undefined {
  const rows = driversOf(resolver);
  if (!rows.length) return undefined;
  return handedRepetition(value, rows, resolver) ?? (isFunctionNode(value) ? definedRepetition(value, rows, resolver) : undefined);
}
