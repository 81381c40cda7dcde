// Everything the editor features call in the engine (and the libraries it bundles), gathered
// into one module that is built as its own bundle (dist/engine.js) and loaded on first use
// through lazy-engine.ts: activation then only loads and runs the small feature bundle.
export { describeRepetition, formatVolume, providerName } from '../engine/rules/describe';
export { estimateVolume } from '../engine/facts/repetition';
export { buildWorkloads, samplesPerCall, separateControlLoops } from '../engine/workloads';
export { RULES_BY_ID } from '../engine/rules';
export { annotationSkeleton, oneYearAfter } from '../engine/report/note-annotation';
export { analyseOne, lineAt, scanFiles, todayIso } from '../engine/scan';
export { analyzeWorkspace } from '../engine/analyze';
export { findingsOf, noteMarkdown, workloadsOf } from '../engine/report/note';
export { ConfigError, parseConfig } from '../engine/config-file';
export { WorkspaceIndex } from '../engine/workspace';
export { applyProviderHosts, configuredWrapperSites } from '../engine/configured-sites';
export { defaultConfig } from '../engine/config';
export { listSourceFiles } from '../host/node-files';
export { analyzeChangedFile } from '../engine/incremental';
export { withPromptFiles } from '../engine/prompt-files';
export { parseSyntax } from '../engine/parse/parser';
export { extractFacts } from '../engine/facts/extract';
export { SEVERITIES } from '../engine/types';
export { countBySeverity, toJsonReport } from '../engine/report/json';
export { workloadRows, toMarkdownReport } from '../engine/report/markdown';
export { workloadSummaries, workloadLocations } from '../engine/report/workloads';
export { toSarif } from '../engine/report/sarif';
export { findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
export { minimatch } from 'minimatch';
