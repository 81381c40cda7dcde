// @llm-usage annotations: parsing in #, // and /** */ comments, attachment to the next node, file
// scope, validation (stale-usage-annotation), and their effect on severity (capped at info, except
// credential rotation; an expired block stops applying).
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from './support/workspace';
import type { ScanResult } from '../../src/engine/scan';

const TODAY = '2026-11-25';

const DISTILL_LOOP = (annotation: string) => `import json
import anthropic

client = anthropic.Anthropic()
TOPICS = ["algebra", "chemistry", "law", "python", "cardiology", "tax", "poetry", "kubernetes"]
STYLES = ["concise", "socratic", "step-by-step"]


def main():
    with open("distilled.jsonl", "w") as out:
${annotation}        for topic in TOPICS:
            for style in STYLES:
                for i in range(500):
                    r = client.messages.create(model="claude-sonnet-4-5", max_tokens=4096,
                        thinking={"type": "enabled", "budget_tokens": 2048},
                        messages=[{"role": "user", "content": f"Expert in {topic}: answer in a {style} way. Think step by step."}])
                    out.write(json.dumps({"topic": topic, "response": r.content[0].text}) + "\\n")
`;

const FULL_ANNOTATION = `        # @llm-usage
        #   purpose: nightly regression eval of the support bot's prompts
        #   volume: ~12,000 requests/run via the Batch API
        #   data: scores kept 90 days; raw responses not stored
        #   clearance: provider support ticket 48213, approved 2026-10-02
        #   owner: ml-platform@example.com
        #   expires: 2027-04-01
`;

const scan = (files: Record<string, string>): Promise<ScanResult> => scanWorkspaceFiles(files, TODAY);

const bulk = (r: ScanResult) => r.findings.filter((f) => f.ruleId === 'bulk-generation-loop');
const stale = (r: ScanResult) => r.findings.filter((f) => f.ruleId === 'stale-usage-annotation');

describe('annotations: parsing', () => {
  it('reads a # block with every key and attaches it to the loop below', async () => {
    const r = await scan({ 'gen.py': DISTILL_LOOP(FULL_ANNOTATION) });
    const [a] = r.facts.get('gen.py')!.annotations;
    assert.equal(a.scope, 'node');
    assert.deepEqual(Object.keys(a.fields).sort(), ['clearance', 'data', 'expires', 'owner', 'purpose', 'volume']);
    assert.equal(a.fields.purpose, "nightly regression eval of the support bot's prompts");
    assert.deepEqual(a.problems, []);
    assert.equal(a.covers.startLine, 17, 'covers the for statement right after the block');
    assert.ok(a.covers.endLine >= 22, 'and the whole loop body');
  });

  it('reads // and /** */ blocks, inline keys and continuation lines in TypeScript', async () => {
    const ts =
      `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();

// @llm-usage
//   purpose: weekly enrichment of our own
//     support tickets
//   owner: support-ml@example.com
export async function enrich(rows: string[]) {
  for (const row of rows) await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, ` +
      `messages: [{ role: 'user', content: row }] });
}

/**
 * @llm-usage purpose: load test before launch
 * volume: 5,000 requests once
 */
export const loadTest = async () => {
  for (let i = 0; i < 5000; i++) await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 8, ` +
      `messages: [{ role: 'user', content: 'ping' }] });
};
`;
    const r = await scan({ 'enrich.ts': ts });
    const [line, block] = r.facts.get('enrich.ts')!.annotations;
    assert.equal(line.fields.purpose, 'weekly enrichment of our own support tickets');
    assert.equal(line.fields.owner, 'support-ml@example.com');
    assert.equal(line.covers.startLine, 7, 'covers the exported function');
    assert.equal(block.fields.purpose, 'load test before launch');
    assert.equal(block.fields.volume, '5,000 requests once');
    assert.equal(block.covers.startLine, 15);
    assert.ok(bulk(r).length === 2 && bulk(r).every((f) => f.annotated && f.severity === 'info'));
  });

  it('`@llm-usage file` covers every workload in the file', async () => {
    const text = `# @llm-usage file\n#   purpose: offline evaluation of our own classifier\n${DISTILL_LOOP('')}`;
    const r = await scan({ 'gen.py': text });
    const [a] = r.facts.get('gen.py')!.annotations;
    assert.equal(a.scope, 'file');
    assert.equal(a.covers.startLine, 0);
    assert.ok(bulk(r).length > 0 && bulk(r).every((f) => f.annotated && f.severity === 'info'));
  });
});

describe('annotations: effects on findings', () => {
  it('an undocumented distillation-like loop is high or critical', async () => {
    const r = await scan({ 'gen.py': DISTILL_LOOP('') });
    const [f] = bulk(r);
    assert.ok(f, 'bulk-generation-loop reported');
    assert.ok(['high', 'critical'].includes(f.severity), `severity ${f.severity}`);
    assert.equal(f.annotated, false);
  });

  it('the same loop with a full annotation is annotated and at most info, and stays in the results', async () => {
    const r = await scan({ 'gen.py': DISTILL_LOOP(FULL_ANNOTATION) });
    const found = r.findings.filter((f) => f.ruleId !== 'stale-usage-annotation');
    assert.ok(found.length > 0, 'findings are kept');
    for (const f of found) {
      assert.equal(f.annotated, true, `${f.ruleId} annotated`);
      assert.equal(f.severity, 'info', `${f.ruleId} capped at info`);
      assert.equal(f.suppressed, false);
    }
    assert.ok(found[0].score >= 60, 'the score still says how the workload looks');
    assert.deepEqual(stale(r), []);
  });

  it('a TODO purpose, unknown key or bad expires documents nothing and is reported', async () => {
    const r = await scan({
      'gen.py': DISTILL_LOOP('        # @llm-usage\n        #   purpose: TODO\n        #   team: ml\n        #   expires: 2027-02-30\n'),
    });
    assert.ok(bulk(r).every((f) => !f.annotated && f.severity !== 'info'));
    const [s] = stale(r);
    assert.equal(s.range.startLine, 10, 'anchored on the annotation');
    assert.match(s.message, /purpose" is still TODO/);
    assert.match(s.message, /unknown key "team"/);
    assert.match(s.message, /expires "2027-02-30" is not a date/);
  });

  it('a missing purpose is reported', async () => {
    const r = await scan({ 'gen.py': DISTILL_LOOP('        # @llm-usage\n        #   owner: ml@example.com\n') });
    assert.match(stale(r)[0]?.message ?? '', /missing required key "purpose"/);
  });

  it('a past expires is reported and the block stops capping severity', async () => {
    const r = await scan({ 'gen.py': DISTILL_LOOP(FULL_ANNOTATION.replace('2027-04-01', '2026-01-31')) });
    assert.match(stale(r)[0]?.message ?? '', /expired on 2026-01-31/);
    assert.ok(bulk(r).every((f) => !f.annotated && f.severity !== 'info'));
  });

  it('an annotated key pool still warns (credential rotation cannot be documented away)', async () => {
    const text = `import os
import random
from openai import OpenAI

KEYS = [os.environ["OPENAI_API_KEY_1"], os.environ["OPENAI_API_KEY_2"], os.environ["OPENAI_API_KEY_3"]]


# @llm-usage
#   purpose: spreading our own nightly eval across team keys
#   owner: ml@example.com
def ask_all(prompts):
    for p in prompts:
        client = OpenAI(api_key=random.choice(KEYS))
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": p}])
`;
    const r = await scan({ 'pool.py': text });
    const rotation = r.findings.filter((f) => f.ruleId === 'credential-rotation' && f.range.startLine >= 10);
    assert.ok(rotation.length > 0, 'credential-rotation reported inside the annotated function');
    for (const f of rotation) {
      assert.equal(f.annotated, true);
      assert.notEqual(f.severity, 'info', 'still a live warning');
    }
    assert.ok(
      bulk(r).every((f) => f.severity === 'info'),
      'the loop itself is documented',
    );
  });
});
