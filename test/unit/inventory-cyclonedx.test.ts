// inventory --format cyclonedx: the BOM of examples/ passes the CycloneDX library's strict JSON
// validator for 1.6, and says what the examples hold: providers as services, model literals as
// machine-learning-model components, call sites as occurrences with how each model is used.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { main } from '../../src/cli/main';
import { repoPath } from './support/scan';

interface Bom {
  specVersion: string;
  components: {
    type: string;
    name: string;
    'bom-ref': string;
    evidence: { occurrences: { location: string; line: number; offset: number; symbol: string }[] };
    properties: { name: string; value: string }[];
  }[];
  services: {
    'bom-ref': string;
    name: string;
    provider?: { name: string };
    endpoints?: string[];
    authenticated?: boolean;
    properties: { name: string; value: string }[];
  }[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

describe('inventory --format cyclonedx', function () {
  this.timeout(120_000);
  let dir: string;
  let text: string;
  let bom: Bom;
  const inventory = async (folder: string) => {
    const out = path.join(dir, `${path.basename(folder)}.cdx.json`);
    assert.equal(await main(['inventory', folder, '--format', 'cyclonedx', '--output', out, '--no-cache']), 0);
    return readFileSync(out, 'utf8');
  };
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ppr-cdx-'));
    text = await inventory(repoPath('examples'));
    bom = JSON.parse(text);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the CycloneDX 1.6 strict JSON validator, which rejects a broken BOM', async () => {
    assert.equal(bom.specVersion, '1.6');
    assert.equal(await validator.validate(text), null);
    const broken = structuredClone(bom) as unknown as { services: { authenticated: unknown }[] };
    broken.services[0].authenticated = 'yes';
    assert.notEqual(await validator.validate(JSON.stringify(broken)), null);
  });

  it('lists each provider as a service with its endpoint and authentication', () => {
    const anthropic = bom.services.find((s) => s['bom-ref'] === 'service:anthropic')!;
    assert.deepEqual(
      { provider: anthropic.provider, endpoints: anthropic.endpoints, authenticated: anthropic.authenticated },
      { provider: { name: 'Anthropic' }, endpoints: ['https://api.anthropic.com'], authenticated: true },
    );
    assert.deepEqual(bom.services.map((s) => s['bom-ref']).sort(), ['service:anthropic', 'service:openai']);
    assert.equal(anthropic.properties.find((p) => p.name === 'prompt-pattern-review:key-pools')!.value, '0');
  });

  it('lists each model literal as a component, each call site as an occurrence with how it is used', () => {
    assert.ok(bom.components.every((c) => c.type === 'machine-learning-model'));
    assert.deepEqual(bom.components.map((c) => c.name).sort(), ['claude-haiku-4-5', 'claude-sonnet-4-5', 'gpt-4o-mini']);
    const sonnet = bom.components.find((c) => c.name === 'claude-sonnet-4-5')!;
    const driver = sonnet.evidence.occurrences.find((o) => o.location === 'distill-pipeline/generate.py' && o.line === 20)!;
    assert.deepEqual(driver, { ...driver, offset: 30, symbol: 'ask_claude' });
    const prop = (field: string) =>
      sonnet.properties.find((p) => p.name === `prompt-pattern-review:call:distill-pipeline/generate.py:20:30:${field}`)?.value;
    assert.equal(prop('api-family'), 'chat');
    assert.equal(prop('workload'), 'generate.py:main');
    assert.equal(prop('volume'), '12000');
    assert.ok(prop('rules')!.split(',').includes('bulk-generation-loop'));
    assert.equal(prop('annotation'), 'none');
    assert.ok(bom.dependencies.some((d) => d.ref === sonnet['bom-ref'] && d.dependsOn.includes('service:anthropic')));
  });

  it('records key pools on the service by place, never the keys, and annotation states', async () => {
    const pool = path.join(dir, 'pool');
    const key = 'sk-ant-api03-' + 'Zq7'.repeat(20);
    await import('node:fs').then((fs) => fs.mkdirSync(pool));
    writeFileSync(
      path.join(pool, 'rotate.py'),
      [
        'import random',
        'from anthropic import Anthropic',
        `KEYS = ["${key}", "${key}x"]`,
        '# @llm-usage',
        '#   purpose: nightly regression eval',
        '#   clearance: provider ticket 4821',
        'for i in range(100):',
        '    client = Anthropic(api_key=random.choice(KEYS))',
        '    client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[{"role": "user", "content": str(i)}])',
        '',
      ].join('\n'),
    );
    const poolText = await inventory(pool);
    assert.equal(await validator.validate(poolText), null);
    assert.ok(!poolText.includes(key.slice(0, 24)), 'the key never appears');
    const poolBom: Bom = JSON.parse(poolText);
    const service = poolBom.services.find((s) => s['bom-ref'] === 'service:anthropic')!;
    assert.notEqual(service.properties.find((p) => p.name === 'prompt-pattern-review:key-pools')!.value, '0');
    assert.ok(service.properties.some((p) => p.name === 'prompt-pattern-review:key-pool' && p.value.startsWith('rotate.py:')));
    const annotation = poolBom.components[0].properties.find((p) => p.name.endsWith(':annotation'))!.value;
    assert.equal(annotation, 'cleared');
  });
});
