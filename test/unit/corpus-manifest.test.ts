// The labelled real-world corpus is committed as manifests only: every entry must name a public
// repository at a full commit, a file, a known label and language, and say why it has its label.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { repoPath } from './support/scan';

interface Entry {
  repo: string;
  commit: string;
  path: string;
  label: string;
  kind: string;
  language: string;
  crossFile: boolean;
  why: string;
}

const dir = repoPath('corpus', 'manifest');
const entries: (Entry & { manifest: string })[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => (JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')).entries as Entry[]).map((e) => ({ ...e, manifest: f })));

describe('corpus manifest', () => {
  it('has well-formed entries', () => {
    for (const e of entries) {
      const where = `${e.manifest}: ${e.repo}/${e.path}`;
      assert.match(e.repo, /^[\w.-]+\/[\w.-]+$/, where);
      assert.match(e.commit, /^[0-9a-f]{40}$/, where);
      assert.ok(e.path && !e.path.startsWith('/') && !e.path.includes('..'), where);
      assert.ok(['harvest', 'eval', 'product'].includes(e.label), where);
      assert.ok(['python', 'tsjs'].includes(e.language), where);
      assert.equal(typeof e.crossFile, 'boolean', where);
      assert.ok(e.kind && e.why && e.why.length >= 20, where);
      // Labels are made by reading the file; no secret values or machine paths belong in them.
      assert.doesNotMatch(e.why, /sk-[A-Za-z0-9]{10,}|\/work\/|\/root\//, where);
    }
  });

  it('labels each file once, at one commit per repository', () => {
    const files = new Set<string>();
    const commits = new Map<string, string>();
    for (const e of entries) {
      const key = `${e.repo}/${e.path}`;
      assert.ok(!files.has(key), `labelled twice: ${key}`);
      files.add(key);
      assert.equal(commits.get(e.repo) ?? e.commit, e.commit, `two commits for ${e.repo}`);
      commits.set(e.repo, e.commit);
    }
  });

  it('is large and varied enough to measure detection: 150 files, 60 repositories, both languages, a third cross-file', () => {
    assert.ok(entries.length >= 150, `${entries.length} entries`);
    assert.ok(new Set(entries.map((e) => e.repo)).size >= 60);
    for (const label of ['harvest', 'eval', 'product']) {
      for (const language of ['python', 'tsjs'])
        assert.ok(
          entries.some((e) => e.label === label && e.language === language),
          `${label}/${language}`,
        );
    }
    assert.ok(entries.filter((e) => e.crossFile).length * 3 >= entries.length);
  });
});
