// Extraction reads a JavaScript copy of each tree; it must say exactly what web-tree-sitter's own
// nodes say (types, named-ness, fields, offsets, positions, text), including on non-ASCII text,
// CRLF line ends and code with syntax errors, or every fact built on it would drift.
import assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { parseText } from '../../src/engine/parse/parser';
import { SyntaxTree, usesDirectCursor, type SyntaxNode } from '../../src/engine/parse/syntax-tree';
import { createNodeHost } from '../../src/host/node-host';
import type { Language } from '../../src/engine/types';

const SAMPLES: [Language, string][] = [
  [
    'python',
    'import anthropic\n' +
      'client = anthropic.Anthropic()\n' +
      'for q in ["héllo 🌍", "日本"]:\n' +
      '    r = client.messages.create(model="m", messages=[{"role": "user", "content": f"{q} ✓"}])\n',
  ],
  ['python', 'def broken(:\r\n    x = [1, 2\r\n    return x\r\n'],
  [
    'typescript',
    'import OpenAI from "openai";\r\n' +
      'const c = new OpenAI();\r\n' +
      'export async function f(xs: string[]): Promise<void> {\r\n' +
      '  for (const x of xs) await c.chat.completions.create({ model: "m", messages: [{ role: "user", content: `€ ${x}` }] ' +
      '});\r\n' +
      '}\r\n',
  ],
  ['tsx', 'export const A = ({ n }: { n: number }) => <div className="ä">{n} 😀</div>;\nconst = ;\n'],
  ['javascript', 'const fs = require("fs");\n/* ñ */ async function* g() { yield 1; }\nfoo(1, , 2);\n'],
  // Deep enough that the cursor's stack grows (reallocated inside the runtime) during the walk.
  ['python', `x = ${'['.repeat(90)}1${']'.repeat(90)}\n`.repeat(3) + 'def f(a):\n    return {"k": [a, (a, a)]}\n'],
];

function compare(original: Node, copy: SyntaxNode, path: string): void {
  assert.equal(copy.type, original.type, path);
  assert.equal(copy.isNamed, original.isNamed, `${path} named`);
  assert.equal(copy.startIndex, original.startIndex, `${path} start`);
  assert.equal(copy.endIndex, original.endIndex, `${path} end`);
  assert.deepEqual(copy.startPosition, original.startPosition, `${path} startPosition`);
  assert.deepEqual(copy.endPosition, original.endPosition, `${path} endPosition`);
  assert.equal(copy.text, original.text, `${path} text`);
  assert.equal(copy.children.length, original.childCount, `${path} children`);
  assert.equal(copy.namedChildCount, original.namedChildCount, `${path} named children`);
  for (let i = 0; i < original.childCount; i++) {
    const field = original.fieldNameForChild(i);
    assert.equal(copy.children[i].field, field ?? undefined, `${path}[${i}] field`);
    if (field) assert.equal(copy.childForFieldName(field)?.startIndex, original.childForFieldName(field)?.startIndex, `${path}.${field}`);
    compare(original.child(i)!, copy.children[i], `${path}/${original.child(i)!.type}`);
    assert.equal(copy.children[i].parent, copy);
  }
}

describe('syntax tree copy', () => {
  const host = createNodeHost(process.cwd());
  for (const [language, source] of SAMPLES) {
    it(`matches web-tree-sitter node for node (${language}: ${JSON.stringify(source.slice(0, 30))})`, async () => {
      const tree = await parseText(language, source, host.readWasm);
      try {
        const copy = new SyntaxTree(tree, source);
        // The copy walks the runtime's cursor directly (the fast path); this suite checks that path.
        assert.ok(usesDirectCursor(), 'the tree copy walks the cursor in the runtime directly');
        assert.equal(copy.hasError, tree.rootNode.hasError);
        compare(tree.rootNode, copy.rootNode, language);
        // Document order, and each node's descendants are the slice up to its `end`.
        copy.nodes.forEach((node, i) => {
          assert.equal(node.id, i);
          for (let j = i + 1; j < node.end; j++)
            assert.ok(copy.nodes[j].startIndex >= node.startIndex && copy.nodes[j].endIndex <= node.endIndex);
        });
      } finally {
        tree.delete();
      }
    });
  }
});
