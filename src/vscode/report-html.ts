// The report webview's HTML, rendered on the extension side: every string that came from the
// workspace is escaped here, and the page loads only the extension's own script (with a nonce) and
// stylesheet. Pure functions (no 'vscode' import) so the escaping and the CSP are easy to test.
import type { Finding } from '../engine/types';
import type { ReportInput } from '../engine/report/json';
import { engine } from './lazy-engine';

export interface ReportResources {
  /** The webview's `cspSource` (its own resource origin). */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

/** Localised labels, passed in so this module stays free of the 'vscode' import. */
export type ReportLabels = Record<
  | 'title'
  | 'files'
  | 'analysed'
  | 'skipped'
  | 'findings'
  | 'suppressed'
  | 'bySeverity'
  | 'byProvider'
  | 'byRule'
  | 'workloads'
  | 'allFindings'
  | 'severity'
  | 'rule'
  | 'workload'
  | 'provider'
  | 'location'
  | 'message'
  | 'volume'
  | 'exportJson'
  | 'exportSarif'
  | 'exportMarkdown'
  | 'noFindings'
  | 'unbounded'
  | 'skippedFiles'
  | 'exportedTo',
  string
>;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function contentSecurityPolicy(r: Pick<ReportResources, 'cspSource' | 'nonce'>): string {
  return [
    `default-src 'none'`,
    `img-src ${r.cspSource} data:`,
    `style-src ${r.cspSource}`,
    `font-src ${r.cspSource}`,
    `script-src 'nonce-${r.nonce}'`,
  ].join('; ');
}

/** One horizontal bar per row; bars are SVG rects sized by attributes (the CSP allows no inline styles). */
function barChart(id: string, title: string, rows: { label: string; value: number; display?: string; cls: string }[]): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const body = rows
    .map((r) => {
      const width = r.value <= 0 ? 0 : Math.max(1, Math.round((r.value / max) * 100));
      const value = escapeHtml(r.display ?? String(r.value));
      return (
        `<div class="bar-row"><span class="bar-label" title="${escapeHtml(r.label)}">${escapeHtml(r.label)}</span>` +
        `<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(r.label)}: ${value}">` +
        `<rect class="${r.cls}" x="0" y="0" width="${width}" height="10"></rect></svg>` +
        `<span class="bar-value">${value}</span></div>`
      );
    })
    .join('');
  return `<section class="chart" id="${id}"><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function countsBy(findings: Finding[], key: (f: Finding) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** `exported`: the path of the last export, confirmed at the top of the page. */
export function renderReportHtml(input: ReportInput, resources: ReportResources, labels: ReportLabels, exported?: string): string {
  const active = input.findings.filter((f) => !f.suppressed);
  const bySeverity = engine().countBySeverity(input.findings);
  const workloads = engine().workloadRows(input.findings);
  const maxVolume = Math.max(1, ...workloads.map((w) => (typeof w.volume === 'number' ? w.volume : 0)));
  const summary = [
    [labels.files, input.files],
    [labels.analysed, input.parsed],
    [labels.skipped, input.skipped.length],
    [labels.findings, active.length],
    [labels.suppressed, input.findings.length - active.length],
  ]
    .map(
      ([k, v]) =>
        `<div class="card"><span class="card-value">${escapeHtml(String(v))}</span>` +
        `<span class="card-label">${escapeHtml(String(k))}</span></div>`,
    )
    .join('');
  const charts = active.length
    ? barChart(
        'chart-severity',
        labels.bySeverity,
        engine().SEVERITIES.map((s) => ({ label: s, value: bySeverity[s], cls: `sev-${s}` })),
      ) +
      barChart(
        'chart-provider',
        labels.byProvider,
        countsBy(active, (f) => engine().providerName(f.provider)).map(([label, value]) => ({ label, value, cls: 'series' })),
      ) +
      barChart(
        'chart-rule',
        labels.byRule,
        countsBy(active, (f) => f.ruleId).map(([label, value]) => ({ label, value, cls: 'series' })),
      ) +
      barChart(
        'chart-volume',
        labels.volume,
        workloads.map((w) => ({
          label: w.workload,
          value: w.volume === 'unbounded' ? maxVolume : typeof w.volume === 'number' ? w.volume : 0,
          display: w.volume === 'unbounded' ? labels.unbounded : engine().formatVolume(w.volume),
          cls: w.volume === 'unbounded' ? 'unbounded' : `sev-${w.worst}`,
        })),
      )
    : `<p class="empty">${escapeHtml(labels.noFindings)}</p>`;
  // Strongest first; `data-index` keeps the finding's place in the scan, which the panel maps to its location.
  const rank = (f: Finding) => engine().SEVERITIES.indexOf(f.severity);
  const ordered = input.findings
    .map((f, index) => ({ f, index }))
    .sort((a, b) => Number(a.f.suppressed) - Number(b.f.suppressed) || rank(a.f) - rank(b.f) || a.index - b.index);
  const rows = ordered
    .map(
      ({ f, index }) =>
        `<tr class="${f.suppressed ? 'suppressed' : ''}" data-severity="${f.severity}">` +
        `<td><span class="badge sev-${f.severity}">${escapeHtml(f.severity)}</span></td>` +
        `<td>${escapeHtml(f.ruleId)}</td><td>${escapeHtml(f.workload)}</td><td>${escapeHtml(engine().providerName(f.provider))}</td>` +
        `<td><a href="#" class="location" data-index="${index}">${escapeHtml(f.file)}:${f.range.startLine + 1}</a></td>` +
        `<td class="message">${escapeHtml(f.message)}</td></tr>`,
    )
    .join('');
  // Fixed column widths: a long workload or file name wraps in its own column instead of squeezing "Why".
  const columns =
    '<colgroup><col class="col-severity"><col class="col-rule"><col class="col-workload">' +
    '<col class="col-provider"><col class="col-location"><col class="col-message"></colgroup>';
  const headings = [labels.severity, labels.rule, labels.workload, labels.provider, labels.location, labels.message]
    .map((heading) => `<th>${escapeHtml(heading)}</th>`)
    .join('');
  const table = input.findings.length
    ? `<table id="findings">${columns}<thead><tr>${headings}</tr></thead><tbody>${rows}</tbody></table>`
    : '';
  const skipped = input.skipped.length
    ? `<section id="skipped"><h2>${escapeHtml(labels.skippedFiles)} (${input.skipped.length})</h2><ul>` +
      input.skipped.map((sk) => `<li><code>${escapeHtml(sk.file)}</code>: ${escapeHtml(sk.reason)}</li>`).join('') +
      '</ul></section>'
    : '';
  const actions =
    `<div class="actions"><button data-export="json">${escapeHtml(labels.exportJson)}</button>` +
    `<button data-export="sarif">${escapeHtml(labels.exportSarif)}</button>` +
    `<button data-export="markdown">${escapeHtml(labels.exportMarkdown)}</button></div>`;
  const notice = exported
    ? `<p id="export-notice" class="notice" role="status">${escapeHtml(labels.exportedTo)} <code>${escapeHtml(exported)}</code></p>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(resources)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(resources.styleUri)}">
<title>${escapeHtml(labels.title)}</title>
</head>
<body>
<header><h1>${escapeHtml(labels.title)}</h1><p class="root">${escapeHtml(input.root)}</p>
${actions}</header>
${notice}
<section class="summary">${summary}</section>
<div class="charts">${charts}</div>
<section><h2>${escapeHtml(labels.allFindings)}</h2>${table}</section>
${skipped}
<script nonce="${resources.nonce}" src="${escapeHtml(resources.scriptUri)}"></script>
</body>
</html>`;
}
