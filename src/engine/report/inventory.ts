// The call-site inventory: every place the workspace talks to a model, direct or through a
// workspace wrapper, with provider, API family, model and repetition context. Paths are relative
// to the scanned root; lines and columns are 1-based, `line` being the call expression's line.
import type { FileFacts, ProviderId, ApiFamily, SkippedFile } from '../types';
import { WorkspaceIndex, type LinkedCallSite } from '../workspace';
import { applyProviderHosts, configuredWrapperSites } from '../configured-sites';
import type { ResolvedConfig } from '../config';
import { estimateVolume } from '../facts/repetition';
import { redactSecrets } from '../secrets';
import { REPORT_FORMAT_VERSION, TOOL } from './json';

export interface InventoryEntry {
  file: string;
  line: number;
  column: number;
  provider: ProviderId;
  api: ApiFamily;
  /** Model literal, or null when given by a variable or absent. */
  model: string | null;
  /** The callee as written (`client.messages.create`, or the wrapper's name). */
  callee: string;
  viaWrapper: boolean;
  /** Wrapper chain from the called function to the one holding the SDK call. */
  wrapperChain?: string[];
  inLoop: boolean;
  /** Iterations from literals, 'unbounded' when a loop's size is unknown, null outside loops. */
  volume: number | 'unbounded' | null;
  enclosingFunction: string | null;
}

export interface InventoryReport {
  version: string;
  tool: { name: string; version: string };
  root: string;
  summary: { files: number; parsed: number; callSites: number; byProvider: Partial<Record<ProviderId, number>> };
  callSites: InventoryEntry[];
  skipped: SkippedFile[];
}

export interface InventoryInput {
  root: string;
  files: number;
  parsed: number;
  facts: Map<string, FileFacts>;
  skipped: SkippedFile[];
  /** The config's own wrappers and gateway hosts, applied as the scan applies them. */
  config?: Pick<ResolvedConfig, 'wrappers' | 'providerHosts'>;
}

/** Builds the inventory from a scan's facts: one entry per call location and provider. */
export function buildInventory(input: InventoryInput): InventoryReport {
  let sites = new WorkspaceIndex(input.facts).linkedCallSites();
  if (input.config) {
    sites.push(...configuredWrapperSites(input.facts, input.config.wrappers, sites));
    sites = applyProviderHosts(sites, input.config.providerHosts);
  }
  const entries = new Map<string, InventoryEntry>();
  for (const site of sites) {
    const entry = toEntry(site);
    const key = `${entry.file}:${entry.line}:${entry.column}:${entry.provider}`;
    const existing = entries.get(key);
    // A direct call wins over the same location seen through a wrapper chain.
    if (!existing || (existing.viaWrapper && !entry.viaWrapper)) entries.set(key, entry);
  }
  const callSites = [...entries.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.provider.localeCompare(b.provider),
  );
  const byProvider: Partial<Record<ProviderId, number>> = {};
  for (const c of callSites) byProvider[c.provider] = (byProvider[c.provider] ?? 0) + 1;
  return {
    version: REPORT_FORMAT_VERSION,
    tool: { ...TOOL },
    root: input.root,
    summary: { files: input.files, parsed: input.parsed, callSites: callSites.length, byProvider },
    callSites,
    skipped: input.skipped,
  };
}

function toEntry(site: LinkedCallSite): InventoryEntry {
  const entry: InventoryEntry = {
    file: site.file,
    line: site.range.startLine + 1,
    column: site.range.startColumn + 1,
    provider: site.provider,
    api: site.api,
    model: site.model ? redactSecrets(site.model) : null,
    callee: redactSecrets(site.callee),
    viaWrapper: !!site.viaWrapper,
    inLoop: site.repetition.length > 0,
    volume: estimateVolume(site.repetition, samplesPerCall(site)),
    enclosingFunction: site.enclosingFunction ?? null,
  };
  if (site.viaWrapper) entry.wrapperChain = site.viaWrapper.chain;
  return entry;
}

/** `n=4` / `candidate_count=4` multiplies the outputs each request returns. */
function samplesPerCall(site: LinkedCallSite): number {
  const params = site.target?.params ?? site.params;
  const n = [params.n, params.bestOf, params.candidateCount].find((v) => typeof v === 'number');
  return typeof n === 'number' && n > 1 ? n : 1;
}

/** Plain-text inventory: one line per call site, grouped by file. */
export function inventoryToText(report: InventoryReport): string {
  const lines: string[] = [];
  let currentFile = '';
  for (const c of report.callSites) {
    if (c.file !== currentFile) {
      currentFile = c.file;
      lines.push(c.file);
    }
    const via = c.viaWrapper ? ` via ${c.wrapperChain?.join(' → ') ?? 'wrapper'}` : '';
    const loop = c.inLoop ? `  loop, volume ${formatVolume(c.volume)}` : '';
    lines.push(`  ${c.line}:${c.column}  ${c.provider} ${c.api}${c.model ? ` ${c.model}` : ''}  ${c.callee}${via}${loop}`);
  }
  lines.push('');
  lines.push(
    `${report.summary.callSites} call site${report.summary.callSites === 1 ? '' : 's'} ` +
      `in ${new Set(report.callSites.map((c) => c.file)).size} files (${providerSummary(report)}); ${report.summary.parsed} ` +
      `of ${report.summary.files} files parsed, ${report.skipped.length} skipped`,
  );
  return lines.join('\n');
}

/** Markdown inventory: a table a reviewer can paste into a pre-clearance thread or a PR. */
export function inventoryToMarkdown(report: InventoryReport): string {
  const lines = [
    `# LLM call-site inventory: ${escapeCell(report.root)}`,
    '',
    `${report.summary.callSites} call sites; ${providerSummary(report) || 'none'}.`,
    '',
    '| File | Line | Provider | API | Model | Callee | Via wrapper | Loop | Volume |',
    '|---|---:|---|---|---|---|---|---|---:|',
  ];
  for (const c of report.callSites) {
    lines.push(
      `| ${escapeCell(c.file)} | ${c.line} | ${c.provider} | ${c.api} | ${escapeCell(c.model ?? '')} | ` +
        `\`${escapeCell(c.callee)}\` | ${c.viaWrapper ? escapeCell(c.wrapperChain?.join(' → ') ?? 'yes') : ''} ` +
        `| ${c.inLoop ? 'yes' : ''} | ${c.inLoop ? formatVolume(c.volume) : ''} |`,
    );
  }
  if (report.skipped.length) {
    lines.push('', '## Skipped files', '');
    for (const s of report.skipped) lines.push(`- ${escapeCell(s.file)}: ${escapeCell(s.reason)}`);
  }
  return lines.join('\n');
}

function providerSummary(report: InventoryReport): string {
  return Object.entries(report.summary.byProvider)
    .sort((a, b) => b[1]! - a[1]!)
    .map(([p, n]) => `${p} ${n}`)
    .join(', ');
}

function formatVolume(volume: number | 'unbounded' | null): string {
  if (volume === null) return '';
  return typeof volume === 'number' ? volume.toLocaleString('en-US') : volume;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
