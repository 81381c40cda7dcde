// Cancelling a workspace scan stops it within 100 ms, however many files remain.
import assert from 'node:assert/strict';
import { scanFiles, type ScanHost } from '../../src/engine/scan';
import { defaultConfig } from '../../src/engine/config';
import { createNodeHost } from '../../src/host/node-host';
import { repoPath } from './support/scan';

/** 3,000 in-memory files, a third of them model callers, so the scan takes seconds uncancelled. */
function syntheticWorkspace(): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < 3000; i++) {
    const calls = i % 3 === 0;
    files.set(
      `pkg${i % 40}/mod${i}.py`,
      [
        calls ? 'import anthropic\nclient = anthropic.Anthropic()' : 'import json',
        ...Array.from(
          { length: 40 },
          (_, j) =>
            `def f${j}(rows):\n` +
            `    for r in rows:\n` +
            `        ${calls ? 'client.messages.create(model="claude-sonnet-4-5", max_tokens=8, messages=[])' : 'json.dumps(r)'}\n`,
        ),
      ].join('\n'),
    );
  }
  return files;
}

describe('cancellation', function () {
  this.timeout(60_000);
  it('stops within 100 ms of cancel', async () => {
    const files = syntheticWorkspace();
    const wasm = createNodeHost(repoPath()).readWasm;
    const host: ScanHost = { readFile: async (f) => new TextEncoder().encode(files.get(f)!), readWasm: wasm };
    const token = { cancelled: false };
    let cancelledAt = 0;
    let progressed = 0;
    const scan = scanFiles([...files.keys()], host, {
      config: defaultConfig(),
      cancellation: token,
      onProgress: (done) => {
        progressed = done;
        if (done === 200 && !token.cancelled) {
          token.cancelled = true;
          cancelledAt = performance.now();
        }
      },
    });
    const result = await scan;
    const latency = performance.now() - cancelledAt;
    assert.equal(result.cancelled, true);
    assert.ok(progressed < files.size, 'the scan did not run to the end');
    assert.ok(latency < 100, `stopped ${latency.toFixed(1)} ms after cancel`);
    console.log(`      cancel latency: ${latency.toFixed(1)} ms after ${progressed} of ${files.size} files`);
  });
});
