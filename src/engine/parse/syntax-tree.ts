// A plain-JavaScript copy of a tree-sitter tree, built in one cursor pass right after parsing.
// Extraction asks each node for its type, parent, fields and children many times; on
// web-tree-sitter's own nodes every such read is a call into wasm that marshals handles and
// allocates a new node object, which made extraction the bulk of a cold scan. Here a node is read
// from wasm once (type, field, start and end offsets) and everything else is JavaScript.
import type { Tree, TreeCursor } from 'web-tree-sitter';

export interface Point {
  row: number;
  column: number;
}

// Most nodes are leaves: they share this instead of holding an empty array each.
const NO_CHILDREN: readonly SyntaxNode[] = Object.freeze([]);

export class SyntaxNode {
  parent: SyntaxNode | null = null;
  children = NO_CHILDREN as SyntaxNode[];
  /** The field of its parent this node fills (`function`, `arguments`, …), if any. */
  field: string | undefined = undefined;
  /** Index of the node in the tree's preorder, and the index just past its last descendant. */
  end = 0;
  private named?: SyntaxNode[];

  constructor(
    readonly tree: SyntaxTree,
    /** Position in document order; unique within the tree. */
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    /** Offsets in UTF-16 code units, like web-tree-sitter's. */
    readonly startIndex: number,
    readonly endIndex: number,
  ) {}

  get text(): string {
    return this.tree.source.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.tree.pointAt(this.startIndex);
  }

  get endPosition(): Point {
    return this.tree.pointAt(this.endIndex);
  }

  get namedChildren(): SyntaxNode[] {
    return (this.named ??= this.children === NO_CHILDREN ? this.children : this.children.filter((c) => c.isNamed));
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  namedChild(index: number): SyntaxNode | null {
    return this.namedChildren[index] ?? null;
  }

  /** The first child in the given field, as tree-sitter's `childForFieldName`. */
  childForFieldName(field: string): SyntaxNode | null {
    for (const child of this.children) if (child.field === field) return child;
    return null;
  }
}

export class SyntaxTree {
  /** Every node in document order (a node's descendants are `nodes[id + 1 .. end)`). */
  readonly nodes: SyntaxNode[] = [];
  readonly rootNode: SyntaxNode;
  /** Whether the parser had to recover from a syntax error anywhere in the file. */
  readonly hasError: boolean;
  private lineStarts?: number[];

  constructor(
    tree: Tree,
    readonly source: string,
  ) {
    this.hasError = tree.rootNode.hasError;
    this.rootNode = this.copy(tree);
  }

  /** Row and column (UTF-16 code units) of an offset, counting `\n` as the line break like tree-sitter. */
  pointAt(index: number): Point {
    const starts = (this.lineStarts ??= lineStartsOf(this.source));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo] };
  }

  private copy(tree: Tree): SyntaxNode {
    if (cursorModule) return this.copyDirect(tree, cursorModule);
    const language = tree.language;
    const types = language.types;
    const fields = language.fields;
    const namedByType: boolean[] = [];
    const isNamed = (typeId: number) => (namedByType[typeId] ??= language.nodeTypeIsNamed(typeId));
    const open: SyntaxNode[] = [];
    const cursor: TreeCursor = tree.walk();
    try {
      for (;;) {
        const typeId = cursor.nodeTypeId;
        const node = new SyntaxNode(this, this.nodes.length, types[typeId] || 'ERROR', isNamed(typeId), cursor.startIndex, cursor.endIndex);
        const parent = open[open.length - 1];
        if (parent) {
          node.parent = parent;
          node.field = fields[cursor.currentFieldId] ?? undefined;
          if (parent.children === NO_CHILDREN) parent.children = [];
          parent.children.push(node);
        }
        this.nodes.push(node);
        open.push(node);
        if (cursor.gotoFirstChild()) continue;
        open.pop()!.end = this.nodes.length;
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) return this.nodes[0];
          open.pop()!.end = this.nodes.length;
        }
      }
    } finally {
      cursor.delete();
    }
  }

  /**
   * The same walk as `copy`, calling the runtime's cursor functions directly. Each call through
   * TreeCursor first writes the cursor's four words into the runtime's transfer buffer (and the
   * moves read them back), which cost as much as the parse itself; here the cursor stays in the
   * buffer for the whole walk and is read back once, before the cursor is deleted.
   */
  private copyDirect(tree: Tree, m: CursorModule): SyntaxNode {
    const language = tree.language;
    const types = language.types;
    const fields = language.fields;
    const namedByType: boolean[] = [];
    const isNamed = (typeId: number) => (namedByType[typeId] ??= language.nodeTypeIsNamed(typeId));
    const address = (tree as unknown as { [0]: number })[0];
    const cursor = tree.walk() as TreeCursor & { handles: number[] };
    const word = m.transferBuffer >> 2;
    m.HEAP32.set(cursor.handles, word);
    const open: SyntaxNode[] = [];
    const nodes = this.nodes;
    try {
      for (;;) {
        const typeId = m._ts_tree_cursor_current_node_type_id_wasm(address);
        const node = new SyntaxNode(
          this,
          nodes.length,
          types[typeId] || 'ERROR',
          isNamed(typeId),
          m._ts_tree_cursor_start_index_wasm(address),
          m._ts_tree_cursor_end_index_wasm(address),
        );
        const parent = open[open.length - 1];
        if (parent) {
          node.parent = parent;
          node.field = fields[m._ts_tree_cursor_current_field_id_wasm(address)] ?? undefined;
          if (parent.children === NO_CHILDREN) parent.children = [];
          parent.children.push(node);
        }
        nodes.push(node);
        open.push(node);
        if (m._ts_tree_cursor_goto_first_child_wasm(address) === 1) continue;
        open.pop()!.end = nodes.length;
        while (m._ts_tree_cursor_goto_next_sibling_wasm(address) !== 1) {
          if (m._ts_tree_cursor_goto_parent_wasm(address) !== 1) return nodes[0];
          open.pop()!.end = nodes.length;
        }
      }
    } finally {
      // The moves may have grown the cursor's stack (and the heap): read the words back through
      // the current view of memory, so delete() frees what the cursor holds now.
      const heap = m.HEAP32;
      for (let i = 0; i < 4; i++) cursor.handles[i] = heap[word + i];
      cursor.delete();
    }
  }
}

/** The runtime's cursor functions, taking the tree's address; the cursor is in the transfer buffer. */
interface CursorModule {
  HEAP32: Int32Array;
  transferBuffer: number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
}

const CURSOR_FUNCTIONS = [
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
] as const;

let cursorModule: CursorModule | undefined;

/** Whether trees are copied by calling the runtime's cursor functions directly. */
export const usesDirectCursor = (): boolean => cursorModule !== undefined;

/**
 * Called with the runtime's module once it is initialised. When it lacks what the direct walk
 * needs (another web-tree-sitter build), trees are copied through TreeCursor as before.
 */
export function useCursorModule(module: object): void {
  const m = module as Record<string, unknown>;
  const init = m._ts_init;
  if (!(m.HEAP32 instanceof Int32Array) || typeof init !== 'function' || !CURSOR_FUNCTIONS.every((name) => typeof m[name] === 'function'))
    return;
  // ts_init returns the address of the runtime's static transfer buffer (and only sets version words in it).
  const transferBuffer = (init as () => number)();
  cursorModule = {
    get HEAP32() {
      return m.HEAP32 as Int32Array;
    },
    transferBuffer,
    ...Object.fromEntries(CURSOR_FUNCTIONS.map((name) => [name, m[name]])),
  } as CursorModule;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}
