// Job queues and schedulers call the user's handler once per job or per tick: each row of the
// driver table is recognised in the slot it names, and only for the module it names.
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from './support/workspace';

const TODAY = '2026-11-25';

const SUMMARISE_PY = [
  'import anthropic',
  'client = anthropic.Anthropic()',
  'def summarise(text):',
  '    return client.messages.create(model="claude-haiku-4-5", max_tokens=200, messages=[{"role": "user", "content": text}])',
  '',
].join('\n');

const SUMMARISE_TS = [
  "import Anthropic from '@anthropic-ai/sdk';",
  'const client = new Anthropic();',
  'export async function summarise(text: string) {',
  "  return client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 200, messages: [{ role: 'user', content: text }] });",
  '}',
  '',
].join('\n');

/** `file:line → what` of the polling-loop findings outside the shared summariser. */
async function drivenLines(files: Record<string, string>): Promise<string[]> {
  const result = await scanWorkspaceFiles(files, TODAY);
  return result.findings
    .filter((f) => f.ruleId === 'polling-loop' && !/^summarise\./.test(f.file))
    .map((f) => `${f.file}:${f.range.startLine + 1} ${f.severity} ${/once per queued job/.test(f.message) ? 'queue' : 'timer'}`)
    .sort();
}

describe('job drivers', () => {
  it('read Python queue and scheduler registrations by slot and keyword', async () => {
    const lines = await drivenLines({
      'summarise.py': SUMMARISE_PY,
      'workers.py': [
        'import pika',
        'from huey import RedisHuey, crontab',
        'from rq import Queue',
        'from summarise import summarise',
        'huey = RedisHuey("tickets")',
        '@huey.periodic_task(crontab(minute="0"))',
        'def hourly():',
        '    summarise("last hour")',
        '@huey.task()',
        'def one(text):',
        '    summarise(text)',
        'def on_message(ch, method, properties, body):',
        '    summarise(body.decode())',
        'def start(channel):',
        '    channel.basic_consume(queue="tickets", on_message_callback=on_message)',
        'def enqueue_all(redis, texts):',
        '    Queue(connection=redis).enqueue(summarise, texts[0])',
        '',
      ].join('\n'),
    });
    assert.deepEqual(lines, ['workers.py:11 low queue', 'workers.py:15 low queue', 'workers.py:17 low queue', 'workers.py:8 medium timer']);
  });

  it('read TS/JS job functions from options objects and imported names with members', async () => {
    const lines = await drivenLines({
      'summarise.ts': SUMMARISE_TS,
      'jobs.ts': [
        "import { task, schedules } from '@trigger.dev/sdk/v3';",
        "import { CronJob } from 'cron';",
        "import schedule from 'node-schedule';",
        "import { summarise } from './summarise';",
        "export const one = task({ id: 'summarise', run: async (p: { text: string }) => {",
        '  await summarise(p.text);',
        '} });',
        "export const daily = schedules.task({ id: 'daily', cron: '0 6 * * *', run: async () => {",
        "  await summarise('yesterday');",
        '} });',
        "CronJob.from({ cronTime: '0 * * * *', onTick: async () => { await summarise('hour'); }, start: true });",
        "schedule.scheduleJob('*/5 * * * *', () => summarise('five minutes'));",
        '',
      ].join('\n'),
    });
    assert.deepEqual(lines, ['jobs.ts:11 medium timer', 'jobs.ts:12 medium timer', 'jobs.ts:6 low queue', 'jobs.ts:9 medium timer']);
  });

  it('leave look-alike names of other modules alone', async () => {
    const lines = await drivenLines({
      'summarise.ts': SUMMARISE_TS,
      'pipeline.ts': [
        "import { Worker } from 'node:worker_threads';",
        "import { task } from './local-tasks';",
        "import { summarise } from './summarise';",
        "export const thread = new Worker('./resize.js');",
        "export const local = task({ run: async () => summarise('once') });",
        'export function step(queue: { process(fn: () => Promise<unknown>): void }) {',
        "  queue.process(() => summarise('a document'));",
        '}',
        '',
      ].join('\n'),
      'local-tasks.ts': 'export function task(o: { run: () => unknown }) { return o; }\n',
    });
    assert.deepEqual(lines, []);
  });
});
