// .promptreview.json: JSONC parsing, schema errors that name the file, field and fix, and the
// settings the engine honours (rule overrides and off, custom wrappers, provider hosts, thresholds).
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, parseConfig } from '../../src/engine/config-file';
import { scanFolder } from './support/scan';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ppr-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function configError(text: string): ConfigError {
  try {
    parseConfig('.promptreview.json', text);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${(e as Error).message}`);
    return e;
  }
  assert.fail('expected the config to be rejected');
}

const SWEEP = `import anthropic
client = anthropic.Anthropic()
for row in open("prompts.txt"):
    client.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=[{"role": "user", "content": row}])
`;

describe('config file', () => {
  it('reads JSONC with comments and trailing commas', () => {
    const config = parseConfig(
      '.promptreview.json',
      `{
      // reviewed by ml-platform
      "rules": { "sampling-sweep": "off", "bulk-generation-loop": "high", },
      "thresholds": { "volume": 500 },
    }`,
    );
    assert.equal(config.rules['sampling-sweep'], 'off');
    assert.equal(config.rules['bulk-generation-loop'], 'high');
    assert.equal(config.thresholds.volume, 500);
  });

  it('names the file, the field and the fix for an unknown setting', () => {
    const e = configError('{ "rulez": {} }');
    assert.equal(e.file, '.promptreview.json');
    assert.equal(e.field, 'rulez');
    assert.match(e.fix, /unknown setting/);
  });

  it('lists the allowed severities for a bad one', () => {
    const e = configError('{ "rules": { "bulk-generation-loop": "severe" } }');
    assert.equal(e.field, 'rules.bulk-generation-loop');
    assert.match(e.fix, /"critical".*"off"/);
  });

  it('rejects an unknown rule id and lists the known ones', () => {
    const e = configError('{ "rules": { "bulk-loop": "off" } }');
    assert.equal(e.field, 'rules.bulk-loop');
    assert.match(e.fix, /bulk-generation-loop/);
  });

  it('wants ignore entries with a reason and a YYYY-MM-DD expiry', () => {
    assert.equal(configError('{ "ignore": [{ "rule": "bulk-generation-loop", "path": "x/**" }] }').field, 'ignore[0].reason');
    assert.equal(
      configError('{ "ignore": [{ "rule": "bulk-generation-loop", "path": "x", "reason": "ok then", "expires": "next year" }] }').field,
      'ignore[0].expires',
    );
  });

  it('points at the line of a JSON syntax error', () => {
    const e = configError('{\n  "rules": {\n    "polling-loop": "low"\n  \n');
    assert.ok(e.location.line >= 3, `line ${e.location.line}`);
    assert.match(e.message, new RegExp(`^\\.promptreview\\.json:${e.location.line}:${e.location.column}: `));
  });

  it('locates a schema error by JSON path and offset, at the property name', () => {
    const text =
      '{\n  "ignore": [\n    { "rule": "bulk-generation-loop", "path": "x",\n      "reason": "ok then", "expires": "next year" }\n  ]\n}\n';
    const e = configError(text);
    assert.deepEqual(e.location.path, ['ignore', 0, 'expires']);
    assert.equal(text.slice(e.location.offset, e.location.offset + e.location.length), '"expires"');
    assert.deepEqual([e.location.line, e.location.column], [4, 28]);
    assert.match(e.message, /^\.promptreview\.json:4:28: ignore\[0\]\.expires: /);
  });

  it('locates an unknown setting, an unknown rule id and a missing field', () => {
    const unknown = configError('{\n  "rulez": {}\n}');
    assert.deepEqual([unknown.field, unknown.location.line, unknown.location.column], ['rulez', 2, 3]);
    const rule = configError('{ "rules": {\n  "bulk-loop": "off" } }');
    assert.deepEqual([rule.location.path, rule.location.line, rule.location.column], [['rules', 'bulk-loop'], 2, 3]);
    // A missing field points at the object that lacks it.
    const missing = configError('{ "ignore": [\n  { "rule": "bulk-generation-loop", "path": "x/**" }] }');
    assert.equal(missing.field, 'ignore[0].reason');
    assert.deepEqual([missing.location.line, missing.location.column], [2, 3]);
  });

  it('turns a rule off and overrides a severity', async () => {
    const dir = workspace({ 'sweep.py': SWEEP });
    const plain = await scanFolder(dir);
    assert.ok(plain.findings.some((f) => f.ruleId === 'bulk-generation-loop'));
    const off = await scanFolder(dir, { rules: { 'bulk-generation-loop': 'off' } });
    assert.ok(!off.findings.some((f) => f.ruleId === 'bulk-generation-loop'));
    const raised = await scanFolder(dir, { rules: { 'bulk-generation-loop': 'critical' } });
    assert.equal(raised.findings.find((f) => f.ruleId === 'bulk-generation-loop')?.severity, 'critical');
  });

  it('honours custom wrappers from internal packages the workspace does not contain', async () => {
    const dir = workspace({
      'jobs/enrich.py': 'from acme_llm.client import complete\n\nfor row in open("rows.txt"):\n    complete(row)\n',
      'api/handler.ts':
        "import { complete } from '@acme/llm';\n" +
        '\n' +
        'export async function run(items: string[]) {\n' +
        '  for (const item of items) await complete(item);\n' +
        '}\n',
    });
    const without = await scanFolder(dir);
    assert.equal(without.findings.length, 0);
    const withWrappers = await scanFolder(dir, {
      wrappers: [
        { module: 'acme_llm.client', function: 'complete', provider: 'anthropic' },
        { module: '@acme/llm', function: 'complete', provider: 'openai' },
      ],
    });
    const bulk = withWrappers.findings
      .filter((f) => f.ruleId === 'bulk-generation-loop')
      .map((f) => `${f.file}:${f.provider}`)
      .sort();
    assert.deepEqual(bulk, ['api/handler.ts:openai', 'jobs/enrich.py:anthropic']);
  });

  it('maps gateway hosts to providers, and a local host silences the workload', async () => {
    const dir = workspace({
      'gen.py':
        'from openai import OpenAI\n' +
        'client = OpenAI(base_url="https://llm.internal.example.com/v1")\n' +
        'for row in open("p.txt"):\n' +
        '    client.chat.completions.create(model="m", messages=[{"role": "user", "content": row}])\n',
    });
    const mapped = await scanFolder(dir, { providerHosts: { 'llm.internal.example.com': 'anthropic' } });
    assert.equal(mapped.findings.find((f) => f.ruleId === 'bulk-generation-loop')?.provider, 'anthropic');
    const local = await scanFolder(dir, { providerHosts: { 'internal.example.com': 'local' } });
    assert.deepEqual(
      local.findings.map((f) => f.ruleId),
      [],
    );
  });

  it('escalates volume above the configured threshold', async () => {
    const dir = workspace({
      'grid.py':
        'import anthropic\n' +
        'client = anthropic.Anthropic()\n' +
        'for i in range(600):\n' +
        '    client.messages.create(model="claude-haiku-4-5", max_tokens=64, messages=[{"role": "user", "content": str(i)}])\n',
    });
    const low = await scanFolder(dir);
    const high = await scanFolder(dir, { thresholds: { volume: 500 } });
    const scoreOf = (r: typeof low) => r.findings.find((f) => f.ruleId === 'bulk-generation-loop')!.score;
    assert.ok(scoreOf(high) > scoreOf(low), `${scoreOf(high)} > ${scoreOf(low)}`);
  });
});
