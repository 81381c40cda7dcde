// The link view of a file's facts stays the same across edits that cannot change which files a
// scan parses (code moved down, a prompt or a loop bound changed) and changes with those that can
// (a new call to a wrapper, a new function, a new import, a call moved to another function or out of a
// conditional's arm).
import assert from 'node:assert/strict';
import { analyseOne } from '../../src/engine/scan';
import { linkView } from '../../src/engine/link-view';
import { createNodeHost } from '../../src/host/node-host';
import type { FileFacts } from '../../src/engine/types';

const DRIVER = [
  'import json',
  'from llm_client import ask_claude',
  '',
  'TOPICS = ["algebra", "law"]',
  '',
  'def main() -> None:',
  '    with open("distilled.jsonl", "w") as out:',
  '        for topic in TOPICS:',
  '            for i in range(500):',
  '                if topic:',
  '                    result = ask_claude(f"Explain {topic} step by step")',
  '                    out.write(json.dumps({"prompt": topic, "response": result}) + "\\n")',
  '',
  'def helper() -> str:',
  '    return "x"',
  '',
].join('\n');

async function viewOf(text: string): Promise<string> {
  const facts = await analyseOne('jobs/generate.py', text, createNodeHost(process.cwd()), {});
  assert.ok(!('reason' in facts));
  return linkView(facts as FileFacts);
}

describe('link view', () => {
  it('is unchanged when code moves (a conditional chain with it), comments change, or a prompt or loop bound changes', async () => {
    const base = await viewOf(DRIVER);
    assert.equal(await viewOf(`# generated nightly\n\n${DRIVER}`), base, 'every line moved down');
    assert.equal(await viewOf(DRIVER.replace('step by step', 'briefly')), base, 'another prompt');
    assert.equal(await viewOf(DRIVER.replace('range(500)', 'range(5)')), base, 'another loop bound');
    assert.equal(await viewOf(DRIVER.replace('import json', 'import json  # for the records')), base, 'a comment');
  });

  it('changes when the edit changes what the file calls, defines or imports, or which function holds a call', async () => {
    const base = await viewOf(DRIVER);
    const changed = {
      'a second call': DRIVER.replace('    return "x"', '    return ask_claude("x")'),
      'a new function': `${DRIVER}\ndef more() -> None:\n    pass\n`,
      'a new import': DRIVER.replace('import json', 'import json\nfrom prompts import SYSTEM_PROMPT'),
      'the call moved to another function': DRIVER.replace(
        '                    result = ask_claude(f"Explain {topic} step by step")',
        '                    result = helper()',
      ).replace('    return "x"', '    return ask_claude("x")'),
      'the call out of the conditional': DRIVER.replace('                if topic:\n', '                pass\n').replace(
        /^ {20}/gm,
        '                ',
      ),
    };
    for (const [what, text] of Object.entries(changed)) assert.notEqual(await viewOf(text), base, what);
  });
});
