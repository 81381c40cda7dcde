// Deterministic generator of a realistic mixed TypeScript/Python monorepo for the benchmark:
// most files never talk to a model; about 5% do, some directly through an SDK and some only
// through wrapper functions defined in other files (which the scanner must follow).
import { mkdirSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: a tiny seeded PRNG, so every run writes byte-identical trees. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  'invoice',
  'customer',
  'order',
  'ticket',
  'shipment',
  'account',
  'report',
  'session',
  'payment',
  'product',
  'review',
  'catalog',
  'profile',
  'event',
  'metric',
  'document',
  'cart',
  'coupon',
  'warehouse',
  'schedule',
];
const VERBS = [
  'load',
  'parse',
  'validate',
  'normalize',
  'format',
  'merge',
  'filter',
  'compute',
  'render',
  'sync',
  'export',
  'import',
  'resolve',
  'apply',
  'build',
];
const TOPICS = ['algebra', 'contract law', 'kubernetes', 'cardiology', 'tax accounting', 'poetry', 'sql tuning', 'genetics'];

export class Corpus {
  constructor(seed) {
    this.rand = prng(seed);
  }
  pick(list) {
    return list[Math.floor(this.rand() * list.length)];
  }
  int(lo, hi) {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  name() {
    return `${this.pick(VERBS)}${this.pick(NOUNS).replace(/^./, (c) => c.toUpperCase())}${this.int(0, 999)}`;
  }
  snake(name) {
    return name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
  }
}

// ---------- plain (non-model) files ----------

function tsFunction(c, name) {
  const noun = c.pick(NOUNS);
  const lines = [
    `/** ${c.pick(VERBS)}s a ${noun} record before it is stored. */`,
    `export function ${name}(input: ${noun[0].toUpperCase() + noun.slice(1)}Input, options: Options = {}): ` +
      `Result<${noun[0].toUpperCase() + noun.slice(1)}> {`,
    `  const errors: string[] = [];`,
    `  if (!input.id) errors.push('missing id');`,
    `  const items = (input.items ?? []).filter((item) => item.quantity > 0);`,
    `  for (const item of items) {`,
    `    if (item.price < 0) errors.push(\`negative price on \${item.sku}\`);`,
    `    item.total = Math.round(item.price * item.quantity * 100) / 100;`,
    `  }`,
    `  const total = items.reduce((sum, item) => sum + item.total, 0);`,
    `  if (options.strict && errors.length) return { ok: false, errors };`,
    `  return { ok: true, value: { ...input, items, total, updatedAt: new Date().toISOString() } };`,
    `}`,
    ``,
  ];
  return lines.join('\n');
}

function tsPlainFile(c, tsx) {
  const out = [`// ${c.pick(NOUNS)} helpers shared by the ${c.pick(NOUNS)} service.`];
  out.push(`import { z } from 'zod';`, `import type { Options, Result } from '../types';`, `import { logger } from '../logging';`, ``);
  out.push(
    `const Schema = z.object({ id: z.string(), items: z.array(z.object({ sku: z.string(), price: z.number(), quantity: z.number() })) });`,
    ``,
  );
  if (tsx) {
    const comp = c.name().replace(/^./, (ch) => ch.toUpperCase());
    out.push(
      `import React, { useState, useEffect } from 'react';`,
      ``,
      `export function ${comp}({ rows }: { rows: Row[] }) {`,
      `  const [filter, setFilter] = useState('');`,
      `  useEffect(() => { logger.debug('render ${comp}', rows.length); }, [rows]);`,
      `  const visible = rows.filter((r) => r.label.includes(filter));`,
      `  return (`,
      `    <div className="table">`,
      `      <input value={filter} onChange={(e) => setFilter(e.target.value)} />`,
      `      {visible.map((r) => <div key={r.id} className="row">{r.label}: {r.value.toFixed(2)}</div>)}`,
      `    </div>`,
      `  );`,
      `}`,
      ``,
    );
  }
  const n = c.int(2, 9);
  for (let i = 0; i < n; i++) out.push(tsFunction(c, c.name()));
  out.push(`export const schema = Schema;`, ``);
  return out.join('\n');
}

function pyFunction(c, name) {
  const noun = c.pick(NOUNS);
  return [
    `def ${name}(rows: list[dict], strict: bool = False) -> list[dict]:`,
    `    """${c.pick(VERBS).replace(/^./, (ch) => ch.toUpperCase())} ${noun} rows read from the export."""`,
    `    result = []`,
    `    for row in rows:`,
    `        if not row.get("id"):`,
    `            if strict:`,
    `                raise ValueError(f"row without id: {row!r}")`,
    `            continue`,
    `        amount = Decimal(str(row.get("amount", 0))).quantize(Decimal("0.01"))`,
    `        result.append({**row, "amount": amount, "${noun}_key": row["id"].lower()})`,
    `    logger.debug("kept %d of %d ${noun} rows", len(result), len(rows))`,
    `    return result`,
    ``,
    ``,
  ].join('\n');
}

function pyPlainFile(c) {
  const out = [
    `"""${c.pick(NOUNS)} processing for the nightly ${c.pick(NOUNS)} job."""`,
    `import logging`,
    `from decimal import Decimal`,
    `from dataclasses import dataclass`,
    ``,
    `logger = logging.getLogger(__name__)`,
    ``,
    ``,
  ];
  out.push(
    `@dataclass`,
    `class ${c.name().replace(/^./, (ch) => ch.toUpperCase())}:`,
    `    id: str`,
    `    amount: Decimal`,
    `    note: str = ""`,
    ``,
    ``,
  );
  const n = c.int(2, 9);
  for (let i = 0; i < n; i++) out.push(pyFunction(c, c.snake(c.name())));
  return out.join('\n');
}

// ---------- model-calling files ----------

function pyDirect(c) {
  const fn = c.snake(c.name());
  const kind = c.int(0, 3);
  const body = [
    `"""Generation job for the ${c.pick(NOUNS)} team."""`,
    `import json`,
    `import anthropic`,
    ``,
    `client = anthropic.Anthropic()`,
    ``,
  ];
  if (kind === 0) {
    body.push(
      `TOPICS = ${JSON.stringify(TOPICS.slice(0, c.int(3, 8)))}`,
      ``,
      `def ${fn}(rows):`,
      `    with open("out_${fn}.jsonl", "w") as out:`,
      `        for row in rows:`,
      `            for topic in TOPICS:`,
      `                msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=2048, messages=[{"role": "user", ` +
        `"content": f"Explain {topic}: {row['text']}. Think step by step."}])`,
      `                out.write(json.dumps({"topic": topic, "answer": msg.content[0].text}) + "\\n")`,
      ``,
    );
  } else if (kind === 1) {
    body.push(
      `def ${fn}(question: str, user_id: str) -> str:`,
      `    msg = client.messages.create(model="claude-haiku-4-5", max_tokens=512, metadata={"user_id": user_id}, ` +
        `messages=[{"role": "user", "content": question}])`,
      `    return msg.content[0].text`,
      ``,
    );
  } else {
    body.push(
      `def ${fn}(dataset):`,
      `    results = []`,
      `    for item in dataset:`,
      `        msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, temperature=0.2, messages=[{"role": ` +
        `"user", "content": item["prompt"]}])`,
      `        results.append(score(item, msg.content[0].text))`,
      `    return sum(results) / len(results)`,
      ``,
    );
  }
  body.push(pyPlainFile(c));
  return body.join('\n');
}

function tsDirect(c) {
  const fn = c.name();
  const kind = c.int(0, 2);
  const out = [
    `// Model calls for the ${c.pick(NOUNS)} feature.`,
    `import OpenAI from 'openai';`,
    `import { writeFileSync } from 'node:fs';`,
    ``,
    `const openai = new OpenAI();`,
    ``,
  ];
  if (kind === 0) {
    out.push(
      `export async function ${fn}(prompts: string[]) {`,
      `  const rows = await Promise.all(prompts.map((p) => openai.chat.completions.create({ model: 'gpt-4o-mini', n: 4, ` +
        `messages: [{ role: 'user', content: p }] })));`,
      `  writeFileSync('samples.jsonl', rows.map((r) => JSON.stringify(r.choices)).join('\\n'));`,
      `}`,
      ``,
    );
  } else {
    out.push(
      `export async function ${fn}(question: string, userId: string) {`,
      `  const r = await openai.chat.completions.create({ model: 'gpt-4o', user: userId, messages: [{ role: 'user', content: ` +
        `question }] });`,
      `  return r.choices[0].message.content;`,
      `}`,
      ``,
    );
  }
  out.push(tsPlainFile(c, false));
  return out.join('\n');
}

/** A wrapper module: the only place that names the SDK; returns its exported wrapper name. */
function pyWrapper(c, wrapperName) {
  return [
    `"""Thin client used by the batch scripts."""`,
    `import anthropic`,
    ``,
    `_client = anthropic.Anthropic()`,
    ``,
    ``,
    `def ${wrapperName}(prompt: str, max_tokens: int = 1024) -> str:`,
    `    msg = _client.messages.create(model="claude-sonnet-4-5", max_tokens=max_tokens, messages=[{"role": "user", "content": prompt}])`,
    `    return msg.content[0].text`,
    ``,
    pyPlainFile(c),
  ].join('\n');
}

function pyWrapperUser(c, module, wrapperName) {
  return [
    `"""Batch job built on the shared client."""`,
    `import json`,
    `from ${module} import ${wrapperName}`,
    ``,
    ``,
    `def run_${c.snake(c.name())}(questions):`,
    `    with open("answers.jsonl", "w") as out:`,
    `        for q in questions:`,
    `            out.write(json.dumps({"q": q, "a": ${wrapperName}(q)}) + "\\n")`,
    ``,
    ``,
    pyPlainFile(c),
  ].join('\n');
}

function tsWrapper(c, wrapperName) {
  return [
    `// The one place the app talks to Anthropic.`,
    `import Anthropic from '@anthropic-ai/sdk';`,
    ``,
    `const client = new Anthropic();`,
    ``,
    `export async function ${wrapperName}(prompt: string): Promise<string> {`,
    `  const msg = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', ` +
      `content: prompt }] });`,
    `  return msg.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');`,
    `}`,
    ``,
    tsPlainFile(c, false),
  ].join('\n');
}

function tsWrapperUser(c, module, wrapperName) {
  return [
    `// Uses the shared model client.`,
    `import { ${wrapperName} } from '${module}';`,
    ``,
    `export async function label${c.int(0, 9999)}(rows: { text: string }[]) {`,
    `  const out: string[] = [];`,
    `  for (const row of rows) out.push(await ${wrapperName}(\`Classify: \${row.text}\`));`,
    `  return out;`,
    `}`,
    ``,
    tsPlainFile(c, false),
  ].join('\n');
}

/**
 * Writes `count` files under `dir` and returns a summary. Layout: packages/pkg-NN/src/... for
 * TypeScript, services/svc-NN/... for Python, plus a node_modules folder and a .gitignore'd
 * build folder that every tool must skip.
 */
export function generateCorpus(dir, { files: count = 20000, seed = 42, modelShare = 0.05 } = {}) {
  const stamp = path.join(dir, '.corpus.json');
  const spec = { count, seed, modelShare, generator: 3 };
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify(spec)) return { dir, reused: true, ...spec };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const c = new Corpus(seed);
  const write = (rel, text) => {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  write('.gitignore', 'build/\n*.log\n');
  write('build/bundle.js', `import OpenAI from 'openai';\nexport const x = 1;\n`);
  write('node_modules/openai/index.js', `export default class OpenAI {}\n`);
  const pyWrappers = [];
  const tsWrappers = [];
  let modelFiles = 0;
  for (let i = 0; i < count; i++) {
    const python = c.rand() < 0.45;
    const pkg = String(i % 120).padStart(3, '0');
    const model = c.rand() < modelShare;
    if (python) {
      const base = `services/svc_${pkg}/jobs_${Math.floor(i / 2000)}/${c.snake(c.name())}_${i}`;
      if (!model) write(`${base}.py`, pyPlainFile(c));
      else {
        modelFiles++;
        const r = c.rand();
        if (r < 0.4) write(`${base}.py`, pyDirect(c));
        else if (r < 0.6 || !pyWrappers.length) {
          const name = `ask_${c.pick(NOUNS)}_model_${i}`;
          const module = `services.svc_${pkg}.llm_client_${i}`;
          write(`services/svc_${pkg}/llm_client_${i}.py`, pyWrapper(c, name));
          pyWrappers.push({ module, name });
        } else {
          const w = c.pick(pyWrappers);
          write(`${base}.py`, pyWrapperUser(c, w.module, w.name));
        }
      }
    } else {
      const tsx = c.rand() < 0.25;
      const base = `packages/pkg-${pkg}/src/${c.pick(NOUNS)}/${c.name()}-${i}`;
      if (!model) write(`${base}.${tsx ? 'tsx' : 'ts'}`, tsPlainFile(c, tsx));
      else {
        modelFiles++;
        const r = c.rand();
        if (r < 0.4) write(`${base}.ts`, tsDirect(c));
        else if (r < 0.6 || !tsWrappers.length) {
          const name = `complete${c.pick(NOUNS).replace(/^./, (ch) => ch.toUpperCase())}${i}`;
          write(`packages/pkg-${pkg}/src/model-client-${i}.ts`, tsWrapper(c, name));
          tsWrappers.push({ module: `../model-client-${i}`, pkg, name });
        } else {
          const sameDir = tsWrappers.filter((w) => w.pkg === pkg);
          const w = sameDir.length ? c.pick(sameDir) : c.pick(tsWrappers);
          write(`${base}.ts`, tsWrapperUser(c, w.pkg === pkg ? w.module : `../../../pkg-${w.pkg}/src/${w.module.slice(3)}`, w.name));
        }
      }
    }
  }
  writeFileSync(stamp, JSON.stringify(spec));
  return { dir, reused: false, ...spec, modelFiles };
}

/** A Python file of about `lines` lines with a few model calls in loops: the edit-latency subject. */
export function largePythonFile(lines = 2000, seed = 7) {
  const c = new Corpus(seed);
  const out = [pyDirect(c)];
  while (out.join('\n').split('\n').length < lines) out.push(pyFunction(c, c.snake(c.name())));
  return out.join('\n').split('\n').slice(0, lines).join('\n') + '\n';
}
