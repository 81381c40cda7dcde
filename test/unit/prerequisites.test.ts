// Self-skipping tests: a missing prerequisite skips on a developer's machine and fails under
// CI=true; a packaged binary left without its exec bit (npm 11 runs no install scripts) is fixed.
import assert from 'node:assert/strict';
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requirePrerequisite, runnableBinary } from './support/prerequisites';

function withCi<T>(value: string | undefined, run: () => T): T {
  const saved = process.env.CI;
  if (value === undefined) delete process.env.CI;
  else process.env.CI = value;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
  }
}

describe('test prerequisites', () => {
  const skipped: string[] = [];
  const context = { skip: () => skipped.push('skip') } as unknown as Mocha.Context;

  it('a missing prerequisite fails under CI=true', () => {
    assert.throws(() => withCi('true', () => requirePrerequisite(context, false, 'the thing')), /missing prerequisite: the thing/);
    assert.throws(() => withCi('1', () => requirePrerequisite(context, false, 'the thing')), /CI=true/);
  });

  it('a missing prerequisite skips outside CI, and a present one does neither', () => {
    skipped.length = 0;
    withCi(undefined, () => requirePrerequisite(context, false, 'the thing'));
    assert.deepEqual(skipped, ['skip']);
    withCi('true', () => requirePrerequisite(context, true, 'the thing'));
    assert.deepEqual(skipped, ['skip']);
  });

  it('a packaged binary without its exec bit is made runnable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ppr-prereq-'));
    try {
      const file = path.join(dir, 'tool');
      writeFileSync(file, '#!/bin/sh\n', { mode: 0o644 });
      assert.equal(statSync(file).mode & 0o100, 0);
      assert.equal(runnableBinary(file), file);
      accessSync(file, constants.X_OK);
      assert.equal(runnableBinary(path.join(dir, 'missing')), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
