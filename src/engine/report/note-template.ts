// The whole prompt template a pre-clearance note quotes. Extraction keeps the string piece where a
// prompt feature was noticed ("…Think step by step"); the note reads the complete constant from the
// file's text instead: the assignment `NAME = …` with every adjacent or `+`-joined string literal
// (Python and JS/TS quotes, triple quotes, template literals), so no placeholder is lost.
import escapeRegExp from 'escape-string-regexp';

const MAX_TEMPLATE_CHARS = 4000;

/**
 * The full text of the string constant `name` assigned at or above line `line` (0-based), or
 * undefined when the text there is not a literal assignment of that name.
 */
export function fullTemplateText(text: string, name: string, line: number): string | undefined {
  const lines = text.split('\n');
  const escaped = escapeRegExp(name);
  const head = new RegExp(`^\\s*(?:export\\s+)?(?:(?:const|let|var)\\s+)?${escaped}\\s*(?::\\s*[\\w.<>\\[\\]| ]+)?=(?!=)`);
  let start = -1;
  for (let i = Math.min(line, lines.length - 1); i >= 0 && i >= line - 40; i--) {
    if (head.test(lines[i])) {
      start = i;
      break;
    }
  }
  if (start < 0) return undefined;
  const offset = lines.slice(0, start).reduce((n, l) => n + l.length + 1, 0) + head.exec(lines[start])![0].length;
  return literalExpression(text, offset);
}

/** Reads string literals joined by adjacency, `+` or line continuations from `at`; stops at anything else. */
function literalExpression(text: string, at: number): string | undefined {
  let i = at;
  let depth = 0;
  let out = '';
  let pieces = 0;
  for (;;) {
    // Whitespace; newlines only count inside parentheses or after a joining `+` / backslash.
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (c === '\\' && text[i + 1] === '\n') i += 2;
      else if (c === '\n' && (depth > 0 || pieces === 0)) i++;
      else if (c === '#' && depth > 0) i = lineEnd(text, i);
      else break;
    }
    const c = text[i];
    if (c === '(') {
      depth++;
      i++;
      continue;
    }
    if (c === ')' && depth > 0) {
      depth--;
      i++;
      if (depth === 0) break;
      continue;
    }
    if (c === '+' && pieces > 0) {
      i++;
      while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
      continue;
    }
    const literal = stringLiteralAt(text, i);
    if (!literal) break;
    out += literal.value;
    pieces++;
    i = literal.end;
    if (out.length > MAX_TEMPLATE_CHARS) break;
  }
  return pieces ? out.slice(0, MAX_TEMPLATE_CHARS) : undefined;
}

function lineEnd(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  return n < 0 ? text.length : n;
}

/** A Python or JS string literal starting at `i` (prefixes f, r, b, u allowed), with its raw content. */
function stringLiteralAt(text: string, i: number): { value: string; end: number } | undefined {
  const prefix = /^[rRbBuUfF]{0,2}/.exec(text.slice(i, i + 2))![0];
  const q = i + prefix.length;
  const quote = text[q];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  if (prefix && quote === '`') return undefined;
  const triple = quote !== '`' && text.startsWith(quote.repeat(3), q);
  const close = triple ? quote.repeat(3) : quote;
  let j = q + close.length;
  let value = '';
  while (j < text.length) {
    if (text.startsWith(close, j)) return { value, end: j + close.length };
    const c = text[j];
    if (c === '\\' && j + 1 < text.length) {
      const next = text[j + 1];
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next === '\n' ? '' : next;
      j += 2;
      continue;
    }
    if (c === '\n' && !triple && quote !== '`') return undefined;
    value += c;
    j++;
  }
  return undefined;
}
