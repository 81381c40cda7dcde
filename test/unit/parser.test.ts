// Every grammar loads into the pinned web-tree-sitter runtime and parses a sample without errors.
import assert from 'node:assert/strict';
import { parseText } from '../../src/engine/parse/parser';
import { createNodeHost } from '../../src/host/node-host';
import type { Language } from '../../src/engine/types';

const SAMPLES: Record<Language, string> = {
  python: 'import anthropic\nfor x in range(3):\n    print(f"{x}")\n',
  typescript: 'import OpenAI from "openai";\nconst n: number = 1;\nexport async function f(x: string): Promise<void> {}\n',
  tsx: 'import React from "react";\nexport const A = ({ n }: { n: number }) => <div className="a">{n}</div>;\n',
  javascript: 'const fs = require("fs");\nconst el = <App items={[1, 2]} />;\nasync function* g() { yield 1; }\n',
};

describe('parser', () => {
  const host = createNodeHost(process.cwd());
  for (const [language, sample] of Object.entries(SAMPLES) as [Language, string][]) {
    it(`loads the ${language} grammar and parses a sample`, async () => {
      const tree = await parseText(language, sample, host.readWasm);
      try {
        assert.equal(tree.rootNode.hasError, false, tree.rootNode.toString());
        assert.ok(tree.rootNode.namedChildCount >= 2);
      } finally {
        tree.delete();
      }
    });
  }
});
