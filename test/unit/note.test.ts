// Pre-clearance notes: which workloads get one, and what a note says (purpose, volume with the
// number, provider, outputs, owner, mitigations, checklist), from code and from the annotation.
import assert from 'node:assert/strict';
import { buildNotes, UnknownWorkloadError } from '../../src/engine/report/note';
import { repoPath, scanFolder } from './support/scan';
import { scanWorkspaceFiles } from './support/workspace';
import type { ScanResult } from '../../src/engine/scan';

const TODAY = '2026-11-25';

const JOB = (annotation: string) => `import json
import anthropic

client = anthropic.Anthropic()
DOMAINS = ["billing", "shipping", "returns", "warranty"]


${annotation}def label_tickets(tickets):
    with open("labels.jsonl", "w") as out:
        for domain in DOMAINS:
            for i in range(3000):
                r = client.messages.create(model="claude-haiku-4-5", max_tokens=128,
                    messages=[{"role": "user", "content": f"Label this {domain} ticket: {tickets[i]}"}])
                out.write(json.dumps({"domain": domain, "label": r.content[0].text}) + "\\n")
`;

const ANNOTATION = `# @llm-usage
#   purpose: labelling our own support tickets to route them to the right queue
#   volume: 12,000 requests per night
#   data: labels kept 30 days in our ticket database; not used for training
#   owner: support-ml@example.com
`;

const scan = (files: Record<string, string>): Promise<ScanResult> => scanWorkspaceFiles(files, TODAY);

describe('note: pre-clearance notes', () => {
  it('drafts one for the distillation example and not for the low eval harness', async () => {
    const r = await scanFolder(repoPath('examples'), {}, TODAY);
    const notes = buildNotes({ facts: r.facts, findings: r.findings, today: TODAY });
    const names = notes.map((n) => n.workload);
    assert.ok(names.includes('generate.py:main'), names.join(', '));
    assert.ok(!names.includes('run_eval.py:run_benchmark'), 'eval harness stays below medium');
    const md = notes.find((n) => n.workload === 'generate.py:main')!.markdown;
    assert.match(md, /^# Pre-clearance note: generate\.py:main/);
    assert.match(md, /\| Provider\(s\) \| Anthropic \|/);
    assert.match(md, /claude-sonnet-4-5/);
    assert.match(md, /12,000 requests per run/);
    assert.match(md, /distilled\.jsonl/);
    assert.match(md, /train_sft\.py/);
    assert.match(md, /\| Purpose \| TODO:/);
    assert.match(md, /\| Owner \| TODO:/);
    assert.match(md, /- \[ \] Purpose written/);
  });

  it('names purpose, volume, provider, outputs and owner from the annotation', async () => {
    const r = await scan({ 'jobs/label.py': JOB(ANNOTATION) });
    const notes = buildNotes({ facts: r.facts, findings: r.findings, today: TODAY, workload: 'label_tickets' });
    assert.equal(notes.length, 1);
    const md = notes[0].markdown;
    assert.match(md, /\| Purpose \| labelling our own support tickets to route them to the right queue \|/);
    assert.match(md, /Estimated from code: 12,000 requests per run/);
    assert.match(md, /Declared by the team: 12,000 requests per night/);
    assert.match(md, /\| Provider\(s\) \| Anthropic \|/);
    assert.match(md, /labels\.jsonl/);
    assert.match(md, /Retention: labels kept 30 days/);
    assert.match(md, /\| Owner \| support-ml@example\.com \|/);
    assert.match(md, /placeholder `domain`/);
    assert.match(md, /\| End-user ids on requests \| missing \|/);
    assert.match(md, /\| Concurrency limit \| not needed \|/);
    assert.match(md, /- \[x\] Owner named/);
  });

  it('skips cleared workloads unless asked for by name', async () => {
    const cleared = ANNOTATION + '#   clearance: Anthropic support ticket 48213, approved 2026-10-02\n';
    const r = await scan({ 'jobs/label.py': JOB(cleared) });
    assert.deepEqual(buildNotes({ facts: r.facts, findings: r.findings, today: TODAY }), []);
    const [named] = buildNotes({ facts: r.facts, findings: r.findings, today: TODAY, workload: 'label.py:label_tickets' });
    assert.match(named.markdown, /\| Clearance \| Anthropic support ticket 48213/);
    assert.match(named.markdown, /- \[x\] Provider's answer recorded/);
  });

  it('an unknown workload name is an error listing the known ones', async () => {
    const r = await scan({ 'jobs/label.py': JOB('') });
    assert.throws(
      () => buildNotes({ facts: r.facts, findings: r.findings, today: TODAY, workload: 'nope' }),
      (e: unknown) => e instanceof UnknownWorkloadError && /label\.py:label_tickets/.test(e.message),
    );
  });
});
