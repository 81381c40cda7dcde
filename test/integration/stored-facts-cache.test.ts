// The editor keeps facts in the workspace's storage folder, so a reopened workspace parses only
// what changed: after indexing, the stored file holds the facts of the files that were parsed, and
// a new cache (as a new session would make) reads them back, keyed by path and content hash.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { StoredFactsCache, factsCacheVersion } from '../../src/vscode/stored-facts-cache';
import { extensionApi, workspaceFolder } from './support/extension-api';

suite('facts cache in workspace storage', () => {
  test('is written after indexing and read back by a new session', async () => {
    const api = await extensionApi();
    const context = api.session.context;
    assert.ok(context.storageUri, 'the test workspace has a storage folder');
    await api.session.indexFolder(workspaceFolder());
    assert.ok(api.session.cache.size > 0, 'indexing filled the cache');
    await api.session.cache.save();
    const stored = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.storageUri, 'facts.json'))),
    ) as { version: string; entries: [string, { file: string }][] };
    assert.strictEqual(stored.version, await factsCacheVersion(context));
    const files = stored.entries.map(([, facts]) => facts.file);
    assert.ok(files.includes('distill-pipeline/generate.py'), files.join(', '));

    const reopened = new StoredFactsCache(context.storageUri, () => factsCacheVersion(context));
    await reopened.ready;
    assert.strictEqual(reopened.size, stored.entries.length);
    const [key, facts] = stored.entries.find(([, f]) => f.file === 'distill-pipeline/generate.py')!;
    assert.deepStrictEqual(reopened.get(key), facts);

    const otherBuild = new StoredFactsCache(context.storageUri, async () => 'another build');
    await otherBuild.ready;
    assert.strictEqual(otherBuild.size, 0, "another build's facts are not used");
  });
});
