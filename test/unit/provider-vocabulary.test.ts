// Provider names and model-name families are recognised from the provider tables, not from lists
// repeated in regular expressions: every row of the tables is matched, a row added to them is
// matched with no other change, and the engine's fact extraction uses the same vocabulary.
import assert from 'node:assert/strict';
import { extractFacts } from '../../src/engine/facts/extract';
import { parseSyntax } from '../../src/engine/parse/parser';
import { LLM_CREDENTIAL_NAME } from '../../src/engine/phrases';
import { HOST_PROVIDERS, MODEL_FAMILIES, providerForModelName } from '../../src/engine/providers';
import { MODEL_ID_ITEM, NAMES_A_MODEL, modelFamilySource, providerWords } from '../../src/engine/provider-vocabulary';
import { createNodeHost } from '../../src/host/node-host';

/** A model id of the family as providers write them: `claude-test-1`, `o3-test-1`. */
const modelId = (family: string) => `${family}-test-1`;

async function modelLists(source: string): Promise<string[]> {
  const facts = extractFacts('m.py', 'python', await parseSyntax('python', source, createNodeHost(process.cwd()).readWasm), source);
  return facts.promptFeatures.filter((f) => f.kind === 'model-list').map((f) => f.text);
}

describe('provider vocabulary', () => {
  it('every model family of the table names a model in text and as a list item, and gives its provider', () => {
    for (const [family, { provider }] of Object.entries(MODEL_FAMILIES)) {
      assert.ok(NAMES_A_MODEL.test(`"${modelId(family)}"`), family);
      assert.ok(MODEL_ID_ITEM.test(`'${modelId(family)}'`), family);
      assert.ok(MODEL_ID_ITEM.test(`anthropic("${modelId(family)}")`), family);
      assert.equal(providerForModelName(modelId(family)), provider ?? undefined, family);
    }
  });

  it('a family added to the table is recognised with no other change', () => {
    const added = { ...MODEL_FAMILIES, zephyr: { provider: null } };
    assert.ok(!new RegExp(modelFamilySource(MODEL_FAMILIES), 'i').test('"zephyr-7b"'));
    assert.ok(new RegExp(modelFamilySource(added), 'i').test('"zephyr-7b"'));
  });

  it('short and everyday family names need the shape of a model id', () => {
    assert.ok(NAMES_A_MODEL.test('"o3-mini"') && NAMES_A_MODEL.test('"o1"'));
    assert.ok(!NAMES_A_MODEL.test('"foo3"') && !NAMES_A_MODEL.test('"o3d"'));
    assert.ok(NAMES_A_MODEL.test('"command-r-plus"'));
    assert.ok(!NAMES_A_MODEL.test('"run command"'));
  });

  it('every hosted provider of the table, and one added to it, is named in credential and key names', () => {
    for (const [, provider] of HOST_PROVIDERS) {
      const name = provider.toUpperCase().replace(/-/g, '_');
      assert.ok(LLM_CREDENTIAL_NAME.test(`${name}_TOKENS`), provider);
    }
    const words = providerWords([...HOST_PROVIDERS, ['api.newcloud.example', 'newcloud'] as const], MODEL_FAMILIES);
    assert.ok(words.includes('newcloud'));
    assert.ok(!providerWords(HOST_PROVIDERS, MODEL_FAMILIES).includes('newcloud'));
    // The families of a hosted provider name it too; short and everyday ones would name other things.
    assert.ok(words.includes('claude') && words.includes('gemini'));
    assert.ok(!words.includes('o3') && !words.includes('command'));
  });

  it("fact extraction finds a list of any family's models, whatever the list is named", async () => {
    for (const family of Object.keys(MODEL_FAMILIES)) {
      const lists = await modelLists(`CANDIDATES = ["${modelId(family)}", "${family}-test-2"]\n`);
      assert.deepEqual(lists, ['CANDIDATES: 2 models'], family);
    }
    assert.deepEqual(await modelLists('CANDIDATES = ["alpha-1", "beta-2"]\n'), []);
  });
});
