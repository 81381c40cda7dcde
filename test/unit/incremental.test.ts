// Live analysis of one changed file must report exactly what a whole-workspace analysis reports on
// that file: checked for every file of the examples and of every rule fixture workspace.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyzeWorkspace } from '../../src/engine/analyze';
import { analyzeChangedFile, filesAffecting } from '../../src/engine/incremental';
import { defaultConfig } from '../../src/engine/config';
import { lineAt } from '../../src/engine/scan';
import { repoPath, scanFolder } from './support/scan';

const TODAY = '2026-11-25';
const key = (f: {
  ruleId: string;
  range: { startLine: number; startColumn: number };
  severity: string;
  message: string;
  suppressed: boolean;
}) => `${f.ruleId}@${f.range.startLine}:${f.range.startColumn} ${f.severity} ${f.suppressed} ${f.message}`;

function workspaces(): string[] {
  const rules = repoPath('test', 'fixtures', 'rules');
  const sdk = repoPath('test', 'fixtures', 'sdk');
  const dirs = (root: string) =>
    readdirSync(root)
      .map((d) => path.join(root, d))
      .filter((d) => statSync(d).isDirectory());
  return [repoPath('examples'), ...dirs(rules), ...dirs(sdk)];
}

describe('incremental analysis of a changed file', function () {
  this.timeout(120_000);
  it('matches the whole-workspace analysis on every file of every fixture workspace', async () => {
    let compared = 0;
    for (const dir of workspaces()) {
      const scan = await scanFolder(dir, {}, TODAY);
      const input = {
        files: scan.facts,
        lineText: (f: string, line: number) => lineAt(scan.texts.get(f) ?? '', line),
        config: defaultConfig(),
        today: TODAY,
      };
      const full = analyzeWorkspace(input);
      for (const file of scan.facts.keys()) {
        const expected = full
          .filter((f) => f.file === file)
          .map(key)
          .sort();
        const actual = analyzeChangedFile(input, file).map(key).sort();
        assert.deepEqual(actual, expected, `${path.relative(repoPath(), dir)}/${file}`);
        compared++;
      }
    }
    assert.ok(compared > 100, `compared ${compared} files`);
  });

  it('leaves out files the changed file neither imports nor is imported by', async () => {
    const scan = await scanFolder(repoPath('examples'), {}, TODAY);
    const affecting = [...filesAffecting(scan.facts, 'eval-harness/run_eval.py').keys()];
    assert.deepEqual(affecting.sort(), ['distill-pipeline/train_sft.py', 'eval-harness/run_eval.py']);
    const driver = [...filesAffecting(scan.facts, 'distill-pipeline/generate.py').keys()].sort();
    assert.deepEqual(driver, ['distill-pipeline/generate.py', 'distill-pipeline/llm_client.py', 'distill-pipeline/train_sft.py']);
    // Training code is matched to outputs by name anywhere: it is analysed against everything.
    assert.equal(filesAffecting(scan.facts, 'distill-pipeline/train_sft.py').size, scan.facts.size);
  });
});
