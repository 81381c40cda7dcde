// `@llm-usage` annotations and `llm-usage-ignore` suppressions, read from comment nodes.
// An annotation attaches to the next syntactic node (function, class, loop, statement) and
// covers it; `@llm-usage file` covers the whole file. Problems found here (missing purpose,
// unknown keys, malformed dates) are recorded, not thrown: rule stale-usage-annotation reports
// them, together with the checks that need today's date (past `expires`, expired `until`).
import type { SyntaxNode } from '../parse/syntax-tree';
import type { FileFacts, Language, Range, Suppression, UsageAnnotation } from '../types';
import { rangeOf, walk } from './syntax';

export const ANNOTATION_KEYS = ['purpose', 'volume', 'data', 'clearance', 'owner', 'expires'] as const;
export type AnnotationKey = (typeof ANNOTATION_KEYS)[number];

const ANNOTATION_HEAD = /^@llm-usage(?![\w-])(.*)$/;
const SUPPRESSION_HEAD = /^llm-usage-ignore(-file)?(?![\w-])(.*)$/;
const UNTIL = /\buntil=(\S+)/;
const KEY_VALUE = /^([A-Za-z][A-Za-z_-]*)\s*:\s*(.*)$/;
/** Containers whose first statement is the real "next node" when a comment opens a body. */
const BODY_TYPES = new Set(['block', 'statement_block', 'class_body', 'module', 'program']);

export interface CommentLine {
  line: number;
  text: string;
  trailing: boolean;
}

/** YYYY-MM-DD that names a real calendar day. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

/** A purpose that says something (not empty, not the skeleton's `TODO`). */
export function hasRealPurpose(fields: Record<string, string>): boolean {
  return !!fields.purpose && !/^TODO\b/i.test(fields.purpose);
}

export function collectComments(root: SyntaxNode, text: string, language: Language, facts: FileFacts): void {
  const comments: SyntaxNode[] = [];
  walk(root, (node) => {
    if (node.type === 'comment') comments.push(node);
  });
  if (comments.length === 0) return;
  const lines = text.split('\n');
  const commentLines: CommentLine[] = [];
  for (const node of comments) {
    const before = lines[node.startPosition.row]?.slice(0, node.startPosition.column) ?? '';
    const trailing = before.trim().length > 0;
    node.text.split('\n').forEach((part, i) => {
      commentLines.push({ line: node.startPosition.row + i, text: stripCommentMarkers(part, language), trailing: trailing && i === 0 });
    });
  }
  for (const c of commentLines) facts.suppressions.push(...parseSuppressions(c, lines));
  collectAnnotations(commentLines, root, lines, facts);
}

function stripCommentMarkers(line: string, language: Language): string {
  let t = line.trim();
  if (language === 'python') t = t.replace(/^#+/, '');
  else
    t = t
      .replace(/^\/\*+/, '')
      .replace(/\*+\/$/, '')
      .replace(/^\/\/+/, '')
      .replace(/^\*+(?!\/)/, '');
  return t.replace(/\*+\/\s*\}?$/, '').trim();
}

/**
 * `llm-usage-ignore <rule-id>[,<rule-id>] [until=YYYY-MM-DD] -- <reason>`; `until=` may also follow
 * the reason. One Suppression per rule id; a missing id or reason is kept so it can be reported.
 */
export function parseSuppressions(c: CommentLine, lines: string[]): Suppression[] {
  const m = SUPPRESSION_HEAD.exec(c.text);
  if (!m) return [];
  const fileScope = !!m[1];
  const rest = m[2];
  const dash = rest.indexOf('--');
  const head = dash >= 0 ? rest.slice(0, dash) : rest;
  const until = UNTIL.exec(rest)?.[1];
  const reason =
    dash >= 0
      ? rest
          .slice(dash + 2)
          .replace(UNTIL, '')
          .trim()
      : '';
  const ids = head
    .replace(UNTIL, '')
    .split(/[\s,]+/)
    .filter(Boolean);
  const range: Range = { startLine: c.line, startColumn: 0, endLine: c.line, endColumn: lines[c.line]?.length ?? 0 };
  const appliesToLine = fileScope ? -1 : c.trailing ? c.line : nextCodeLine(lines, c.line);
  return (ids.length ? ids : ['']).map((ruleId) => ({
    range,
    appliesToLine,
    ruleId,
    reason: reason || undefined,
    until,
    scope: fileScope ? 'file' : 'line',
  }));
}

function nextCodeLine(lines: string[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t && !t.startsWith('#') && !t.startsWith('//') && !t.startsWith('*') && !t.startsWith('/*')) return i;
  }
  return from + 1;
}

function collectAnnotations(commentLines: CommentLine[], root: SyntaxNode, lines: string[], facts: FileFacts): void {
  for (let i = 0; i < commentLines.length; i++) {
    const head = commentLines[i];
    const m = ANNOTATION_HEAD.exec(head.text);
    if (!m || head.trailing) continue;
    const fileScope = /^\s*file\b/.test(m[1]);
    const fields: Record<string, string> = {};
    const problems: string[] = [];
    let lastKey: string | undefined;
    const addField = (rawKey: string, value: string) => {
      const key = rawKey.toLowerCase();
      if (!(ANNOTATION_KEYS as readonly string[]).includes(key))
        problems.push(`unknown key "${rawKey}" (known: ${ANNOTATION_KEYS.join(', ')})`);
      else if (key in fields) problems.push(`key "${key}" is given twice`);
      fields[key] = value.trim();
      lastKey = key;
    };
    // `@llm-usage purpose: …` on the head line itself.
    const inline = KEY_VALUE.exec(m[1].replace(/^\s*file\b/, '').trim());
    if (inline) addField(inline[1], inline[2]);
    let last = head;
    for (let j = i + 1; j < commentLines.length; j++) {
      const c = commentLines[j];
      if (c.line !== last.line + 1 || c.trailing) break;
      if (ANNOTATION_HEAD.test(c.text) || SUPPRESSION_HEAD.test(c.text)) break;
      const kv = KEY_VALUE.exec(c.text);
      // `https://…` on its own line continues the previous value; it is not a key.
      if (kv && !kv[2].startsWith('//')) addField(kv[1], kv[2]);
      else if (c.text && lastKey) fields[lastKey] = `${fields[lastKey]} ${c.text}`.trim();
      else if (c.text) break;
      last = c;
      i = j;
    }
    if (!('purpose' in fields)) problems.push('missing required key "purpose"');
    else if (!fields.purpose) problems.push('"purpose" is empty');
    else if (!hasRealPurpose(fields)) problems.push('"purpose" is still TODO');
    if (fields.expires !== undefined && !isIsoDate(fields.expires)) problems.push(`expires "${fields.expires}" is not a date (YYYY-MM-DD)`);
    const range: Range = { startLine: head.line, startColumn: 0, endLine: last.line, endColumn: lines[last.line]?.length ?? 0 };
    let covers = fileScope ? wholeFile(lines) : nextNodeRange(root, last.line);
    if (!covers) {
      problems.push('no code follows the annotation, so it documents nothing');
      covers = range;
    }
    facts.annotations.push({ range, covers, scope: fileScope ? 'file' : 'node', fields, problems });
  }
}

function wholeFile(lines: string[]): Range {
  return { startLine: 0, startColumn: 0, endLine: Math.max(0, lines.length - 1), endColumn: lines[lines.length - 1]?.length ?? 0 };
}

/** The outermost statement-level node that starts after `line` (a body container yields its first statement). */
function nextNodeRange(root: SyntaxNode, line: number): Range | undefined {
  let best: SyntaxNode | undefined;
  walk(root, (node) => {
    if (best) return false;
    if (node.endPosition.row <= line) return false; // entirely before: skip subtree
    if (node.startPosition.row > line && node.isNamed && node.type !== 'comment' && !BODY_TYPES.has(node.type)) {
      best = node.type === 'decorator' && node.parent?.type === 'decorated_definition' ? node.parent : node;
      return false;
    }
    return true;
  });
  return best ? rangeOf(best) : undefined;
}

export type { UsageAnnotation };
