// What a scan keeps of a file that did not pass the pre-filter: the hashes of the words in it
// (runs of [A-Za-z0-9_], the same words a regex `\b` sees), about 90 numbers for a typical file
// instead of its text. A later wrapper round asks which of these files could mention a wrapper
// found since, re-reads only those and tests the real pattern on them. Keeping every such text
// for the rounds cost about as much memory as the tree's size.

const WORD_CHAR = new Uint8Array(128);
for (const [from, to] of [
  [48, 57],
  [65, 90],
  [97, 122],
  [95, 95],
])
  for (let c = from; c <= to; c++) WORD_CHAR[c] = 1;

let scratch = new Uint32Array(4096);

/** The distinct word hashes of `text`, sorted. */
export function wordHashes(text: string): Uint32Array {
  let count = 0;
  let hash = 0;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c < 128 && WORD_CHAR[c] === 1) {
      hash = Math.imul((inWord ? hash : 0x811c9dc5) ^ c, 16777619);
      inWord = true;
    } else if (inWord) {
      if (count === scratch.length) {
        const grown = new Uint32Array(scratch.length * 2);
        grown.set(scratch);
        scratch = grown;
      }
      scratch[count++] = hash >>> 0;
      inWord = false;
    }
  }
  const sorted = scratch.subarray(0, count).sort();
  let distinct = 0;
  for (let i = 0; i < count; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  return sorted.slice(0, distinct);
}

export function wordHash(word: string): number {
  return wordHashes(word)[0] ?? 0;
}

/**
 * A question about many files' word hashes: could the text mention any of these word
 * combinations? Each entry lists the words one alternative of a pattern needs, all of them.
 * A yes may be wrong (hash collisions); a no never is.
 */
export class WordQuery {
  private readonly byFirst = new Map<number, number[][]>();
  /** An alternative without words (a name of symbols only) can match anywhere. */
  private readonly matchesAll: boolean;

  constructor(alternatives: string[][]) {
    this.matchesAll = alternatives.some((words) => words.length === 0);
    for (const words of alternatives) {
      const hashes = words.map(wordHash);
      if (!hashes.length) continue;
      const list = this.byFirst.get(hashes[0]);
      if (list) list.push(hashes.slice(1));
      else this.byFirst.set(hashes[0], [hashes.slice(1)]);
    }
  }

  mayMatch(hashes: Uint32Array): boolean {
    if (this.matchesAll) return true;
    for (const hash of hashes) {
      const rests = this.byFirst.get(hash);
      if (rests?.some((rest) => rest.every((h) => contains(hashes, h)))) return true;
    }
    return false;
  }
}

function contains(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
