// The "Document this workload" skeleton and the owner it proposes from git config files.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { annotationSkeleton, oneYearAfter } from '../../src/engine/report/note-annotation';
import { gitOwnerFor, parseGitIdentity } from '../../src/vscode/commands-git-owner';
import { writeWorkspace } from './support/workspace';

describe('note: annotation skeleton', () => {
  it('leaves every field empty and puts what the code and git show into the guidance above the block', () => {
    const text = annotationSkeleton({
      language: 'python',
      indent: '    ',
      volume: 12000,
      providers: ['anthropic'],
      models: ['claude-sonnet-4-5'],
      owner: 'Ada <ada@example.com>',
      today: '2026-11-25',
    });
    assert.equal(
      text,
      [
        '    # Describe this workload for the provider; leave a field empty rather than guess.',
        '    #   purpose — what this workload is for, whose data, why this volume',
        '    #   volume — requests per run and per day or month (the code suggests ~12,000 requests per run to Anthropic ' +
          '(claude-sonnet-4-5))',
        '    #   data — where the outputs go, how long they are kept, and whether they train any model',
        "    #   clearance — the provider's written permission (ticket or e-mail, date), once you have it",
        '    #   owner — team and contact address (git config names Ada <ada@example.com>)',
        '    #   expires — YYYY-MM-DD to re-read this block, e.g. 2027-11-25',
        '    # @llm-usage',
        '    #   purpose:',
        '    #   volume:',
        '    #   data:',
        '    #   clearance:',
        '    #   owner:',
        '    #   expires:',
        '',
      ].join('\n'),
    );
    assert.doesNotMatch(text, /not used to train/, 'no claim about training is made for the team');
  });

  it('uses // in TypeScript and says when the volume is unknown', () => {
    const text = annotationSkeleton({
      language: 'typescript',
      indent: '',
      volume: 'unbounded',
      providers: ['openai'],
      today: '2026-11-25',
    });
    assert.match(text, /^\/\/ Describe this workload/);
    assert.match(text, /\n\/\/ @llm-usage\n/);
    assert.match(text, /the loop size is not a literal/);
    assert.match(text, /\/\/ {3}owner:\n/);
  });

  it('a year later, 29 February included', () => {
    assert.equal(oneYearAfter('2028-02-29'), '2029-02-28');
    assert.equal(oneYearAfter('2026-12-31'), '2027-12-31');
  });
});

describe('note: owner from git config files', () => {
  it('reads [user] name and email, ignoring other sections and comments', () => {
    const text =
      '[core]\n\tname = not-this\n# [user]\n[user]\n\tname = Ada Lovelace\n\temail = "ada@example.com"\n[remote "origin"]\n\turl = x\n';
    assert.deepEqual(parseGitIdentity(text), { name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('the repository config wins over ~/.gitconfig, field by field', () => {
    const ws = writeWorkspace({
      'home/.gitconfig': '[user]\n  name = Global Name\n  email = global@example.com\n',
      'repo/.git/config': '[user]\n  email = repo@example.com\n',
    });
    try {
      mkdirSync(path.join(ws.dir, 'repo', 'sub'), { recursive: true });
      assert.equal(gitOwnerFor(path.join(ws.dir, 'repo', 'sub'), path.join(ws.dir, 'home')), 'Global Name <repo@example.com>');
      writeFileSync(path.join(ws.dir, 'home', '.gitconfig'), '');
      assert.equal(gitOwnerFor(path.join(ws.dir, 'repo'), path.join(ws.dir, 'home')), 'repo@example.com');
      assert.equal(gitOwnerFor(undefined, path.join(ws.dir, 'nowhere')), undefined);
    } finally {
      ws.remove();
    }
  });
});
