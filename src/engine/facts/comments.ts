// `@llm-usage` annotations and `llm-usage-ignore` suppressions, read from comment nodes.
// An annotation attaches to the next syntactic node (function, class, loop, statement) and
// covers it; `@llm-usage file` covers the whole file.
import type { Node } from 'web-tree-sitter';
import type { FileFacts, Language, Range, UsageAnnotation } from '../types';
import { rangeOf, walk } from './syntax';

export const ANNOTATION_KEYS = ['purpose', 'volume', 'data', 'clearance', 'owner', 'expires'] as const;
const SUPPRESSION = /llm-usage-ignore(-file)?(?:\s+([\w-]+))?(?:\s+--\s*(.*?))?\s*(?:\*\/)?\s*$/;
const UNTIL = /\buntil=(\d{4}-\d{2}-\d{2})\b/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface CommentLine { node: Node; line: number; text: string; trailing: boolean }

export function collectComments(root: Node, text: string, language: Language, facts: FileFacts): void {
  const comments: Node[] = [];
  walk(root, (node) => {
    if (node.type === 'comment') comments.push(node);
  });
  if (comments.length === 0) return;
  const lines = text.split('\n');
  const commentLines: CommentLine[] = [];
  for (const node of comments) {
    const raw = node.text;
    const before = lines[node.startPosition.row]?.slice(0, node.startPosition.column) ?? '';
    const trailing = before.trim().length > 0;
    raw.split('\n').forEach((part, i) => {
      commentLines.push({ node, line: node.startPosition.row + i, text: stripCommentMarkers(part, language), trailing: trailing && i === 0 });
    });
  }
  collectSuppressions(commentLines, lines, facts);
  collectAnnotations(commentLines, root, lines, facts);
}

function stripCommentMarkers(line: string, language: Language): string {
  let t = line.trim();
  if (language === 'python') t = t.replace(/^#+/, '');
  else t = t.replace(/^\/\*+/, '').replace(/\*+\/$/, '').replace(/^\/\/+/, '').replace(/^\*+(?!\/)/, '');
  return t.trim();
}

function collectSuppressions(commentLines: CommentLine[], lines: string[], facts: FileFacts): void {
  for (const c of commentLines) {
    const m = SUPPRESSION.exec(c.text);
    if (!m || !c.text.includes('llm-usage-ignore')) continue;
    const fileScope = !!m[1];
    const reasonRaw = m[3]?.replace(UNTIL, '').trim();
    const until = UNTIL.exec(c.text)?.[1];
    const range: Range = { startLine: c.line, startColumn: 0, endLine: c.line, endColumn: lines[c.line]?.length ?? 0 };
    facts.suppressions.push({
      range,
      appliesToLine: fileScope ? -1 : c.trailing ? c.line : nextCodeLine(lines, c.line),
      ruleId: m[2] ?? '',
      reason: reasonRaw ? reasonRaw : undefined,
      until,
      scope: fileScope ? 'file' : 'line',
    });
  }
}

function nextCodeLine(lines: string[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t && !t.startsWith('#') && !t.startsWith('//') && !t.startsWith('*') && !t.startsWith('/*')) return i;
  }
  return from + 1;
}

function collectAnnotations(commentLines: CommentLine[], root: Node, lines: string[], facts: FileFacts): void {
  for (let i = 0; i < commentLines.length; i++) {
    const head = commentLines[i];
    const m = /^@llm-usage\b(.*)$/.exec(head.text);
    if (!m) continue;
    const fileScope = /^\s*file\b/.test(m[1]);
    const fields: Record<string, string> = {};
    const problems: string[] = [];
    let last = head;
    let lastKey: string | undefined;
    for (let j = i + 1; j < commentLines.length; j++) {
      const c = commentLines[j];
      if (c.line !== last.line + 1 || c.trailing) break;
      if (/^@llm-usage\b/.test(c.text) || c.text.includes('llm-usage-ignore')) break;
      const kv = /^([A-Za-z_-]+)\s*:\s*(.*)$/.exec(c.text);
      if (kv) {
        const key = kv[1].toLowerCase();
        fields[key] = kv[2].trim();
        lastKey = key;
        if (!(ANNOTATION_KEYS as readonly string[]).includes(key)) problems.push(`unknown key "${kv[1]}" (known: ${ANNOTATION_KEYS.join(', ')})`);
      } else if (c.text && lastKey) {
        fields[lastKey] = `${fields[lastKey]} ${c.text}`.trim(); // continuation line
      } else if (c.text) break;
      last = c;
      i = j;
    }
    if (!fields.purpose || /^TODO\b/i.test(fields.purpose)) problems.push(fields.purpose ? 'purpose is still TODO' : 'missing required key "purpose"');
    if (fields.expires && !DATE.test(fields.expires)) problems.push(`expires "${fields.expires}" is not a date (YYYY-MM-DD)`);
    const range: Range = { startLine: head.line, startColumn: 0, endLine: last.line, endColumn: lines[last.line]?.length ?? 0 };
    const covers = fileScope ? wholeFile(lines) : nextNodeRange(root, last.line) ?? range;
    facts.annotations.push({ range, covers, scope: fileScope ? 'file' : 'node', fields, problems });
  }
}

function wholeFile(lines: string[]): Range {
  return { startLine: 0, startColumn: 0, endLine: Math.max(0, lines.length - 1), endColumn: lines[lines.length - 1]?.length ?? 0 };
}

/** The outermost named node that starts on the first code line after `line`. */
function nextNodeRange(root: Node, line: number): Range | undefined {
  let best: Node | undefined;
  walk(root, (node) => {
    if (best) return false;
    if (node.endPosition.row <= line) return false; // entirely before: skip subtree
    if (node.startPosition.row > line && node.type !== 'comment' && node.isNamed && node.type !== 'module' && node.type !== 'program') {
      best = node.type === 'expression_statement' || node.type === 'decorator' ? node.parent?.type === 'decorated_definition' ? node.parent : node : node;
      return false;
    }
    return true;
  });
  return best ? rangeOf(best) : undefined;
}

export type { UsageAnnotation };
