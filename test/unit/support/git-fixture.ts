// Test support: a git repository in a temp folder holding small LLM workloads, built in two commits.
// The first holds a generator reaching the provider through a wrapper, an eval loop and a batch
// loop; the second adds a trainer on the generator's output (a change in another file than the
// generator's), a sampling sweep in the eval and a new polling loop. The batch loop never changes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIRST_COMMIT: Record<string, string> = {
  'llm_client.py': [
    'import anthropic',
    'client = anthropic.Anthropic()',
    '',
    'def ask(prompt):',
    '    response = client.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=[{"role": "user", "content": prompt}])',
    '    return response.content[0].text',
    '',
  ].join('\n'),
  'generate.py': [
    'import json',
    'from llm_client import ask',
    '',
    'TOPICS = ["algebra", "chemistry", "law", "poetry"]',
    '',
    'def main():',
    '    with open("topic_answers.jsonl", "w") as out:',
    '        for topic in TOPICS:',
    '            for i in range(200):',
    '                answer = ask(f"Write a hard question about {topic} and answer it.")',
    '                out.write(json.dumps({"topic": topic, "response": answer}) + "\\n")',
    '',
  ].join('\n'),
  'run_eval.py': [
    'import json',
    'from openai import OpenAI',
    '',
    'client = OpenAI()',
    '',
    'def grade(expected, actual):',
    '    return 1.0 if expected in actual else 0.0',
    '',
    'def run_benchmark(path):',
    '    cases = [json.loads(line) for line in open(path)]',
    '    scores = []',
    '    for case in cases:',
    '        completion = client.chat.completions.create(',
    '            model="gpt-4o-mini",',
    '            temperature=0,',
    '            messages=[{"role": "user", "content": case["question"]}],',
    '        )',
    '        scores.append(grade(case["expected"], completion.choices[0].message.content))',
    '    return sum(scores) / len(scores)',
    '',
  ].join('\n'),
  'jobs/batch.py': [
    'from anthropic import Anthropic',
    'client = Anthropic()',
    '',
    'def nightly():',
    '    for i in range(1000):',
    '        client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[{"role": "user", "content": str(i)}])',
    '',
  ].join('\n'),
};

export const SECOND_COMMIT: Record<string, string> = {
  'train_sft.py': [
    'from datasets import load_dataset',
    'from trl import SFTConfig, SFTTrainer',
    '',
    'dataset = load_dataset("json", data_files="topic_answers.jsonl", split="train")',
    'trainer = SFTTrainer(model="Qwen/Qwen2.5-1.5B", train_dataset=dataset, args=SFTConfig(output_dir="student"))',
    'trainer.train()',
    '',
  ].join('\n'),
  'run_eval.py': FIRST_COMMIT['run_eval.py'].replace('            temperature=0,\n', '            temperature=0,\n            n=5,\n'),
  'poll.py': [
    'import time',
    'from openai import OpenAI',
    '',
    'client = OpenAI()',
    '',
    'def watch():',
    '    while True:',
    '        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "status?"}])',
    '        time.sleep(60)',
    '',
  ].join('\n'),
};

/** The workloads the second commit touches: the generator through its new trainer, the eval, the poller. */
export const SECOND_COMMIT_WORKLOADS = ['generate.py:main', 'poll.py:watch', 'run_eval.py:run_benchmark'];

export class GitFixture {
  private constructor(readonly dir: string) {}

  /** An empty repository with a committer set, no signing and no hooks from the machine's config. */
  static create(prefix = 'ppr-git-'): GitFixture {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    const repo = new GitFixture(dir);
    repo.git('init', '-q');
    return repo;
  }

  git(...args: string[]): string {
    const run = spawnSync(
      'git',
      [
        '-c',
        'user.name=Fixture',
        '-c',
        'user.email=fixture@example.com',
        '-c',
        'commit.gpgsign=false',
        '-c',
        'core.hooksPath=/dev/null',
        ...args,
      ],
      { cwd: this.dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } },
    );
    if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
  }

  write(files: Record<string, string>): void {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
      writeFileSync(path.join(this.dir, file), text);
    }
  }

  commit(files: Record<string, string>, message: string): void {
    this.write(files);
    this.git('add', '--', ...Object.keys(files));
    this.git('commit', '-q', '-m', message);
  }

  /** The repository after both commits. */
  static twoCommits(prefix?: string): GitFixture {
    const repo = GitFixture.create(prefix);
    repo.commit(FIRST_COMMIT, 'first');
    repo.commit(SECOND_COMMIT, 'second');
    return repo;
  }
}

/** Distinct workloads of a JSON report's findings, sorted. */
export function workloadsOf(report: { findings: { workload: string }[] }): string[] {
  return [...new Set(report.findings.map((f) => f.workload))].sort();
}
