// evaluation-call: a model asked to grade or evaluate, outside any loop the engine can see.
import type { AnalysedSite } from '../workloads';
import type { FileFacts } from '../types';
import { covers } from '../workloads';
import { defineRule, type RuleHit } from './types';
import { hitAtSite } from './hits';

/**
 * Folders, files and functions named for evaluation work: `evals/`, `evaluation/`, `judges/`,
 * `benchmark/`, `llm_judge.py`, `grader.ts`, `judgeAnswer`. Bare "evaluate" and "score" are left
 * out: products evaluate and score things for their users ("evaluate-resume.ts").
 */
const EVALUATION_NAME = new RegExp(
  String.raw`(^|[/_.-])(evals?|evaluations?|evaluators?|judges?|judging|judgments?|judgements?|graders?|grading|` +
    String.raw`benchmarks?|bench|harness|leaderboard)([/_.-]|$)`,
  'i',
);

/** `judgeAnswer` → `judge_answer`, so camelCase names split into words as snake_case ones do. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

function evaluationPlace(site: AnalysedSite): string | undefined {
  if (EVALUATION_NAME.test(words(site.file))) return `in ${site.file}`;
  const fn = site.enclosingFunction?.split('.').pop();
  if (fn && EVALUATION_NAME.test(words(fn))) return `in ${fn}()`;
  return undefined;
}

/** A rubric or grading prompt in the function that makes the call. */
function gradesWithRubric(site: AnalysedSite, facts: FileFacts | undefined): boolean {
  const fn = facts?.functions.find((f) => f.qualifiedName === site.enclosingFunction);
  if (!facts || !fn) return false;
  return facts.promptFeatures.some((p) => p.kind === 'rubric-grading' && covers(fn.range, p.range));
}

const TEXT_APIS = new Set(['chat', 'responses', 'completions']);

export const evaluationCall = defineRule({
  meta: {
    id: 'evaluation-call',
    title: 'A model is asked to grade or evaluate',
    severity: 'low',
    tags: ['eval'],
    summary: 'An LLM-as-judge or eval-harness call: evaluation traffic worth describing to the provider before it grows.',
    lowering: 'purpose',
    docs: {
      flags:
        'A hosted-model call outside request handlers and tests, with no loop around it in view, made from an evaluation ' +
        'folder, file or function (`evals/`, `judges/`, `benchmark/`, `llm_judge.py`, `gradeAnswer`) or with a grading ' +
        'rubric in its prompt. Loops over a benchmark are reported by bulk-generation-loop instead.',
      whyProvidersCare:
        'Judges and eval helpers are called by harnesses, scripts and CI jobs over whole question sets. That traffic is ' +
        'templated and repetitive, the shape capability-mapping detectors look for, even when the loop lives in a tool ' +
        'or a script the scan does not see.',
      legitimateCases:
        'Grading your own product outputs, regression suites before a model migration, LLM-as-judge scoring of a public ' +
        'benchmark. All fine; they are easier to defend when written down.',
      howToDocument:
        'Add an `@llm-usage` block above the function saying what is graded, how many items a run grades and how often it ' +
        'runs; with a purpose the finding drops to info.',
      example: {
        language: 'typescript',
        code:
          '// judges/faithfulness.ts\n' +
          'export async function judgeFaithfulness(answer: string, source: string) {\n' +
          '  const r = await anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 5,\n' +
          '    messages: [{ role: "user", content: `Rate 1-5 how faithful:\\n${answer}\\n${source}` }] });\n' +
          '  return Number((r.content[0] as { text: string }).text);\n' +
          '}',
      },
      instead:
        'Keep judge prompts short and their outputs to scores or labels (a schema with an enum, a small max_tokens), and ' +
        'run large grading jobs through the Batch API.',
    },
  },
  reads: ['files', 'sites'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    // A call some loop of the workspace reaches is bulk work, reported by the workload rules.
    const key = (file: string, r: { startLine: number; startColumn: number }) => `${file}:${r.startLine}:${r.startColumn}`;
    const looped = new Set(context.sites.filter((s) => s.repetition.length).map((s) => key(s.target.file, s.target.range)));
    for (const site of context.sites) {
      if (site.inTest || site.inRequestHandler || site.viaWrapper || site.repetition.length) continue;
      if (looped.has(key(site.file, site.range))) continue;
      if (!TEXT_APIS.has(site.api) || site.provider === 'local') continue;
      const place = evaluationPlace(site);
      const text = place ?? (gradesWithRubric(site, context.files.get(site.file)) ? 'grading rubric in the prompt' : undefined);
      if (!text) continue;
      hits.push(hitAtSite('evaluation-call', site, undefined, [{ key: 'eval', text }], { lead: 'model asked to grade or evaluate' }));
    }
    return hits;
  },
});
