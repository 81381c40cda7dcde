// Evaluation frameworks that run the user's task once per item of a dataset, as data (the
// models-as-data idea). The loop lives inside the library, so a file like
//   evalite("capitals", { data: async () => [...], task: async (input) => generateText(...) })
// shows a single provider call; these rows say the call repeats over `data` and that the workload
// is an evaluation, whatever its file is called.
//
// Row format:
//   modules   import sources the entry point comes from (a source that starts with one matches too)
//   name      the imported name called (`evalite`, `Eval`); the last segment of `mod.Eval` counts too
//   task      where the per-item callback goes: a positional index, or an option name (a property of
//             the options object in TS/JS, a keyword argument in Python)
//   data      where the items go, in the same terms; left out when the library takes them elsewhere
import { isFromModule } from './import-sources';
export interface EvalRunner {
  modules: string[];
  name: string;
  task: number | string;
  data?: number | string;
}

export const EVAL_RUNNERS: EvalRunner[] = [
  // evalite(name, { data, task, scorers })
  { modules: ['evalite'], name: 'evalite', task: 'task', data: 'data' },
  // Braintrust: Eval(project, { data, task, scores }) in TS; Eval(name, data=…, task=…, scores=…) in Python.
  { modules: ['braintrust'], name: 'Eval', task: 'task', data: 'data' },
  // vitest-evals: describeEval(name, { data, task, scorers })
  { modules: ['vitest-evals'], name: 'describeEval', task: 'task', data: 'data' },
  // LangSmith: evaluate(target, { data, evaluators }) in TS; evaluate(target, data=…, evaluators=…) in Python.
  { modules: ['langsmith'], name: 'evaluate', task: 0, data: 'data' },
  { modules: ['langsmith'], name: 'aevaluate', task: 0, data: 'data' },
];

/** Whether an import source is one of the runners' modules. */
export function isEvalRunnerModule(source: string): boolean {
  return EVAL_RUNNERS.some((row) => row.modules.some((m) => isFromModule(source, m)));
}

/** The runner row for a call of `path` (its dotted callee) whose head was imported from `source` as `imported`. */
export function evalRunnerFor(source: string, imported: string, path: string[]): EvalRunner | undefined {
  const called = path.length > 1 ? path[path.length - 1] : imported;
  return EVAL_RUNNERS.find((row) => row.name === called && row.modules.some((m) => isFromModule(source, m)));
}
