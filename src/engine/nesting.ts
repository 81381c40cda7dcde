// Guards against pathological nesting (tens of thousands of brackets): such files parse into
// trees whose analysis is quadratic in depth, so they are skipped with a reason instead.

export const MAX_NESTING = 400;

/** Deepest bracket nesting, ignoring brackets inside simple string literals and comments. */
export function maxBracketDepth(text: string, limit = MAX_NESTING + 1): number {
  let depth = 0;
  let max = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 92)
        i++; // backslash escapes the next character
      else if (c === quote || c === 10) quote = 0;
      continue;
    }
    switch (c) {
      case 34:
      case 39:
      case 96:
        quote = c;
        break; // " ' `
      case 40:
      case 91:
      case 123: // ( [ {
        if (++depth > max) {
          max = depth;
          if (max >= limit) return max;
        }
        break;
      case 41:
      case 93:
      case 125:
        if (depth > 0) depth--;
        break;
    }
  }
  return max;
}
