// The cheap pre-filter must let through every file that can hold a call site the resolver knows:
// each SDK module of the table, each provider host, each endpoint path.
import assert from 'node:assert/strict';
import { ENDPOINT_PATHS, HOST_PROVIDERS, SDKS } from '../../src/engine/providers';
import { mayTalkToModel } from '../../src/engine/scan';

describe('facts: pre-filter', () => {
  it('passes an import of every SDK module in the table, in both languages', () => {
    const missed: string[] = [];
    for (const sdk of SDKS) {
      for (const module of sdk.modules) {
        // npm packages (scoped, dashed, or the Vercel AI SDK's `ai`) have no Python form.
        const python = /[@/-]/.test(module) || sdk.id === 'vercel-ai' ? undefined : `from ${module} import X\n`;
        const js = `import X from '${module}';\n`;
        if (python && !mayTalkToModel(python)) missed.push(`python ${module}`);
        if (!mayTalkToModel(js)) missed.push(`js ${module}`);
      }
    }
    assert.deepEqual(missed, []);
  });

  it('passes every provider host and the local Ollama port', () => {
    for (const [host] of HOST_PROVIDERS) assert.ok(mayTalkToModel(`url = "https://${host}/v1/x"`), host);
    assert.ok(mayTalkToModel('fetch("http://localhost:11434/api/chat")'));
  });

  it('passes the common endpoint paths and rejects unrelated files', () => {
    for (const path of ['/v1/messages', '/v1/chat/completions', '/v1/responses', ':generateContent']) {
      assert.ok(mayTalkToModel(`requests.post(f"{BASE}${path}")`), path);
    }
    assert.equal(ENDPOINT_PATHS.length > 0, true);
    assert.equal(mayTalkToModel('import os\nprint("hello, detail email")\n'), false);
  });
});
