// What the rules read, built once per analysis from every file's facts (wrappers linked, control
// loops separated, workloads built), and each rule's share of it: a rule is handed only the inputs
// it declares, so request workloads (a prompt and sink search for every single call) are built
// only when an enabled rule reads them.
import type { AnalysisInput } from './analyze';
import type { Rule, RuleContext, RuleInput } from './rules/types';
import type { Workload } from './workloads';
import { WorkspaceIndex } from './workspace';
import { buildWorkloads, separateControlLoops } from './workloads';
import { buildRequestWorkloads } from './request-workloads';
import { applyProviderHosts, configuredWrapperSites } from './configured-sites';

/** Every rule input of the workspace; `requestWorkloads` is built when first read, then kept. */
export function ruleContext(input: AnalysisInput): RuleContext {
  const { files, config, lineText } = input;
  const index = new WorkspaceIndex(files);
  const linked = index.linkedCallSites();
  linked.push(...configuredWrapperSites(files, config.wrappers, linked));
  // Local models never warn: they leave the analysis here.
  const sites = separateControlLoops(applyProviderHosts(linked, config.providerHosts), files).filter((s) => s.provider !== 'local');
  const workloads = buildWorkloads(sites, files, index, lineText);
  let requestWorkloads: Workload[] | undefined;
  return {
    files,
    sites,
    workloads,
    get requestWorkloads() {
      requestWorkloads ??= buildRequestWorkloads(sites, workloads, files, index, lineText);
      return requestWorkloads;
    },
    index,
    today: input.today,
  };
}

/** The inputs a rule declares, and no others: what its `check` is given. */
export function inputsOf<Reads extends RuleInput>(context: RuleContext, rule: Pick<Rule<Reads>, 'reads'>): Pick<RuleContext, Reads> {
  const inputs = {} as Pick<RuleContext, Reads>;
  for (const name of rule.reads) inputs[name] = context[name];
  return inputs;
}
