// The Markdown report: summary, counts, workloads with volume, every finding (suppressed ones
// marked), table cells that cannot break the table or inject HTML, and no secrets.
import assert from 'node:assert/strict';
import { toMarkdownReport, workloadRows } from '../../src/engine/report/markdown';
import type { Finding } from '../../src/engine/types';

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'bulk-generation-loop',
    severity: 'high',
    score: 60,
    message: 'loop over rows',
    file: 'gen.py',
    range: { startLine: 4, startColumn: 0, endLine: 4, endColumn: 10 },
    provider: 'anthropic',
    workload: 'gen.py:main',
    signals: [],
    volume: 1200,
    annotated: false,
    suppressed: false,
    fingerprint: 'f',
    related: [],
    ...overrides,
  };
}

describe('markdown report', () => {
  const findings = [
    finding({}),
    finding({
      ruleId: 'output-harvesting',
      severity: 'critical',
      file: 'gen.py',
      range: { startLine: 9, startColumn: 0, endLine: 9, endColumn: 3 },
    }),
    finding({
      ruleId: 'polling-loop',
      severity: 'medium',
      provider: 'openai',
      workload: 'poll.ts:tick',
      file: 'poll.ts',
      volume: 'unbounded',
    }),
    finding({ ruleId: 'sampling-sweep', severity: 'low', suppressed: true, suppression: { kind: 'inline', reason: 'pre-cleared' } }),
  ];
  const md = toMarkdownReport({ root: 'repo', files: 10, parsed: 3, findings, skipped: [{ file: 'big.py', reason: 'too large' }] });

  it('summarises counts by severity, provider and rule, leaving suppressed findings out of the counts', () => {
    assert.match(md, /\*\*3 findings\*\*, 1 suppressed/);
    assert.match(md, /\| critical \| 1 \|/);
    assert.match(md, /\| low \| 0 \|/);
    assert.match(md, /\| Anthropic \| 2 \|/);
    assert.match(md, /\| OpenAI \| 1 \|/);
    assert.doesNotMatch(md, /\| sampling-sweep \| 1 \|/);
  });

  it('lists workloads by volume, unbounded first, with their worst severity', () => {
    const rows = workloadRows(findings);
    assert.deepEqual(
      rows.map((r) => [r.workload, r.worst, r.findings]),
      [
        ['poll.ts:tick', 'medium', 1],
        ['gen.py:main', 'critical', 2],
      ],
    );
    assert.match(md, /\| gen\.py:main \| gen\.py \| Anthropic \| 1,200 requests \| critical \| 2 \|/);
  });

  it('lists every finding with its location, suppressed ones struck through with the reason', () => {
    assert.match(md, /\| critical \| output-harvesting \| gen\.py:10 \|/);
    assert.match(md, /~~low~~ \(suppressed: pre-cleared\)/);
    assert.match(md, /- big\.py: too large/);
  });

  it('keeps workspace text from breaking the table or injecting HTML, and redacts secrets', () => {
    const hostile = toMarkdownReport({
      root: 'r',
      files: 1,
      parsed: 1,
      skipped: [],
      findings: [finding({ message: 'a | b\nc <script>alert(1)</script> key sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })],
    });
    const row = hostile.split('\n').find((l) => l.includes('bulk-generation-loop') && l.includes('gen.py:5'))!;
    assert.match(row, /a \\\| b c &lt;script&gt;/);
    assert.doesNotMatch(hostile, /<script>/);
    assert.doesNotMatch(hostile, /sk-ant-api03-AAAA/);
  });
});
