// Traits of a built workload that rules and scoring read: sweeps over capabilities, models and
// temperatures, the training code that consumes its outputs, and whether it is an eval harness.
import type { FileFacts, Repetition, TrainingSignal } from './types';
import type { Workload } from './workloads';
import { CAPABILITY_LIST_NAMES, MODEL_LIST_NAMES } from './phrases';
import { NAMES_A_MODEL } from './provider-vocabulary';

const EVAL_WORDS = new RegExp(
  String.raw`\b(eval|evals|evaluate|evaluation|benchmark|bench|judge|grader|grade|score|scoring|accuracy|metric|metrics|harness|` +
    String.raw`leaderboard|assert|regression)\b|(^|[/_-])(evals?|benchmarks?|judges?|judg(e?ments?|ing)|` +
    String.raw`grad(er|ing)|testers?)([/_.-]|$)|` +
    String.raw`^(eval|evaluate|judge|grade|score|benchmark)_?\w*|\w*_(eval|evaluate|evaluation|judge|grade|score|benchmark)$`,
  'i',
);
const EVAL_ITERABLES = /bench|eval|test_?set|testset|mmlu|gsm8k|humaneval|hellaswag|truthfulqa|arc_|cases|golden|gold\b|references/i;
const TEMPERATURE_NAMES = /^(temps?|temperatures?|TEMPERATURES|seeds|SEEDS|sampling_?configs?)$/i;

function leafOf(name: string): string {
  return name.split('.').pop() ?? name;
}

/** A loop over temperatures or seeds. */
export function temperatureSweepOf(w: Workload): Repetition | undefined {
  // `seeds` that are data (read from a file, or rows of unknown origin) are seed tasks
  // (self-instruct), not random seeds; a literal list or range of seeds is a sweep.
  const seedTasks = (r: Repetition) => r.iterable.offline || r.iterable.kind === 'file-lines' || r.iterable.kind === 'dataset';
  return w.sites
    .flatMap((s) => s.repetition)
    .find((r) => r.iterable.names.some((n) => TEMPERATURE_NAMES.test(leafOf(n)) && !(/^seeds$/i.test(leafOf(n)) && seedTasks(r))));
}

export function capabilityLoopOf(w: Workload): Repetition | undefined {
  const listed = new Set(
    w.promptFeatures.filter(({ feature }) => feature.kind === 'capability-list').map(({ feature }) => leafOf(feature.text.split(':')[0])),
  );
  return w.sites
    .flatMap((s) => s.repetition)
    .find((r) => r.iterable.names.some((n) => CAPABILITY_LIST_NAMES.test(leafOf(n)) || listed.has(leafOf(n))));
}

/** `['gpt-4o', 'gpt-4.1', 'o3-mini']`: distinct quoted strings that name models (one family counts per model). */
function distinctModelLiterals(text: string): number {
  const quoted = text.match(/["'`][^"'`\n]{1,80}["'`]/g) ?? [];
  return new Set(quoted.filter((q) => NAMES_A_MODEL.test(q))).size;
}

export function modelSweepOf(w: Workload): Workload['modelSweep'] {
  const listed = new Set(
    w.promptFeatures.filter(({ feature }) => feature.kind === 'model-list').map(({ feature }) => leafOf(feature.text.split(':')[0])),
  );
  for (const site of w.sites) {
    const loop = site.repetition.find(
      (r) =>
        r.iterable.names.some((n) => MODEL_LIST_NAMES.test(leafOf(n)) || listed.has(leafOf(n))) ||
        (r.iterable.kind === 'list' && distinctModelLiterals(r.iterable.text) >= 2),
    );
    if (
      loop &&
      (site.modelDynamic || site.viaWrapper || site.provider === 'litellm' || site.provider === 'openrouter' || site.provider === 'unknown')
    ) {
      return { text: `loop over models (${loop.iterable.names[0] ?? loop.iterable.text})`, file: site.file, range: loop.range };
    }
  }
  const sent = sitesSentTogether(w.sites);
  const models = new Set(sent.map((s) => s.model ?? s.provider));
  // A call whose provider is unknown may well be one of the known ones: only known providers count as several.
  const providers = new Set(sent.map((s) => s.provider).filter((p) => p !== 'unknown'));
  if (models.size >= 2 && providers.size >= 2) {
    return { text: `same prompts sent to ${[...models].slice(0, 3).join(', ')}`, file: w.file, range: w.range };
  }
  return undefined;
}

/**
 * The sites whose prompts all go out: alternatives of one dispatch (`model.generate()` on a base
 * class with an OpenAI and a Claude implementation) count once, by a provider already counted when
 * there is one.
 */
function sitesSentTogether<S extends { provider: string; model?: string; alternativeGroup?: string }>(sites: S[]): S[] {
  const out = sites.filter((s) => !s.alternativeGroup);
  const groups = new Map<string, S[]>();
  for (const s of sites) if (s.alternativeGroup) groups.set(s.alternativeGroup, [...(groups.get(s.alternativeGroup) ?? []), s]);
  for (const members of groups.values()) {
    out.push(members.find((m) => out.some((o) => o.provider === m.provider)) ?? members[0]);
  }
  return out;
}

/**
 * Training code that consumes this workload's outputs: it names the same data file, or it sits
 * beside the workload when the output file name is not a literal.
 */
export function trainingFor(w: Workload, files: Map<string, FileFacts>): { file: string; signal: TrainingSignal }[] {
  if (!w.harvest) return [];
  const targets = new Set([w.harvest.sink.target?.split('/').pop()?.toLowerCase()].filter(Boolean) as string[]);
  const dir = w.file.includes('/') ? w.file.slice(0, w.file.lastIndexOf('/')) : '';
  const out: { file: string; signal: TrainingSignal }[] = [];
  for (const f of files.values()) {
    // A function named like distillation is a hint, not training code.
    const training = f.training.filter((t) => t.kind !== 'distillation' || f.training.length > 1);
    if (!training.length) continue;
    const fdir = f.file.includes('/') ? f.file.slice(0, f.file.lastIndexOf('/')) : '';
    // A templated target (`{name}_cot.json`) is named by any file that ends like its fixed tail.
    const namesOutput = f.dataFiles.some(
      (d) => targets.has(d) || [...targets].some((t) => t.includes('{') && d.endsWith(t.slice(t.lastIndexOf('}') + 1))),
    );
    const beside = targets.size === 0 && (fdir === dir || fdir.startsWith(dir + '/') || dir.startsWith(fdir + '/'));
    // An upload of another named file (`files.create(file=open("human_labels.jsonl"), purpose="fine-tune")`) trains on that data.
    const uploadsOther = (t: TrainingSignal) => {
      const uploaded = t.kind === 'fine-tune-upload' ? / of (\S+)$/.exec(t.detail)?.[1].split('/').pop()?.toLowerCase() : undefined;
      return !!uploaded && targets.size > 0 && !targets.has(uploaded);
    };
    if (namesOutput || beside || f.file === w.file)
      out.push(...training.filter((t) => !uploadsOther(t)).map((signal) => ({ file: f.file, signal })));
  }
  return out;
}

/**
 * A grader elsewhere in the workspace that reads this workload's outputs: a file named like an
 * eval, judge or scorer that names the same data file or the same distinctive folder
 * (`data/{bench}/model_answer/` written by the answer generator, read by `gen_judgment.py`),
 * and does not write there itself (another generator of the same answers is no grader).
 */
export function graderOf(w: Workload, files: Map<string, FileFacts>): string | undefined {
  const writer = files.get(w.file);
  if (!writer || !w.harvest) return undefined;
  const names = outputNamesOf(w, writer);
  if (!names.files.size && !names.folders.size) return undefined;
  for (const f of files.values()) if (f.file !== w.file && readsOutputsNamed(f, names)) return f.file;
  return undefined;
}

type OutputNames = { files: Set<string>; folders: Set<string> };

function outputNamesOf(w: Workload, writer: FileFacts): OutputNames {
  const target = w.harvest!.sink.target?.split('/').pop()?.toLowerCase();
  return { files: new Set(target && !target.includes('{') ? [target] : []), folders: new Set(writer.dataFolders ?? []) };
}

/**
 * Eval-named files that are not training code, by their facts: every workload of a scan (and
 * every edit's incremental analysis) asks of every file, and a file's facts object is reused
 * until the file changes, so each is tested once.
 */
const gradingCandidates = new WeakMap<FileFacts, boolean>();

function mayGrade(f: FileFacts): boolean {
  let candidate = gradingCandidates.get(f);
  if (candidate === undefined) gradingCandidates.set(f, (candidate = !f.training.length && EVAL_WORDS.test(f.file)));
  return candidate;
}

function readsOutputsNamed(f: FileFacts, names: OutputNames): boolean {
  if (!mayGrade(f)) return false;
  const writes = (name: string) => f.sinks.some((s) => s.target?.toLowerCase().includes(name));
  return f.dataFiles.some((d) => names.files.has(d) && !writes(d)) || !!f.dataFolders?.some((d) => names.folders.has(d) && !writes(d));
}

/**
 * Files that may grade what the given files write (for an incremental analysis, which must see
 * them to reach the same verdict as a whole scan): eval-named files reading any data file or
 * folder those files name. A superset of what graderOf picks for their workloads.
 */
export function gradersOfOutputsIn(writers: FileFacts[], files: Map<string, FileFacts>): string[] {
  const names: OutputNames = {
    files: new Set(writers.flatMap((w) => w.dataFiles)),
    folders: new Set(writers.flatMap((w) => w.dataFolders ?? [])),
  };
  if (!names.files.size && !names.folders.size) return [];
  const own = new Set(writers.map((w) => w.file));
  return [...files.values()].filter((f) => !own.has(f.file) && readsOutputsNamed(f, names)).map((f) => f.file);
}

/** Eval harness or LLM-as-judge: named like one (or grades with a rubric) and keeps no raw outputs as data. */
export function isEvalLike(w: Workload): boolean {
  const named =
    EVAL_WORDS.test(w.file) ||
    EVAL_WORDS.test(w.enclosingFunction ?? '') ||
    w.repetition.some((r) => r.kind === 'eval-runner' || EVAL_ITERABLES.test(r.iterable.text)) ||
    // `run_test → evaluate_and_log → model.evaluate_model(prompt)`: the functions the loop calls
    // through say they evaluate, unless the outputs are kept as training-shaped data.
    (w.harvest?.strength !== 'strong' &&
      w.sites.some((s) => s.viaWrapper?.chain.some((name) => EVAL_WORDS.test(name.split('.').pop() ?? ''))));
  // A grading prompt next to a generator that keeps training-shaped data is its filter step
  // (judge, then keep the best): that is part of the harvest, not an eval.
  const graded = w.promptFeatures.some(({ feature }) => feature.kind === 'rubric-grading') && w.harvest?.strength !== 'strong';
  // Otherwise eval status does not depend on the sink (an eval keeps its answers to score them);
  // only a trainer reading the outputs takes it away.
  // A judge or classifier: every call answers with labels (an enum verdict, a category).
  const labels = w.sites.length > 0 && w.sites.every((s) => s.labelOutput || s.target.labelOutput);
  // An answer sheet: each answer kept under the id of the question it answers, without the
  // prompt beside it (benchmark answer generation, graded by id later), and no reasoning kept.
  const sink = w.harvest?.sink;
  const answerSheet = !!sink?.keyedByItem && !sink.writesPairs && !sink.writesReasoning;
  return (named || graded || labels || answerSheet || !!w.gradedIn) && !w.training.length;
}

/** Fewer items than this in one request is an ordinary answer ("3 suggestions", "top 10 tags"). */
export const MIN_REQUESTED_ITEMS = 20;

/**
 * A request that asks for many items at once: a prompt naming a count of at least
 * MIN_REQUESTED_ITEMS (or a count set by a variable), or a list schema with a prompt that asks
 * for generated examples.
 */
export function bulkRequestOf(w: Workload): Workload['bulkRequest'] {
  const counted = w.promptFeatures.find(
    ({ feature }) => feature.kind === 'item-request' && (feature.count === 'dynamic' || (feature.count ?? 0) >= MIN_REQUESTED_ITEMS),
  );
  if (counted) return { count: counted.feature.count!, text: counted.feature.text, file: counted.file, range: counted.feature.range };
  const listed = w.sites.find((s) => s.listOutput || s.target.listOutput);
  const generation = w.promptFeatures.find(({ feature }) => feature.kind === 'data-generation' || feature.kind === 'seed-task-mutation');
  if (listed && generation)
    return { count: 'dynamic', text: 'a list of generated examples', file: listed.target.file, range: listed.target.range };
  return undefined;
}
