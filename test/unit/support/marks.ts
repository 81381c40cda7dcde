// Fixture marks: a comment `ruleid: <id>` (or `ok: <id>`) marks the next code line as one where
// the rule must (or must not) report. Several ids may follow, separated by commas. A finding on a
// comment line (an annotation's own problems) is marked with an offset: `ruleid: <id> (+2)` is
// the line two below the mark.
import { readFileSync } from 'node:fs';

export interface Mark {
  file: string;
  line: number;
  kind: 'ruleid' | 'ok';
  id: string;
}

const MARK = /(?:#|\/\/|\/\*|\{\/\*)\s*(ruleid|ok)\s*:\s*([\w-]+(?:\s*,\s*[\w-]+)*)(?:\s*\(\+(\d+)\))?/;

export function readMarks(fullPath: string, relative: string, prefixes = ['ruleid', 'ok']): Mark[] {
  const lines = readFileSync(fullPath, 'utf8').split('\n');
  const marks: Mark[] = [];
  lines.forEach((text, i) => {
    const m = MARK.exec(text);
    if (!m || !prefixes.includes(m[1])) return;
    const target = m[3]
      ? i + Number(m[3])
      : text.trim().startsWith(m[0].trim().slice(0, 2)) && isCommentOnly(text)
        ? nextCodeLine(lines, i)
        : i;
    for (const id of m[2].split(',').map((s) => s.trim())) marks.push({ file: relative, line: target, kind: m[1] as Mark['kind'], id });
  });
  return marks;
}

function isCommentOnly(text: string): boolean {
  const t = text.trim();
  return t.startsWith('#') || t.startsWith('//') || t.startsWith('/*') || t.startsWith('{/*');
}

function nextCodeLine(lines: string[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t && !isCommentOnly(lines[i])) return i;
  }
  return from + 1;
}
