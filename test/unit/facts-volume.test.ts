// Repetition context and volume estimates: loops, comprehensions and fan-out around a call, the
// iterable's kind, and the number of iterations when literals allow.
import assert from 'node:assert/strict';
import { parseSyntax } from '../../src/engine/parse/parser';
import { extractFacts } from '../../src/engine/facts/extract';
import { estimateVolume } from '../../src/engine/facts/repetition';
import { createNodeHost } from '../../src/host/node-host';
import type { CallSite, Language } from '../../src/engine/types';

async function onlySite(language: Language, source: string): Promise<CallSite> {
  const facts = extractFacts(
    language === 'python' ? 'v.py' : 'v.ts',
    language,
    await parseSyntax(language, source, createNodeHost(process.cwd()).readWasm),
    source,
  );
  assert.equal(facts.callSites.length, 1, JSON.stringify(facts.callSites.map((s) => s.callee)));
  return facts.callSites[0];
}

const PY_CLIENT = 'from anthropic import Anthropic\nclient = Anthropic()\n';
const CALL = 'client.messages.create(model="m", max_tokens=5, messages=[])';

describe('facts: repetition and volume', () => {
  it('multiplies range(N) by literal lists: 500 × 8 topics × 3 styles = 12,000', async () => {
    const site = await onlySite(
      'python',
      PY_CLIENT +
        [
          'TOPICS = ["a", "b", "c", "d", "e", "f", "g", "h"]',
          'STYLES = ("x", "y", "z")',
          'for i in range(500):',
          '    for topic in TOPICS:',
          '        for style in STYLES:',
          `            ${CALL}`,
        ].join('\n'),
    );
    assert.deepEqual(
      site.repetition.map((r) => [r.kind, r.iterable.kind, r.iterable.count]),
      [
        ['for', 'list', 3],
        ['for', 'list', 8],
        ['for', 'range', 500],
      ],
    );
    assert.equal(estimateVolume(site.repetition), 12000);
  });

  it('reads load_dataset("openai/…") as a dataset, not file lines (openai is not open)', async () => {
    const site = await onlySite(
      'python',
      PY_CLIENT + `from datasets import load_dataset\nfor row in load_dataset("openai/gsm8k", split="train"):\n    ${CALL}`,
    );
    assert.equal(site.repetition[0].iterable.kind, 'dataset');
  });

  it('reads open(...) as file lines', async () => {
    const site = await onlySite('python', PY_CLIENT + `for line in open("prompts.txt"):\n    ${CALL}`);
    assert.equal(site.repetition[0].iterable.kind, 'file-lines');
  });

  it('counts a product of lists in one comprehension', async () => {
    const site = await onlySite('python', PY_CLIENT + `out = [${CALL} for a, b in itertools.product(["p", "q"], range(10))]`);
    assert.equal(site.repetition[0].kind, 'comprehension');
    assert.equal(site.repetition[0].iterable.kind, 'product');
    assert.equal(estimateVolume(site.repetition), 20);
  });

  it('calls a loop over file lines unbounded', async () => {
    const site = await onlySite('python', PY_CLIENT + `for line in open("prompts.txt"):\n    ${CALL}`);
    assert.equal(site.repetition[0].iterable.kind, 'file-lines');
    assert.equal(estimateVolume(site.repetition), 'unbounded');
  });

  it('marks `while True` with sleep as an infinite polling loop', async () => {
    const site = await onlySite('python', PY_CLIENT + `import time\nwhile True:\n    ${CALL}\n    time.sleep(60)`);
    assert.equal(site.repetition[0].kind, 'infinite');
    assert.equal(site.repetition[0].sleeps, true);
    assert.equal(estimateVolume(site.repetition), 'unbounded');
  });

  it('sees asyncio.gather over a generator as concurrent fan-out', async () => {
    const site = await onlySite(
      'python',
      PY_CLIENT.replace('Anthropic()', 'AsyncAnthropic()').replace('import Anthropic', 'import AsyncAnthropic') +
        `async def main(rows):\n    await asyncio.gather(*(${CALL} for r in rows))`,
    );
    assert.equal(site.repetition[0].kind, 'comprehension');
    assert.equal(site.repetition[0].concurrent, true);
    assert.equal(site.repetition[0].iterable.kind, 'dataset');
  });

  it('walks through `.map` callbacks inside Promise.all, with a p-limit limiter noticed', async () => {
    const site = await onlySite(
      'typescript',
      [
        "import OpenAI from 'openai';",
        "import pLimit from 'p-limit';",
        'const openai = new OpenAI();',
        'export async function run(items: string[]) {',
        '  const limit = pLimit(4);',
        "  return Promise.all(items.map((item) => limit(() => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ " +
          "role: 'user', content: item }] }))));",
        '}',
      ].join('\n'),
    );
    assert.equal(site.repetition[0].kind, 'map');
    assert.equal(site.repetition[0].concurrent, true);
    assert.equal(site.repetition[0].limited, true);
  });

  it('counts pytest parametrisation cases', async () => {
    const site = await onlySite(
      'python',
      PY_CLIENT + `import pytest\n@pytest.mark.parametrize("q", ["a", "b", "c"])\ndef test_live(q):\n    ${CALL}`,
    );
    assert.deepEqual([site.repetition[0].kind, site.repetition[0].iterable.count], ['parametrize', 3]);
  });
});
