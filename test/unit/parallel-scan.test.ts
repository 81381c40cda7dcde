// The CLI's worker-thread scan must give exactly what the single-threaded scan gives: same
// findings, same facts in the same order, same skips — cold and with a warm facts cache.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanFiles, type ScanResult } from '../../src/engine/scan';
import { defaultConfig } from '../../src/engine/config';
import type { FileFacts } from '../../src/engine/types';
import { createNodeHost } from '../../src/host/node-host';
import { listSourceFiles } from '../../src/host/node-files';
import { scanFilesInParallel, type ListableFactsCache } from '../../src/cli/parallel-scan';
import { writeHostileWorkspace } from './hostile-inputs.test';
import { repoPath } from './support/scan';
import { writeWorkspace } from './support/workspace';

const TODAY = '2026-11-25';

class MemoryCache implements ListableFactsCache {
  readonly entries = new Map<string, FileFacts>();
  get(key: string) {
    return this.entries.get(key);
  }
  set(key: string, facts: FileFacts) {
    this.entries.set(key, facts);
  }
  keys() {
    return this.entries.keys();
  }
}

/** What a scan reports, without the per-run texts map. */
function outcome(result: ScanResult) {
  return {
    files: result.files,
    parsed: result.parsed,
    findings: result.findings,
    skipped: result.skipped,
    facts: [...result.facts],
    cancelled: result.cancelled,
  };
}

async function compare(folder: string, config = defaultConfig()): Promise<ScanResult> {
  const files = await listSourceFiles(folder, { include: config.include, exclude: config.exclude });
  const single = await scanFiles(files, createNodeHost(folder), { config, today: TODAY });
  const parallel = await scanFilesInParallel(folder, files, { config, today: TODAY, workers: 2 });
  assert.deepEqual(outcome(parallel), outcome(single));
  assert.deepEqual([...parallel.texts.keys()].sort(), [...single.texts.keys()].sort());

  const cache = new MemoryCache();
  await scanFilesInParallel(folder, files, { config, today: TODAY, workers: 2, cache });
  assert.ok(cache.entries.size > 0, 'the cold parallel scan fills the cache');
  const warm = await scanFilesInParallel(folder, files, { config, today: TODAY, workers: 2, cache });
  assert.deepEqual(outcome(warm), outcome(single));
  return single;
}

describe('parallel scan', function () {
  this.timeout(120_000);

  it('finds exactly what the single-threaded scan finds on examples/', async () => {
    // A copy: other suites write scratch files into examples/ while they run.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ppr-parallel-'));
    try {
      cpSync(repoPath('examples'), dir, { recursive: true, filter: (from) => !path.basename(from).startsWith('.') });
      const single = await compare(dir);
      assert.ok(single.findings.length > 0, 'examples/ has findings to compare');
      assert.ok(single.facts.size > 1, 'wrappers in other files were followed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds exactly what the single-threaded scan finds on the rule fixtures', async () => {
    await compare(repoPath('test', 'fixtures', 'rules'));
  });

  it('skips hostile files with the same reasons', async () => {
    const dir = writeHostileWorkspace();
    try {
      const single = await compare(dir);
      assert.ok(single.skipped.length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses files that call a wrapper named only in the config, on workers too', async () => {
    const ws = writeWorkspace({
      'jobs/run.py': 'from internal.gateway import complete\n\nfor row in range(4000):\n    complete(f"Summarise {row}")\n',
      'web/page.ts': 'export const title = "home";\n',
    });
    try {
      const config = { ...defaultConfig(), wrappers: [{ module: 'internal.gateway', function: 'complete', provider: 'openai' as const }] };
      const single = await compare(ws.dir, config);
      assert.ok(single.facts.has('jobs/run.py'), 'the caller of the configured wrapper was parsed');
      assert.ok(!single.facts.has('web/page.ts'));
    } finally {
      ws.remove();
    }
  });

  it('falls back to the calling thread for one worker', async () => {
    const folder = repoPath('examples');
    const config = defaultConfig();
    const files = await listSourceFiles(folder, { include: config.include, exclude: config.exclude });
    const result = await scanFilesInParallel(folder, files, { config, today: TODAY, workers: 1 });
    const single = await scanFiles(files, createNodeHost(folder), { config, today: TODAY });
    assert.deepEqual(outcome(result), outcome(single));
  });
});
