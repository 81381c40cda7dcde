// Scoring tells the three outcomes apart: harvesting (high or critical), legitimate systematic
// work (low or medium, with pre-clearance advice), ordinary product usage (no warning); and it
// explains each finding in one line with the signals and where they live.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding, Severity } from '../../src/engine/types';
import { SEVERITIES } from '../../src/engine/types';
import { repoPath, scanFolder } from './support/scan';

const rank = (s: Severity) => SEVERITIES.length - SEVERITIES.indexOf(s);
function worst(findings: Finding[], dir: string): Severity | undefined {
  const mine = findings.filter((f) => f.file.startsWith(dir) && !f.suppressed);
  return mine.sort((a, b) => rank(b.severity) - rank(a.severity))[0]?.severity;
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ppr-score-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('scoring', () => {
  let findings: Finding[];
  before(async () => {
    findings = (await scanFolder(repoPath('examples'))).findings;
  });

  it('rates the distillation pipeline critical, with training tied to the harvested file', () => {
    assert.equal(worst(findings, 'distill-pipeline/'), 'critical');
    const training = findings.find((f) => f.ruleId === 'training-on-outputs' && f.file === 'distill-pipeline/train_sft.py');
    assert.ok(training);
    assert.match(training.message, /distilled\.jsonl/);
  });

  it('reports a workload on the provider call it reaches in another file, at the same severity, pointing back to the driver', () => {
    const driver = findings.find((f) => f.ruleId === 'bulk-generation-loop' && f.file === 'distill-pipeline/generate.py')!;
    const wrapper = findings.find((f) => f.ruleId === 'bulk-generation-loop' && f.file === 'distill-pipeline/llm_client.py');
    assert.ok(wrapper, findings.map((f) => `${f.ruleId}@${f.file}`).join(', '));
    assert.equal(wrapper.severity, driver.severity);
    assert.match(wrapper.message, /^Reached from generate\.py:main \(distill-pipeline\/generate\.py:\d+\)/);
    assert.equal(wrapper.related[0].file, 'distill-pipeline/generate.py');
    assert.notEqual(wrapper.fingerprint, driver.fingerprint);
    // The chat app's helper is reached by no workload: nothing is mirrored onto it.
    assert.ok(!findings.some((f) => f.file.startsWith('chat-app/')));
  });

  it('explains the driver in one line: loop, provider, reasoning, sink and trainer with their files', () => {
    const bulk = findings.find((f) => f.ruleId === 'bulk-generation-loop' && f.file === 'distill-pipeline/generate.py')!;
    assert.doesNotMatch(bulk.message, /\n/);
    assert.match(bulk.message, /loop over 8 TOPICS × loop over 3 STYLES × loop over 500 iterations → Anthropic/);
    assert.match(bulk.message, /thinking captured in distill-pipeline\/llm_client\.py/);
    assert.match(bulk.message, /written to distilled\.jsonl/);
    assert.match(bulk.message, /trainer in distill-pipeline\/train_sft\.py/);
    assert.equal(bulk.volume, 12_000);
  });

  it('keeps the eval harness low with pre-clearance advice', () => {
    const evals = findings.filter((f) => f.file.startsWith('eval-harness/'));
    assert.ok(evals.length > 0);
    for (const f of evals) assert.ok(f.severity === 'low' || f.severity === 'medium', `${f.ruleId} ${f.severity}`);
    assert.match(evals[0].message, /pre-clear/);
  });

  it('does not warn about the chat route', () => {
    const warned = findings.filter((f) => f.file.startsWith('chat-app/') && rank(f.severity) >= rank('low'));
    assert.deepEqual(
      warned.map((f) => f.ruleId),
      [],
    );
  });

  it('does not warn about a user-driven agent loop, a retry loop or a chat REPL', async () => {
    const dir = workspace({
      'agent.py':
        `import anthropic\n` +
        `client = anthropic.Anthropic()\n` +
        `\n` +
        `def run(task):\n` +
        `    messages = [{"role": "user", "content": task}]\n` +
        `    for turn in range(20):\n` +
        `        r = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, tools=[], messages=messages)\n` +
        `        messages.append({"role": "assistant", "content": r.content})\n` +
        `        if r.stop_reason == "end_turn":\n` +
        `            return r\n`,
      'repl.ts':
        `import OpenAI from 'openai';\n` +
        `import readline from 'node:readline/promises';\n` +
        `const openai = new OpenAI();\n` +
        `const rl = readline.createInterface({ input: process.stdin, output: process.stdout });\n` +
        `export async function main() {\n` +
        `  const messages: { role: 'user' | 'assistant'; content: string }[] = [];\n` +
        `  while (true) {\n` +
        `    const line = await rl.question('> ');\n` +
        `    messages.push({ role: 'user', content: line });\n` +
        `    const r = await openai.chat.completions.create({ model: 'gpt-4o', messages });\n` +
        `    messages.push({ role: 'assistant', content: r.choices[0].message.content ?? '' });\n` +
        `  }\n` +
        `}\n`,
    });
    const result = await scanFolder(dir);
    assert.deepEqual(
      result.findings.filter((f) => rank(f.severity) >= rank('low')).map((f) => `${f.ruleId} ${f.file}`),
      [],
    );
  });

  it('caps an evaluation answer dump at medium: an eval that keeps its raw answers keeps its eval status', async () => {
    const dir = workspace({
      'evaluation/dump.mjs': [
        "import OpenAI from 'openai';",
        "import fs from 'fs/promises';",
        "import { questions } from './questions.mjs';",
        'const client = new OpenAI();',
        'const out = {};',
        'async function answerOf(q) {',
        "  const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });",
        '  return r.choices[0].message.content;',
        '}',
        "const flush = async () => { await fs.writeFile('../out/run.json', JSON.stringify(out, null, 2)); };",
        '(async () => {',
        '  let i = 0;',
        '  await Promise.all(questions.map(async (q) => { const a = await answerOf(q); out[i++] = { question: q, answer: a }; }));',
        '  await flush();',
        '})();',
      ].join('\n'),
      'evaluation/questions.mjs': "export const questions = ['a', 'b', 'c'];\n",
    });
    const result = await scanFolder(dir);
    assert.equal(worst(result.findings, 'evaluation/'), 'medium');
    // The same dump with a trainer reading it is no eval: it is harvest again.
    const trained = workspace({
      'evaluation/dump.mjs': readFileSync(path.join(dir, 'evaluation/dump.mjs'), 'utf8'),
      'evaluation/questions.mjs': "export const questions = ['a', 'b', 'c'];\n",
      'train/sft.py':
        'from trl import SFTTrainer\n' +
        'from datasets import load_dataset\n' +
        'ds = load_dataset("json", data_files="../out/run.json")\n' +
        'SFTTrainer(model="m", train_dataset=ds).train()\n',
    });
    const harvested = await scanFolder(trained);
    const level = worst(harvested.findings, 'evaluation/');
    assert.ok(level === 'high' || level === 'critical', level);
  });

  it('rates records streamed as JSON lines to a path held in a variable high', async () => {
    const dir = workspace({
      'scripts/rewrite.js': [
        "const fs = require('fs');",
        "const Anthropic = require('@anthropic-ai/sdk');",
        'const anthropic = new Anthropic();',
        'async function rewriteAnswer(text) {',
        "  const r = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 2000, messages: [{ role: " +
          "'user', content: `Mark the special words in: ${text}` }] });",
        '  return r.content[0].text;',
        '}',
        'async function processFile(inputFilePath, outputFilePath) {',
        "  const lines = fs.readFileSync(inputFilePath, 'utf8').split('\\n').filter((l) => l.trim());",
        "  const outputStream = fs.createWriteStream(outputFilePath, { flags: 'a' });",
        '  for (let i = 0; i < lines.length; i++) {',
        '    const record = JSON.parse(lines[i]);',
        "    const reply = record.messages.find((m) => m.role === 'assistant');",
        '    reply.content = await rewriteAnswer(reply.content);',
        '    const processedLine = JSON.stringify(record);',
        "    outputStream.write(processedLine + '\\n');",
        '  }',
        '  outputStream.end();',
        '}',
        'processFile(process.argv[2], process.argv[3]);',
      ].join('\n'),
    });
    const result = await scanFolder(dir);
    assert.equal(worst(result.findings, 'scripts/'), 'high');
    const harvest = result.findings.find((f) => f.ruleId === 'output-harvesting');
    assert.ok(harvest && /outputFilePath/.test(harvest.message), harvest?.message);
  });

  it('caps a documented workload at info, but never credential rotation', async () => {
    const dir = workspace({
      'job.py':
        `import os, random\n` +
        `import anthropic\n` +
        `KEYS = [os.environ["ANTHROPIC_API_KEY_1"], os.environ["ANTHROPIC_API_KEY_2"]]\n` +
        `\n` +
        `# @llm-usage\n` +
        `#   purpose: weekly enrichment of our own support tickets\n` +
        `#   owner: support-ml@example.com\n` +
        `def enrich(tickets):\n` +
        `    client = anthropic.Anthropic(api_key=random.choice(KEYS))\n` +
        `    for t in tickets:\n` +
        `        client.messages.create(model="claude-haiku-4-5", max_tokens=64, messages=[{"role": "user", "content": t}])\n`,
    });
    const result = await scanFolder(dir);
    assert.equal(result.findings.find((f) => f.ruleId === 'bulk-generation-loop')?.severity, 'info');
    const keys = result.findings.filter((f) => f.ruleId === 'credential-rotation');
    assert.ok(keys.length > 0 && keys.every((f) => f.severity === 'critical'));
  });
});
