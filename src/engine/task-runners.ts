// How work reaches other threads, processes and machines, as data: task frameworks that run a
// function through a method of the function (Ray, Modal), classes whose objects run their own
// method when started (threads, processes), and pools that hand their objects to callbacks.
// The extraction follows these rows the way it follows a plain call.

/**
 * Task frameworks that run a function through a method of the function (or of an actor's method):
 * `ask.remote(x)` runs `ask(x)` on a worker, `ask.options(num_cpus=1).remote(x)` first configures
 * the run. `wrapper` turns a plain function into such a task (`ray.remote(ask)`).
 *
 * Row format:
 *   run        the method that runs the function it is called on
 *   batch      a method that runs the function once per element of its first argument
 *              (SGLang's `qa.run_batch([{"row": r} for r in rows])`)
 *   configure  a method that returns the same task with run options, called before `run`
 *   wrapper    the call whose first argument becomes a task
 */
export interface TaskFramework {
  framework: string;
  run: string;
  batch?: string;
  configure?: string;
  wrapper?: string;
}

export const TASK_FRAMEWORKS: TaskFramework[] = [
  { framework: 'ray', run: 'remote', configure: 'options', wrapper: 'ray.remote' },
  { framework: 'modal', run: 'remote' },
  { framework: 'sglang', run: 'run', batch: 'run_batch' },
];

export const TASK_BATCH_METHODS = new Set(TASK_FRAMEWORKS.flatMap((t) => (t.batch ? [t.batch] : [])));
export const TASK_RUN_METHODS = new Set([...TASK_FRAMEWORKS.map((t) => t.run), ...TASK_BATCH_METHODS]);
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
 * Pools of objects that hand one of their objects to each callback they run: with Ray's
 * `pool = ActorPool(actors)`, `pool.submit(lambda actor, item: actor.answer.remote(item), item)`
 * calls the callback with an actor of the pool as its first argument (the pool is found through
 * the name or field it is kept in).
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
