// The files a scan of another version of the tree reads: the working tree's listing without the
// paths absent there, plus the paths only that version has, filtered as the walk filters files.
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/engine/config';
import { versionFiles, type TreeVersion } from '../../src/cli/tree-versions';

describe('tree versions', () => {
  const bytes = new Uint8Array([120]);
  const version: TreeVersion = {
    label: 'HEAD~1',
    replaced: new Map<string, Uint8Array | null>([
      ['new.py', null], // added since: absent at the ref
      ['old.py', bytes], // deleted since: only the ref has it
      ['changed.py', bytes], // edited: on disk and at the ref
      ['node_modules/pkg/index.js', bytes], // a folder the walk never enters
      ['notes.txt', bytes], // not a source file
      ['vendor/lib.py', bytes], // excluded by the config
      ['sub/inner.py', bytes],
    ]),
  };
  const config = { ...defaultConfig(), exclude: ['vendor/**'] };

  it('drops absent paths and adds the ones only the version has, as the walk would list them', () => {
    assert.deepEqual(versionFiles(version, ['changed.py', 'new.py', 'same.py'], [''], config).sort(), [
      'changed.py',
      'old.py',
      'same.py',
      'sub/inner.py',
    ]);
  });

  it('keeps to the scanned folders', () => {
    assert.deepEqual(versionFiles(version, [], ['sub'], config), ['sub/inner.py']);
  });
});
