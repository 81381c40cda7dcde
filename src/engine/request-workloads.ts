// Request workloads: one call, no loop, whose prompt asks for many items at once ("generate 100
// question-answer pairs", a list schema of examples) and whose output is saved as data. The bulk
// lives inside the request, so loop-based rules never see it; harvesting and training rules do.
import type { FileFacts } from './types';
import type { WorkspaceIndex } from './workspace';
import {
  annotationFor,
  callersByName,
  featuresFor,
  sinksFor,
  strongestHarvest,
  type AnalysedSite,
  type LineReader,
  type Workload,
} from './workloads';
import { bulkRequestOf, graderOf, isEvalLike, trainingFor } from './workload-traits';

const GENERATION_APIS = new Set(['chat', 'responses', 'completions']);

export function buildRequestWorkloads(
  sites: AnalysedSite[],
  loopWorkloads: Workload[],
  files: Map<string, FileFacts>,
  index: WorkspaceIndex,
  lineText?: LineReader,
): Workload[] {
  const inLoops = new Set(loopWorkloads.flatMap((w) => w.sites.map(siteKey)));
  const callers = callersByName(files);
  const out: Workload[] = [];
  const seen = new Set<string>();
  for (const site of sites) {
    const key = siteKey(site);
    // Repeated calls are loop workloads (or per-request loops), reported by the loop rules.
    if (seen.has(key) || inLoops.has(key) || site.repetition.length || site.provider === 'local') continue;
    if (!GENERATION_APIS.has(site.api) || site.inTest || files.get(site.file)?.isTestFile) continue;
    seen.add(key);
    const promptFeatures = featuresFor([site], files, lineText, index);
    if (!promptFeatures.some(({ feature }) => feature.kind === 'item-request') && !site.listOutput && !site.target.listOutput) continue;
    const sinks = sinksFor([site], files, index, callers);
    const harvest = strongestHarvest(sinks);
    if (!harvest) continue;
    const baseName = site.file.split('/').pop()!;
    const workload: Workload = {
      id: `request#${key}`,
      name: `${baseName}:${site.enclosingFunction ?? site.range.startLine + 1}`,
      file: site.file,
      range: site.range,
      enclosingFunction: site.enclosingFunction,
      sites: [site],
      providers: [site.provider],
      repetition: [],
      volume: null,
      sinks,
      harvest,
      training: [],
      promptFeatures,
      agentInside: false,
      annotation: annotationFor(site, files.get(site.file)!),
      evalLike: false,
      testLike: false,
    };
    workload.bulkRequest = bulkRequestOf(workload);
    if (!workload.bulkRequest) continue;
    workload.training = trainingFor(workload, files);
    workload.gradedIn = graderOf(workload, files);
    workload.evalLike = isEvalLike(workload);
    out.push(workload);
  }
  return out;
}

function siteKey(site: AnalysedSite): string {
  return `${site.file}:${site.range.startLine}:${site.range.startColumn}`;
}
