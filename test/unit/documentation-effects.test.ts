// Documentation informs, only clearance lowers the core risks: on the bundled distillation example,
// run through the built CLI, an annotation holding only `purpose:` shows the purpose in every
// message and caps the bulk and batch findings at info, while training on outputs, reasoning
// harvest, training-shaped harvesting and capability sweeps keep their severity until a
// `clearance:` is recorded.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoPath } from './support/scan';

const CLI = repoPath('dist', 'cli.js');
const PURPOSE = 'fine-tune our own open model on Claude outputs';
const CORE_RISKS = ['training-on-outputs', 'reasoning-trace-harvest', 'output-harvesting', 'capability-coverage-sweep'];

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  annotated: boolean;
}

/** The distillation example with `annotation` above its driver loop, scanned as JSON by the CLI. */
function scanAnnotated(annotation: string[]): JsonFinding[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'ppr-doc-effects-'));
  cpSync(repoPath('examples', 'distill-pipeline'), dir, { recursive: true });
  const generate = path.join(dir, 'generate.py');
  const loop = '        for topic in TOPICS:';
  const text = readFileSync(generate, 'utf8');
  assert.ok(text.includes(loop), 'the example still has its driver loop');
  writeFileSync(generate, text.replace(loop, [...annotation.map((l) => `        # ${l}`), loop].join('\n')));
  const r = spawnSync(process.execPath, [CLI, 'scan', dir, '--no-cache', '--format', 'json', '--fail-on', 'none'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).findings;
}

const rank = (s: string) => ['info', 'low', 'medium', 'high', 'critical'].indexOf(s);

describe('documentation effects on the distillation example (CLI)', function () {
  this.timeout(120_000);
  before(() => {
    if (!existsSync(CLI)) throw new Error('build first: dist/cli.js is missing');
  });

  it('a purpose alone leaves training-on-outputs at high or above, in every file it is reported in', () => {
    const findings = scanAnnotated(['@llm-usage', `  purpose: ${PURPOSE}`]);
    const training = findings.filter((f) => f.ruleId === 'training-on-outputs');
    assert.ok(training.length >= 2, "reported on the loop's provider call and on the trainer");
    assert.ok(
      training.some((f) => f.file === 'train_sft.py'),
      'also in the training file',
    );
    for (const f of training) {
      assert.ok(rank(f.severity) >= rank('high'), `${f.file}: ${f.severity}`);
      assert.ok(f.message.includes(`documented: ${PURPOSE}`), f.message);
      assert.match(f.message, /severity kept until a clearance: is recorded/);
    }
  });

  it('a purpose alone keeps every core risk and caps bulk and batch findings at info', () => {
    const findings = scanAnnotated(['@llm-usage', `  purpose: ${PURPOSE}`]);
    for (const id of CORE_RISKS) {
      const hits = findings.filter((f) => f.ruleId === id);
      assert.ok(hits.length, `${id} reported`);
      for (const f of hits) assert.ok(rank(f.severity) >= rank('high'), `${id} in ${f.file}: ${f.severity}`);
    }
    for (const id of ['bulk-generation-loop', 'batch-without-clearance']) {
      const hits = findings.filter((f) => f.ruleId === id);
      assert.ok(hits.length, `${id} reported`);
      for (const f of hits) {
        assert.equal(f.severity, 'info', `${id} in ${f.file}`);
        assert.ok(f.message.includes(`documented: ${PURPOSE}`), f.message);
      }
    }
  });

  it('a recorded clearance lets the core risks drop to info, and says so', () => {
    const findings = scanAnnotated([
      '@llm-usage',
      `  purpose: ${PURPOSE}`,
      '  clearance: Anthropic support ticket 48213, approved 2026-10-02',
    ]);
    for (const id of CORE_RISKS) {
      for (const f of findings.filter((x) => x.ruleId === id)) {
        assert.equal(f.severity, 'info', `${id} in ${f.file}`);
        assert.match(f.message, /clearance: Anthropic support ticket 48213/);
      }
    }
  });

  it('a placeholder clearance (TODO) lowers nothing', () => {
    const findings = scanAnnotated(['@llm-usage', `  purpose: ${PURPOSE}`, '  clearance: TODO ask support']);
    const training = findings.filter((f) => f.ruleId === 'training-on-outputs');
    assert.ok(training.length && training.every((f) => rank(f.severity) >= rank('high')));
  });
});
