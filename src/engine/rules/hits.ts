// Building blocks rules share: a hit anchored at a call site or elsewhere in its workload, and
// the provider a file talks to (for hits on credentials or prompts rather than on a call).
import type { FileFacts, ProviderId, Range } from '../types';
import type { AnalysedSite, Workload } from '../workloads';
import type { RuleContext, RuleHit, Signal } from './types';
import { describeRepetition } from './describe';

export function hitAtSite(
  ruleId: string,
  site: AnalysedSite,
  workload: Workload | undefined,
  signals: Signal[],
  extra: Partial<RuleHit> = {},
): RuleHit {
  return { ruleId, file: site.file, range: site.range, provider: site.provider, workload, signals, ...extra };
}

/** The loop signal most rules lead with: "loop over 8 TOPICS × 500 iterations". */
export function loopSignal(site: AnalysedSite): Signal {
  const outer = site.repetition[site.repetition.length - 1];
  return { key: 'loop', text: describeRepetition(site.repetition), file: site.file, range: outer?.range ?? site.range };
}

/** Each workload site once, for rules that look at sites inside bulk work. */
export function* workloadSites(context: Pick<RuleContext, 'workloads'>): Generator<{ workload: Workload; site: AnalysedSite }> {
  for (const workload of context.workloads) for (const site of workload.sites) yield { workload, site };
}

/** The provider a file's own calls reach, for hits that sit on something other than a call. */
export function providerOfFile(context: Pick<RuleContext, 'sites'>, file: string): ProviderId {
  return sitesByFile(context).firstProvider.get(file) ?? 'unknown';
}

/** Whether the file sends anything to a hosted model (directly or through a wrapper). */
export function talksToHostedModel(context: Pick<RuleContext, 'sites'>, facts: FileFacts): boolean {
  return sitesByFile(context).hosting.has(facts.file);
}

interface SitesByFile {
  /** The provider of each file's first site. */
  firstProvider: Map<string, ProviderId>;
  /** Files that make a site or hold the provider call a site reaches. */
  hosting: Set<string>;
}

/**
 * The analysis' sites by file, built once per analysis: rules ask for every file, and searching
 * the workspace's sites for each one was quadratic (a tenth of the analysis of a large monorepo).
 */
const sitesIndexes = new WeakMap<RuleContext['sites'], SitesByFile>();
function sitesByFile(context: Pick<RuleContext, 'sites'>): SitesByFile {
  let index = sitesIndexes.get(context.sites);
  if (!index) {
    index = { firstProvider: new Map(), hosting: new Set() };
    for (const s of context.sites) {
      if (!index.firstProvider.has(s.file)) index.firstProvider.set(s.file, s.provider);
      index.hosting.add(s.file);
      index.hosting.add(s.target.file);
    }
    sitesIndexes.set(context.sites, index);
  }
  return index;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.startLine === b.startLine && a.startColumn === b.startColumn && a.endLine === b.endLine && a.endColumn === b.endColumn;
}
