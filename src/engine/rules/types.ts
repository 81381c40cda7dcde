// The rule contract: metadata (with the docs page text), the inputs a rule reads, and a check over them.
import type { FileFacts, ProviderId, Range, Severity } from '../types';
import type { WorkspaceIndex } from '../workspace';
import type { AnalysedSite, Workload } from '../workloads';
import type { SignalKey } from '../signals';

export interface RuleDocs {
  /** What it flags. */
  flags: string;
  /** Why providers care. */
  whyProvidersCare: string;
  /** Legitimate cases. */
  legitimateCases: string;
  /** How to document or pre-clear. */
  howToDocument: string;
  /** A short example that the rule flags (code block language and text). */
  example: { language: 'python' | 'typescript'; code: string };
  /** What to do instead. */
  instead: string;
}

export type Lowering = 'purpose' | 'clearance' | 'clearance-when-training-shaped' | 'never';

export interface RuleMeta {
  id: string;
  title: string;
  /** Default (base) severity before scoring. */
  severity: Severity;
  tags: string[];
  /** One-line description (SARIF shortDescription). */
  summary: string;
  /**
   * What in an `@llm-usage` annotation may cap it at info. Documentation always informs (the
   * purpose is shown); only for bulk, eval, batch, polling and fan-out findings does a purpose
   * alone lower the severity. The core risks wait for a `clearance:` (the provider's written
   * permission), harvesting only when its data is training-shaped; key pools are never lowered.
   */
  lowering: Lowering;
  docs: RuleDocs;
}

/** A named reason a finding exists, with where it lives. */
export interface Signal {
  /** Stable key used by scoring (src/engine/signals.ts). */
  key: SignalKey;
  /** Human text for the message ("written to distill.jsonl"). */
  text: string;
  file?: string;
  range?: Range;
}

export interface RuleHit {
  ruleId: string;
  file: string;
  range: Range;
  provider: ProviderId;
  workload?: Workload;
  /** The workload the finding is listed under when it must not take the workload's signals into its score. */
  listedUnder?: Workload;
  signals: Signal[];
  /** Severity before scoring; defaults to the rule's base severity. */
  severity?: Severity;
  /** Overrides the generated message's lead ("loop over …"). */
  lead?: string;
}

export interface RuleContext {
  files: Map<string, FileFacts>;
  /** Every call site (direct and through wrappers), local models excluded, control loops separated. */
  sites: AnalysedSite[];
  workloads: Workload[];
  /** Single calls (no loop) that ask for many items and save the output: the bulk is in the request. */
  requestWorkloads: Workload[];
  index: WorkspaceIndex;
  /** ISO date used for expiry checks (injected so results are reproducible). */
  today: string;
}

/** One input a rule may read from the analysis. */
export type RuleInput = keyof RuleContext;

/** Every input a rule may declare (a record, so a new context field cannot be left out). */
const INPUT_NAMES: Record<RuleInput, true> = {
  files: true,
  sites: true,
  workloads: true,
  requestWorkloads: true,
  index: true,
  today: true,
};
export const RULE_INPUTS = Object.keys(INPUT_NAMES) as readonly RuleInput[];

/**
 * A rule is handed only the inputs it declares in `reads`: the declaration is what lets the
 * analysis skip inputs no enabled rule reads (request workloads cost a pass over every site), and
 * a rule that reads an input it did not declare does not typecheck.
 */
export interface Rule<Reads extends RuleInput = RuleInput> {
  meta: RuleMeta;
  reads: readonly Reads[];
  check(context: Pick<RuleContext, Reads>): RuleHit[];
}

/** A rule whose `check` is typed by its `reads`: `context` holds the declared inputs and no others. */
export function defineRule<const Reads extends RuleInput>(rule: Rule<Reads>): Rule<Reads> {
  return rule;
}

export const DOCS_BASE_URL = 'https://github.com/prompt-pattern-review/prompt-pattern-review/blob/main/docs/rules/';
export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
