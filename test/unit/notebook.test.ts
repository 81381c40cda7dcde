// Notebooks: code cells become one virtual Python document; positions map back to raw .ipynb
// lines; magics are blanked; invalid JSON is a skipped file with a reason.
import assert from 'node:assert/strict';
import { notebookToDocument, NotebookError } from '../../src/engine/parse/notebook';
import { rawLineOf } from '../../src/engine/parse/notebook-map';
import { analyseOne } from '../../src/engine/scan';
import { createNodeHost } from '../../src/host/node-host';

function notebook(cells: { type: 'code' | 'markdown'; lines: string[] }[]): string {
  return JSON.stringify(
    {
      cells: cells.map((c) => ({
        cell_type: c.type,
        metadata: {},
        source: c.lines.map((l, i) => (i < c.lines.length - 1 ? l + '\n' : l)),
        ...(c.type === 'code' ? { outputs: [], execution_count: null } : {}),
      })),
      metadata: { language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

describe('notebooks', () => {
  const raw = notebook([
    { type: 'markdown', lines: ['client.messages.create(x) quoted in prose'] },
    { type: 'code', lines: ['%pip install anthropic', 'import anthropic', 'client = anthropic.Anthropic()'] },
    { type: 'code', lines: ['!ls', 'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[])'] },
  ]);

  it('joins code cells, blanks magics and maps every virtual line back to its raw line', () => {
    const doc = notebookToDocument(raw);
    const virtual = doc.text.split('\n');
    const callLine = virtual.findIndex((l) => l.startsWith('client.messages.create'));
    assert.equal(virtual[callLine - 1], '', 'the `!ls` magic is blanked, not removed');
    assert.ok(!doc.text.includes('quoted in prose'), 'markdown is not code');
    const rawLines = raw.split('\n');
    assert.match(rawLines[rawLineOf({ cells: doc.lines, cellRawLines: doc.cellRawLines }, callLine)], /client\.messages\.create\(model=/);
  });

  it('reports the call at its raw .ipynb line', async () => {
    const facts = await analyseOne('nb/eval.ipynb', raw, createNodeHost(process.cwd()), {});
    assert.ok(!('reason' in facts));
    if ('reason' in facts) return;
    assert.equal(facts.callSites.length, 1);
    const line = facts.callSites[0].range.startLine;
    assert.match(raw.split('\n')[line], /client\.messages\.create\(model=/);
  });

  it('turns invalid notebook JSON into a skipped file with a reason', async () => {
    assert.throws(() => notebookToDocument('{"cells": ['), NotebookError);
    const result = await analyseOne('broken.ipynb', '{"cells": [', createNodeHost(process.cwd()), {});
    assert.ok('reason' in result && /invalid notebook JSON/.test(result.reason));
  });
});
