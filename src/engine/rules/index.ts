// The rule registry: every rule imported explicitly, in catalog order, validated once at load
// (ids, titles, severities, tags, declared inputs, docs sections), each given its docs URL.
import type { Rule } from './types';
import { RULE_INPUTS, docsUrl } from './types';
import { SEVERITIES } from '../types';
import { bulkGenerationLoop } from './bulk-generation-loop';
import { outputHarvesting } from './output-harvesting';
import { trainingOnOutputs } from './training-on-outputs';
import { templatedPromptSweep } from './templated-prompt-sweep';
import { capabilityCoverageSweep } from './capability-coverage-sweep';
import { reasoningTraceHarvest } from './reasoning-trace-harvest';
import { logprobExtraction } from './logprob-extraction';
import { samplingSweep } from './sampling-sweep';
import { multiModelHarvest } from './multi-model-harvest';
import { credentialRotation } from './credential-rotation';
import { rateLimitEvasion } from './rate-limit-evasion';
import { endpointRotation } from './endpoint-rotation';
import { unboundedFanout } from './unbounded-fanout';
import { pollingLoop } from './polling-loop';
import { systemPromptExtraction } from './system-prompt-extraction';
import { liveApiTestSweep } from './live-api-test-sweep';
import { agentTraceCapture } from './agent-trace-capture';
import { batchWithoutClearance } from './batch-without-clearance';
import { evaluationCall } from './evaluation-call';
import { missingEndUserAttribution } from './missing-end-user-attribution';
import { staleUsageAnnotation } from './stale-usage-annotation';

export const RULES: readonly Rule[] = [
  bulkGenerationLoop,
  outputHarvesting,
  trainingOnOutputs,
  templatedPromptSweep,
  capabilityCoverageSweep,
  reasoningTraceHarvest,
  logprobExtraction,
  samplingSweep,
  multiModelHarvest,
  credentialRotation,
  rateLimitEvasion,
  endpointRotation,
  unboundedFanout,
  pollingLoop,
  systemPromptExtraction,
  liveApiTestSweep,
  agentTraceCapture,
  batchWithoutClearance,
  evaluationCall,
  missingEndUserAttribution,
  staleUsageAnnotation,
];

const DOC_SECTIONS = ['flags', 'whyProvidersCare', 'legitimateCases', 'howToDocument', 'example', 'instead'] as const;

export function validateCatalog(rules: readonly Rule[]): void {
  const ids = new Set<string>();
  for (const rule of rules) {
    const { id, docs, summary, title, severity, tags } = rule.meta;
    if (!/^[a-z]+(-[a-z]+)*$/.test(id)) throw new Error(`rule id "${id}" is not kebab-case`);
    if (ids.has(id)) throw new Error(`rule id "${id}" is registered twice`);
    ids.add(id);
    if (!title || !summary) throw new Error(`rule "${id}" lacks a title or summary`);
    if (!SEVERITIES.includes(severity)) throw new Error(`rule "${id}" has an unknown severity "${severity}"`);
    if (!tags.length) throw new Error(`rule "${id}" has no tags`);
    // A rule is handed only what it declares: one with no inputs, or an unknown one, is a mistake.
    if (!rule.reads.length) throw new Error(`rule "${id}" declares no inputs it reads`);
    for (const input of rule.reads) if (!RULE_INPUTS.includes(input)) throw new Error(`rule "${id}" declares an unknown input "${input}"`);
    for (const key of DOC_SECTIONS) {
      const value = docs[key];
      const text = typeof value === 'string' ? value : value?.code;
      if (!text || text.length < 20) throw new Error(`rule "${id}" has no docs for "${key}"`);
    }
  }
}

validateCatalog(RULES);

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

/** Each rule's documentation page (diagnostic code targets, SARIF helpUri). */
export const RULE_DOCS_URLS: ReadonlyMap<string, string> = new Map(RULES.map((r) => [r.meta.id, docsUrl(r.meta.id)]));
