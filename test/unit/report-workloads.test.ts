// Workloads in the report layer: the JSON report's `workloads` array (one entry per workload, with
// its rules, strongest severity, volume, files and fingerprint) beside the per-rule findings, and
// the editor's unit — one entry per workload per location, its message leading with outcome and volume.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { repoPath, scanFolder } from './support/scan';
import { workloadSummaries, workloadLocations } from '../../src/engine/report/workloads';
import type { Finding } from '../../src/engine/types';

const TODAY = '2026-11-25';

describe('report: workloads', function () {
  this.timeout(120_000);
  let findings: Finding[];
  before(async () => {
    findings = (await scanFolder(repoPath('examples'), {}, TODAY)).findings;
  });

  it('summarises the distillation example as one critical workload holding every rule that fired on it', () => {
    const workloads = workloadSummaries(findings);
    const distill = workloads.filter((w) => w.name === 'generate.py:main');
    assert.equal(distill.length, 1, 'one entry for the workload');
    const [w] = distill;
    assert.equal(w.severity, 'critical');
    const rules = new Set(findings.filter((f) => f.workload === w.name && !f.suppressed).map((f) => f.ruleId));
    assert.deepEqual(new Set(w.rules), rules);
    assert.equal(w.rules.length, rules.size, 'each rule once');
    assert.equal(w.volume, 12000);
    assert.deepEqual(w.files, ['distill-pipeline/generate.py', 'distill-pipeline/llm_client.py', 'distill-pipeline/train_sft.py']);
    assert.match(w.fingerprint, /^[0-9a-f]{16}$/);
    assert.equal(workloads[0].name, 'generate.py:main', 'strongest first');
  });

  it('the fingerprint is stable when a rule of the workload goes away', () => {
    const [before] = workloadSummaries(findings);
    const [after] = workloadSummaries(findings.filter((f) => f.ruleId !== 'templated-prompt-sweep'));
    assert.equal(after.fingerprint, before.fingerprint);
  });

  it('gives the editor one entry per workload per location, with the rules as facets and the strongest severity', () => {
    const locations = workloadLocations(findings.filter((f) => !f.suppressed));
    const generation = locations.filter((l) => l.file === 'distill-pipeline/generate.py' && l.range.startLine === 19);
    assert.equal(generation.length, 1, 'one diagnostic on the generation line');
    const [g] = generation;
    const onLine = findings.filter((f) => f.file === g.file && f.range.startLine === 19);
    assert.deepEqual(g.facets.map((f) => f.ruleId).sort(), [...new Set(onLine.map((f) => f.ruleId))].sort());
    assert.equal(g.severity, 'critical');
    assert.match(g.message, /^distillation-like: ~12,000 requests to Anthropic, /);
    assert.match(g.message, /thinking captured/);
    assert.match(g.message, /written to distilled\.jsonl/);
    assert.match(g.message, /trainer in distill-pipeline\/train_sft\.py/);
    const keys = locations.map((l) => `${l.workloadKey}|${l.file}|${l.range.startLine}`);
    assert.deepEqual(keys, [...new Set(keys)], 'never two entries for one workload at one place');
  });

  it("a file shown on its own (live analysis) still names the whole workload's outcome", () => {
    const own = findings.filter((f) => f.file === 'distill-pipeline/generate.py' && !f.suppressed);
    assert.ok(!own.some((f) => f.ruleId === 'training-on-outputs'), "the trainer's rule is in other files");
    const [g] = workloadLocations(own);
    assert.match(g.message, /^distillation-like: /);
  });

  it('says "documented: <purpose>" when the workload is documented', () => {
    const documented = findings.map((f) =>
      f.workload === 'generate.py:main' ? { ...f, documentation: { purpose: 'fine-tune our own model' } } : f,
    );
    const [g] = workloadLocations(documented).filter((l) => l.file === 'distill-pipeline/generate.py');
    assert.match(g.message, / — documented: fine-tune our own model \(severity kept until a clearance: is recorded\)$/);
  });

  it("the CLI's JSON has the workloads array beside one result per rule", () => {
    const r = spawnSync(
      process.execPath,
      [repoPath('dist', 'cli.js'), 'scan', repoPath('examples'), '--no-cache', '--format', 'json', '--fail-on', 'none'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.ok(Array.isArray(report.workloads));
    for (const w of report.workloads)
      for (const key of ['name', 'rules', 'severity', 'volume', 'files', 'fingerprint']) assert.ok(key in w, `workload.${key}`);
    const distill = report.workloads.find((w: { name: string }) => w.name === 'generate.py:main');
    assert.ok(distill.rules.includes('training-on-outputs'));
    const perRule = report.findings.filter(
      (f: { workload: string; file: string; line: number }) =>
        f.workload === 'generate.py:main' && f.file === 'distill-pipeline/generate.py' && f.line === 20,
    );
    assert.ok(perRule.length >= 5, 'JSON keeps one result per rule');
  });
});
