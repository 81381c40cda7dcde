// A regex alternation of many literal words, shaped as a trie: `ask_(?:cart|user)_model`.
// V8's backtracking engine tries a flat `a|b|c|…` list word by word at every position, so a
// thousand wrapper names made the second pre-filter round cost seconds; as a trie each position
// fails on its first character.

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

const escapeChar = (c: string) => (/[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c);

/** A regex source (no flags, no word boundaries) matching exactly the given words. */
export function wordTrieSource(words: Iterable<string>): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const c of word) {
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return source(root);
}

function source(node: TrieNode): string {
  const branches = [...node.next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([c, child]) => escapeChar(c) + source(child));
  if (!branches.length) return '';
  const body = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
  if (!node.end) return body;
  // A word that is a prefix of another: the rest is optional.
  return branches.length === 1 && branches[0].length === 1 ? `${body}?` : `(?:${body})?`;
}
