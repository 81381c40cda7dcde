// Secrets never leak: the redactor's formats and false positives, and an end-to-end check that
// keys planted in a workspace appear in no output of the built CLI (scan text/JSON/SARIF, note,
// inventory).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REDACTED, redactDeep, redactSecrets } from '../../src/engine/secrets';
import { repoPath } from './support/scan';
import { writeWorkspace } from './support/workspace';
import { requirePrerequisite } from './support/prerequisites';

// Built from parts so this file itself holds no key-shaped literal.
const k = (...parts: string[]) => parts.join('');
const ANTHROPIC = k('sk-ant-api03-', 'Xq7Lm2Pz9Rt4Wv8Yb3Nc6Hd1Jf5Kg0Qs', '-AbCdEfGhIjKlMnOpQrStUvWxYz012345-6789AA');
const OPENAI_PROJECT = k('sk-proj-', 'Tz8Qw3Er6Ty1Ui4Op7As0Df2Gh5Jk9Lz', 'XcVbNm1234567890');
const OPENAI_LEGACY = k('sk-', 'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6kL9nP2rS');
const GOOGLE = k('AIza', 'SyD4x9Vq2Lm7Nw3Pk8Rt1Zb6Hc5Jf0Gs-Qe');
const AWS_ID = k('AKIA', 'IOSFODNN7EXAMPL3');
const AWS_SECRET = k('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCY9xq2KEY4sd0');
const BEARER = k('eyJhbGciOiJIUzI1NiJ9', '.eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U');
const GITHUB = k('ghp_', 'R8sT1uV4wX7yZ0aB3dE6gH9jK2mN5pQ8sT1v');
const HF = k('hf_', 'Kq2Lw9Ex4Rt7Yu1Io3Pa6Sd8Fg0HjZxCvBn');
const PASSWORD = k('hunter2', 'Secret', 'PW9x');
const PEM = k('-----BEGIN RSA PRIVATE KEY-----\n', 'MIIEowIBAAKCAQEA7vQx2Lm9Pk3Rt8Wz', '\n-----END RSA PRIVATE KEY-----');
const NAMED = k('Zx9', 'Lq2Wm7Np4Rt8Vb3Hc6');

describe('secrets: redactSecrets', () => {
  const cases: [string, string][] = [
    ['Anthropic key', `client = Anthropic(api_key="${ANTHROPIC}")`],
    ['OpenAI project key', `OPENAI_API_KEY=${OPENAI_PROJECT}`],
    ['OpenAI legacy key', `key: '${OPENAI_LEGACY}'`],
    ['Google API key', `genai.configure(${GOOGLE})`],
    ['AWS access key id', `aws_access_key_id=${AWS_ID}`],
    ['AWS secret (named)', `aws_secret_access_key = "${AWS_SECRET}"`],
    ['JWT', `token ${BEARER}`],
    ['GitHub token', `${GITHUB}`],
    ['Hugging Face token', `login("${HF}")`],
    ['credential-named slot', `"x-api-key": "${NAMED}"`],
    ['camelCase credential name', `{ apiKey: '${NAMED}' }`],
  ];
  for (const [name, text] of cases) {
    it(`redacts: ${name}`, () => {
      const out = redactSecrets(text);
      assert.ok(out.includes(REDACTED), out);
      for (const secret of [ANTHROPIC, OPENAI_PROJECT, OPENAI_LEGACY, GOOGLE, AWS_ID, AWS_SECRET, BEARER, GITHUB, HF, NAMED]) {
        if (text.includes(secret)) assert.ok(!out.includes(secret.slice(-12)), `${name}: ${out}`);
      }
    });
  }

  it('redacts bearer and basic credentials but keeps the scheme', () => {
    assert.equal(redactSecrets('Authorization: Bearer abcDEF123456ghiJKL789'), `Authorization: Bearer ${REDACTED}`);
    assert.equal(redactSecrets('Basic dXNlcjpwYXNzd29yZDEyMzQ1Ng=='), `Basic ${REDACTED}`);
  });

  it('redacts passwords in URLs (proxy pools) but keeps user and host', () => {
    assert.equal(redactSecrets(`http://bob:${PASSWORD}@10.0.0.7:8080`), `http://bob:${REDACTED}@10.0.0.7:8080`);
  });

  it('redacts private keys, whole or cut short', () => {
    assert.equal(redactSecrets(`key = """${PEM}"""`), `key = """${REDACTED}"""`);
    assert.ok(!redactSecrets(PEM.slice(0, 50) + '…').includes('MIIE'));
  });

  it('redacts key prefixes even when a literal was truncated', () => {
    assert.ok(!redactSecrets('api_key="sk-ant-api03-Xq7…').includes('Xq7'));
  });

  it('redacts long random quoted literals whatever they are called', () => {
    assert.equal(redactSecrets(`x = "${k('Q2w', 'E4r6T8y0U1i3O5p7A9s2D4f6G8h0J1k3L5')}"`), `x = "${REDACTED}"`);
  });

  it('leaves ordinary code and prose alone', () => {
    const keep = [
      'client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])',
      'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })',
      'max_tokens=4096, model="claude-sonnet-4-5"',
      'tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-1.5B")',
      'model="meta-llama/Llama-3.1-70B-Instruct-Turbo-Reference"',
      'Authorization: `Bearer ${token}`',
      'sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"',
      'api_key=settings.openai_api_key',
      'author = "Jane Doe"',
      'loop over 8 TOPICS × loop over 3 STYLES → Anthropic, written to distilled.jsonl',
    ];
    for (const text of keep) assert.equal(redactSecrets(text), text);
  });

  it('redactDeep reaches every string of a report', () => {
    const out = redactDeep({ a: [`${ANTHROPIC}`], b: { c: `Bearer ${NAMED}xyz` }, n: 3, t: true, z: null });
    assert.equal(JSON.stringify(out).includes(ANTHROPIC.slice(10)), false);
    assert.deepEqual({ n: out.n, t: out.t, z: out.z }, { n: 3, t: true, z: null });
  });
});

describe('secrets: planted keys never reach CLI outputs', () => {
  const cli = repoPath('dist', 'cli.js');
  const planted = [
    ANTHROPIC,
    OPENAI_PROJECT,
    OPENAI_LEGACY,
    GOOGLE,
    AWS_ID,
    AWS_SECRET,
    BEARER,
    GITHUB,
    HF,
    PASSWORD,
    NAMED,
    'MIIEowIBAAKCAQEA7vQx2Lm9Pk3Rt8Wz',
  ];
  const files = {
    'distill/client.py':
      `import anthropic\n` +
      `from openai import OpenAI\n` +
      `\n` +
      `client = anthropic.Anthropic(api_key="${ANTHROPIC}")\n` +
      `oai = OpenAI(api_key="${OPENAI_PROJECT}", base_url="http://bob:${PASSWORD}@proxy.example.com/v1")\n` +
      `KEYS = ["${OPENAI_LEGACY}", "${OPENAI_PROJECT}"]\n` +
      `PEM = """${PEM}"""\n` +
      `\n` +
      `\n` +
      `def ask(prompt):\n` +
      `    return client.messages.create(model="claude-sonnet-4-5", max_tokens=512, extra_headers={"Authorization": ` +
      `"Bearer ${BEARER}", "x-api-key": "${NAMED}"}, messages=[{"role": "user", "content": prompt + " ${HF}"}])\n`,
    'distill/generate.py':
      `import json\n` +
      `from client import ask\n` +
      `\n` +
      `TOPICS = ["algebra", "law", "chemistry"]\n` +
      `PROMPT = "Expert in {topic}. Think step by step. Internal ref ${GOOGLE} ${AWS_ID}"\n` +
      `\n` +
      `\n` +
      `# @llm-usage\n` +
      `#   purpose: TODO\n` +
      `#   clearance: ticket (token=${GITHUB})\n` +
      `def main():\n` +
      `    with open("distilled.jsonl", "w") as out:\n` +
      `        for topic in TOPICS:\n` +
      `            for i in range(5000):\n` +
      `                r = ask(PROMPT.format(topic=topic) + " ${HF}")\n` +
      `                out.write(json.dumps({"topic": topic, "response": r.content[0].text, "aws_secret_access_key": ` +
      `"${AWS_SECRET}"}) + "\\n")  # llm-usage-ignore sampling-sweep -- reviewed with key ${OPENAI_LEGACY}\n`,
  };

  before(function () {
    requirePrerequisite(this, existsSync(cli), 'the built CLI (dist/cli.js): run the build first');
  });

  it('scan text, JSON and SARIF; note; inventory text, JSON and Markdown', function () {
    this.timeout(60_000);
    const ws = writeWorkspace(files);
    try {
      const run = (...args: string[]) =>
        execFileSync(process.execPath, [cli, ...args], { cwd: ws.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const outputs: Record<string, string> = {
        text: run('scan', '.', '--no-cache', '--fail-on', 'none', '--no-color'),
        json: run('scan', '.', '--no-cache', '--fail-on', 'none', '--format', 'json'),
        sarif: run('scan', '.', '--no-cache', '--fail-on', 'none', '--format', 'sarif'),
        note: run('note', '.', '--no-cache'),
        noteNamed: run('note', '.', '--no-cache', '--workload', 'generate.py:main'),
      };
      run('note', '.', '--no-cache', '--output', 'note.md');
      outputs.noteFile = readFileSync(path.join(ws.dir, 'note.md'), 'utf8');
      for (const format of ['text', 'json', 'markdown'])
        outputs[`inventory-${format}`] = run('inventory', '.', '--no-cache', '--format', format);
      // The outputs must be about the planted workload, or the check below proves nothing.
      assert.match(outputs.json, /bulk-generation-loop/);
      assert.match(outputs.note, /15,000 requests/);
      assert.match(outputs['inventory-json'], /claude-sonnet-4-5/);
      for (const [name, text] of Object.entries(outputs)) {
        for (const secret of planted) {
          for (const piece of [secret, secret.slice(-16)]) assert.ok(!text.includes(piece), `${name} leaks ${piece.slice(0, 10)}…`);
        }
      }
    } finally {
      ws.remove();
    }
  });
});
