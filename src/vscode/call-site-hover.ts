// Hover on an LLM call site (or a call to a workspace wrapper that reaches one): provider, model,
// the repetition around it, the volume estimate, and each workload on that line once — its
// message, its rules as facets (each linking to its shipped docs page) and its signals, listed once.
import vscode = require('vscode');
import { SOURCE_SELECTOR, type EngineSession } from './engine-session';
import type { LiveDiagnostics } from './live-diagnostics';
import { documentWorkloads } from './document-workloads';
import type { Finding } from '../engine/types';
import { toRange } from './diagnostics';
import { engine } from './lazy-engine';
import { SHOW_RULE_DOCS } from './rule-docs';

export class CallSiteHover implements vscode.HoverProvider {
  /** Last live findings per document, so a hover shows the same signals as the diagnostics. */
  private readonly findings = new Map<string, Finding[]>();

  constructor(
    private readonly session: EngineSession,
    live: LiveDiagnostics,
    subscriptions: vscode.Disposable[],
  ) {
    subscriptions.push(
      live.onDidAnalyse.event(({ uri, findings }) => this.findings.set(uri.toString(), findings)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.findings.delete(doc.uri.toString())),
    );
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const found = await documentWorkloads(this.session, document.uri);
    const site = found?.sites.find((s) => toRange(s.range).contains(position));
    if (!found || !site) return undefined;
    const t = vscode.l10n.t;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${t('Prompt Pattern Review')}** — ${t('LLM call site')}\n\n`);
    const model = site.model ?? site.target.model;
    const rows: [string, string][] = [
      [t('Provider'), `${engine().providerName(site.provider)} (${site.target.api})`],
      [t('Model'), model ?? (site.modelDynamic || site.target.modelDynamic ? t('chosen at run time') : t('not given'))],
    ];
    if (site.viaWrapper)
      rows.push([
        t('Via'),
        `${site.viaWrapper.chain.join(' → ')} (${site.viaWrapper.definedAt.file}:${site.viaWrapper.definedAt.line + 1})`,
      ]);
    rows.push([t('Repetition'), engine().describeRepetition(site.repetition)]);
    if (site.repetition.length)
      rows.push([t('Estimated volume'), engine().formatVolume(engine().estimateVolume(site.repetition, engine().samplesPerCall(site)))]);
    const workload = found.workloads.find((w) => w.sites.includes(site));
    const purpose = workload?.annotation?.annotation.fields.purpose?.trim();
    if (workload)
      rows.push([
        t('Workload'),
        `${workload.name} — ${purpose && !/^TODO\b/i.test(purpose) ? t('documented: {0}', purpose) : t('not documented')}`,
      ]);
    for (const [k, v] of rows) {
      md.appendMarkdown(`- **${k}:** `);
      md.appendText(v);
      md.appendMarkdown('\n');
    }
    const line = site.range.startLine;
    const findings = (this.findings.get(document.uri.toString()) ?? []).filter(
      (f) => !f.suppressed && f.range.startLine <= line && f.range.endLine >= line,
    );
    md.isTrusted = { enabledCommands: [SHOW_RULE_DOCS] };
    for (const at of engine().workloadLocations(findings)) {
      md.appendMarkdown(`\n**${at.severity}** — `);
      md.appendText(at.message);
      md.appendMarkdown(`\n\n${t('Rules')}:\n`);
      for (const facet of at.facets) {
        const link = `command:${SHOW_RULE_DOCS}?${encodeURIComponent(JSON.stringify([facet.ruleId]))}`;
        md.appendMarkdown(`- [\`${facet.ruleId}\`](${link}) (${facet.severity}): `);
        md.appendText(facet.title);
        md.appendMarkdown('\n');
      }
      const signals = [...new Set(at.facets.flatMap((f) => f.finding.signals))];
      if (signals.length) md.appendMarkdown(`\n${t('Signals')}:\n`);
      for (const s of signals) {
        md.appendMarkdown('- ');
        md.appendText(s);
        md.appendMarkdown('\n');
      }
    }
    return new vscode.Hover(md, toRange(site.range));
  }
}

export function registerCallSiteHover(context: vscode.ExtensionContext, session: EngineSession, live: LiveDiagnostics): CallSiteHover {
  const hover = new CallSiteHover(session, live, context.subscriptions);
  context.subscriptions.push(vscode.languages.registerHoverProvider(SOURCE_SELECTOR, hover));
  return hover;
}
