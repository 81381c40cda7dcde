// A pre-clearance note states only what the code or the team said: on the distillation example it
// ticks no checklist item whose field is unfilled, quotes the whole prompt template with every
// placeholder, and lists each training file and each rule once.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildNotes } from '../../src/engine/report/note';
import { repoPath, scanFolder } from './support/scan';
import { scanWorkspaceFiles } from './support/workspace';

const TODAY = '2026-11-25';
const ticked = (markdown: string) => markdown.split('\n').filter((l) => l.startsWith('- [x]'));

async function exampleNote(files?: Record<string, string>): Promise<string> {
  const r = files ? await scanWorkspaceFiles(files, TODAY) : await scanFolder(repoPath('examples'), {}, TODAY);
  const [note] = buildNotes({ facts: r.facts, findings: r.findings, today: TODAY, workload: 'generate.py:main', texts: r.texts });
  assert.ok(note, 'a note for generate.py:main');
  return note.markdown;
}

function distillFiles(annotation: string[]): Record<string, string> {
  const dir = repoPath('examples', 'distill-pipeline');
  const read = (f: string) => readFileSync(`${dir}/${f}`, 'utf8');
  const loop = '        for topic in TOPICS:';
  return {
    'generate.py': read('generate.py').replace(loop, [...annotation.map((l) => `        # ${l}`), loop].join('\n')),
    'llm_client.py': read('llm_client.py'),
    'train_sft.py': read('train_sft.py'),
  };
}

describe('note: only what the code or the team said', () => {
  it('ticks no checklist item for the undocumented example', async () => {
    assert.deepEqual(ticked(await exampleNote()), []);
  });

  it('quotes the whole template with all its placeholders', async () => {
    const md = await exampleNote();
    assert.ok(
      md.includes(
        'You are an expert in {topic}. Write a hard question about {topic} and answer it in a {style} way. Think step by step ' +
          'and show all of your reasoning.',
      ),
      md,
    );
    assert.match(md, /placeholder `topic`/);
    assert.match(md, /placeholder `style`/);
    assert.doesNotMatch(md, /truncated/);
  });

  it('lists the training file once and each rule once', async () => {
    const md = await exampleNote();
    assert.equal(md.split('\n').filter((l) => l.startsWith('- Training code in the workspace:')).length, 1);
    assert.equal(md.split('\n').filter((l) => l.includes('train_sft.py') && l.startsWith('- Training code')).length, 1);
    const signals = md.split('## Detected signals')[1].split('## Mitigations')[0];
    const rules = [...signals.matchAll(/\(`([a-z-]+)`,/g)].map((m) => m[1]);
    assert.ok(rules.length >= 5);
    assert.deepEqual(rules, [...new Set(rules)], 'one line per rule');
  });

  it('with the skeleton filled in only at purpose, ticks only the purpose', async () => {
    const md = await exampleNote(
      distillFiles([
        '@llm-usage',
        '  purpose: fine-tune our own open model on Claude outputs',
        '  volume:',
        '  data: TODO',
        '  clearance:',
        '  owner:',
        '  expires:',
      ]),
    );
    assert.deepEqual(ticked(md), ['- [x] Purpose written in the `@llm-usage` annotation']);
    assert.match(md, /Declared by the team: TODO:/, 'an empty volume is still asked for');
    assert.match(md, /Retention: TODO:/, 'a TODO data field is still asked for');
  });

  it('ticks the fields the team filled, and the clearance once recorded', async () => {
    const md = await exampleNote(
      distillFiles([
        '@llm-usage',
        '  purpose: fine-tune our own open model',
        '  volume: 12,000 requests once',
        '  data: kept 30 days, trains our own 1.5B model',
        '  clearance: ticket 48213, 2026-10-02',
        '  owner: ml@example.com',
      ]),
    );
    assert.deepEqual(ticked(md).sort(), [
      '- [x] Output retention stated, and whether the outputs train any model',
      '- [x] Owner named',
      "- [x] Provider's answer recorded as `clearance:` in the annotation",
      '- [x] Purpose written in the `@llm-usage` annotation',
      '- [x] Volume declared (per run and per day or month)',
    ]);
  });
});
