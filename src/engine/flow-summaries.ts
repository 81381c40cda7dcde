// How library calls move SDK objects around, as data (the models-as-data idea: a library's
// behaviour is rows, not code paths). A collection of clients is tracked as its element with a
// `collection` mark; these rows say which calls and members hand out one element of it.
//
// Row format:
//   callee   the called name, matched against the end of the callee's dotted path
//            (`random.choice` matches `random.choice(...)`; `.get` matches any receiver's `get`)
//   takes    'argument': the element of the collection passed as argument `argument`;
//            'receiver': the element of the collection the method is called on;
//            'callback': what the callback passed as argument `argument` returns, as a collection
//            (`keys.map((k) => new OpenAI({ apiKey: k }))`)
export interface FlowSummary {
  callee: string;
  takes: 'argument' | 'receiver' | 'callback';
  argument?: number;
}

export const FLOW_SUMMARIES: FlowSummary[] = [
  // Python: picking or cycling through a pool
  { callee: 'random.choice', takes: 'argument', argument: 0 },
  { callee: 'secrets.choice', takes: 'argument', argument: 0 },
  { callee: 'choice', takes: 'argument', argument: 0 },
  { callee: 'itertools.cycle', takes: 'argument', argument: 0 },
  { callee: 'cycle', takes: 'argument', argument: 0 },
  { callee: 'next', takes: 'argument', argument: 0 },
  { callee: 'iter', takes: 'argument', argument: 0 },
  { callee: 'list', takes: 'argument', argument: 0 },
  { callee: '.get', takes: 'receiver' },
  { callee: '.pop', takes: 'receiver' },
  { callee: '.popleft', takes: 'receiver' },
  { callee: '.values', takes: 'receiver' },
  // JS: pools in arrays and maps
  { callee: '.shift', takes: 'receiver' },
  { callee: '.at', takes: 'receiver' },
  { callee: '.find', takes: 'receiver' },
  { callee: 'Object.values', takes: 'argument', argument: 0 },
  { callee: 'Array.from', takes: 'argument', argument: 0 },
  { callee: '_.sample', takes: 'argument', argument: 0 },
  { callee: 'sample', takes: 'argument', argument: 0 },
  { callee: '.map', takes: 'callback', argument: 0 },
];

/** The summary row for a callee's dotted path and whether it is a method call on a receiver. */
export function flowSummaryFor(path: string[]): FlowSummary | undefined {
  const dotted = path.join('.');
  const method = path.length > 1 ? '.' + path[path.length - 1] : undefined;
  return FLOW_SUMMARIES.find((row) =>
    row.callee.startsWith('.')
      ? row.callee === method
      : dotted === row.callee || (dotted.endsWith('.' + row.callee) && row.callee.includes('.')),
  );
}

/**
 * Task frameworks that run a function through a method of the function (or of an actor's method):
 * `ask.remote(x)` runs `ask(x)` on a worker, `ask.options(num_cpus=1).remote(x)` first configures
 * the run. `wrapper` turns a plain function into such a task (`ray.remote(ask)`).
 *
 * Row format:
 *   run        the method that runs the function it is called on
 *   configure  a method that returns the same task with run options, called before `run`
 *   wrapper    the call whose first argument becomes a task
 */
export interface TaskFramework {
  framework: string;
  run: string;
  configure?: string;
  wrapper?: string;
}

export const TASK_FRAMEWORKS: TaskFramework[] = [
  { framework: 'ray', run: 'remote', configure: 'options', wrapper: 'ray.remote' },
  { framework: 'modal', run: 'remote' },
];

export const TASK_RUN_METHODS = new Set(TASK_FRAMEWORKS.map((t) => t.run));
export const TASK_CONFIGURE_METHODS = new Set(TASK_FRAMEWORKS.flatMap((t) => (t.configure ? [t.configure] : [])));
export const TASK_WRAPPERS = new Set(TASK_FRAMEWORKS.flatMap((t) => (t.wrapper ? [t.wrapper] : [])));
/** The frameworks' own module names: `ray.remote(f)` is the wrapper, not a task run on `ray`. */
export const TASK_MODULES = new Set(TASK_FRAMEWORKS.map((t) => t.framework));

/**
 * Classes whose objects run a method of their own when started: `worker.start()` on a subclass of
 * `threading.Thread` runs the subclass's `run()` on a new thread.
 *
 * Row format:
 *   bases  base class names (last segment) that give the subclass this behaviour
 *   start  the method called to start it
 *   runs   the subclass's method that then runs
 */
export interface StartedRun {
  bases: string[];
  start: string;
  runs: string;
}

export const STARTED_RUNS: StartedRun[] = [{ bases: ['Thread', 'Process'], start: 'start', runs: 'run' }];

/**
 * Pools of objects that hand one of their objects to each callback they run: Ray's
 * `ActorPool(actors).submit(lambda actor, item: actor.answer.remote(item), item)` calls the
 * callback with an actor of the pool as its first argument.
 *
 * Row format:
 *   pool     the constructor of the pool; its first argument is the objects
 *   methods  the pool's methods whose first argument is such a callback
 */
export interface ObjectPool {
  pool: string;
  methods: string[];
}

export const OBJECT_POOLS: ObjectPool[] = [{ pool: 'ActorPool', methods: ['submit', 'map', 'map_unordered'] }];
