// Receiver resolution: a call is a provider call because of what its receiver IS (import,
// constructor, assignment, type, factory), never because of its method name.
import assert from 'node:assert/strict';
import { parseSyntax } from '../../src/engine/parse/parser';
import { extractFacts } from '../../src/engine/facts/extract';
import { createNodeHost } from '../../src/host/node-host';
import type { CallSite, FileFacts, Language } from '../../src/engine/types';

async function factsOf(language: Language, source: string, file = language === 'python' ? 'sample.py' : 'sample.ts'): Promise<FileFacts> {
  return extractFacts(file, language, await parseSyntax(language, source, createNodeHost(process.cwd()).readWasm), source);
}

/** `line:provider:api` of every call site, 1-based lines. */
function calls(facts: FileFacts): string[] {
  return facts.callSites.map((s: CallSite) => `${s.range.startLine + 1}:${s.provider}:${s.api}`);
}

describe('facts: receiver resolution', () => {
  it('resolves `from anthropic import Anthropic` clients and leaves look-alike receivers alone', async () => {
    const facts = await factsOf(
      'python',
      [
        'from anthropic import Anthropic',
        'client = Anthropic()',
        'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[])',
        'prisma.message.create(data={})',
        'stripe.charges.create(amount=1)',
        'Message.objects.create(text="x")',
        'doc = "client.messages.create(model=1)"',
      ].join('\n'),
    );
    assert.deepEqual(calls(facts), ['3:anthropic:chat']);
    assert.equal(facts.callSites[0].model, 'claude-sonnet-4-5');
  });

  it('follows `self.client` assigned in __init__ into another method', async () => {
    const facts = await factsOf(
      'python',
      [
        'from openai import AsyncOpenAI',
        'class Bot:',
        '    def __init__(self):',
        '        self.client = AsyncOpenAI()',
        '    async def reply(self, m):',
        '        return await self.client.chat.completions.create(model="gpt-4o", messages=m)',
      ].join('\n'),
    );
    assert.deepEqual(calls(facts), ['6:openai:chat']);
  });

  it('takes the provider of an OpenAI-compatible client from its base_url host', async () => {
    const facts = await factsOf(
      'python',
      [
        'from openai import OpenAI',
        'BASE = "https://api.together.xyz/v1"',
        'together = OpenAI(base_url=BASE)',
        'local = OpenAI(base_url="http://localhost:8000/v1")',
        'together.chat.completions.create(model="m", messages=[])',
        'local.chat.completions.create(model="m", messages=[])',
      ].join('\n'),
    );
    assert.deepEqual(calls(facts), ['5:together:chat', '6:local:chat']);
  });

  it('keeps same-named variables of different functions apart', async () => {
    const facts = await factsOf(
      'python',
      [
        'from langchain_openai import AzureChatOpenAI',
        'from langchain_community.chat_models import ChatOllama',
        'def a(text):',
        '    model = AzureChatOpenAI(azure_deployment="gpt-4o")',
        '    return model.invoke(text)',
        'def b(text):',
        '    model = ChatOllama(model="llama3")',
        '    return model.invoke(text)',
      ].join('\n'),
    );
    assert.deepEqual(calls(facts), ['5:azure-openai:chat', '8:local:chat']);
  });

  it('treats a typed parameter and a typed constructor property as instances of that SDK class', async () => {
    const facts = await factsOf(
      'typescript',
      [
        "import Anthropic from '@anthropic-ai/sdk';",
        'export class Grader {',
        '  constructor(private readonly client: Anthropic) {}',
        "  grade() { return this.client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [] }); }",
        '}',
        "export function run(c: Anthropic) { return c.messages.countTokens({ model: 'x', messages: [] }); }",
      ].join('\n'),
    );
    assert.deepEqual(calls(facts), ['4:anthropic:chat', '6:anthropic:count_tokens']);
  });

  it('resolves factory functions, including ones declared only by their return type', async () => {
    const facts = await factsOf(
      'python',
      [
        'from openai import OpenAI',
        'def get_client() -> OpenAI:',
        '    ...',
        'def make():',
        '    return OpenAI()',
        'get_client().responses.create(model="gpt-5", input="x")',
        'make().chat.completions.create(model="gpt-4o", messages=[])',
      ].join('\n'),
    );
    assert.deepEqual(calls(facts), ['6:openai:responses', '7:openai:chat']);
  });

  it('recognises Bedrock through boto3 service names and `send(new …Command)` only', async () => {
    const py = await factsOf(
      'python',
      [
        'import boto3',
        'rt = boto3.client("bedrock-runtime")',
        's3 = boto3.client("s3")',
        'rt.converse(modelId="m", messages=[])',
        's3.put_object(Bucket="b", Key="k")',
      ].join('\n'),
    );
    assert.deepEqual(calls(py), ['4:bedrock:chat']);
    const ts = await factsOf(
      'typescript',
      [
        "import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';",
        "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';",
        'const c = new BedrockRuntimeClient({});',
        'const s3 = new S3Client({});',
        "await c.send(new ConverseCommand({ modelId: 'm', messages: [] }));",
        "await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));",
      ].join('\n'),
    );
    assert.deepEqual(calls(ts), ['5:bedrock:chat']);
  });

  it('derives LiteLLM and Vercel AI SDK providers from the model', async () => {
    const py = await factsOf(
      'python',
      [
        'import litellm',
        'litellm.completion(model="anthropic/claude-sonnet-4-5", messages=[])',
        'litellm.completion(model=name, messages=[])',
      ].join('\n'),
    );
    assert.deepEqual(calls(py), ['2:anthropic:chat', '3:litellm:chat']);
    const ts = await factsOf(
      'typescript',
      [
        "import { generateText } from 'ai';",
        "import { anthropic } from '@ai-sdk/anthropic';",
        "await generateText({ model: anthropic('claude-sonnet-4-5'), prompt: 'hi' });",
      ].join('\n'),
    );
    assert.deepEqual(calls(ts), ['3:anthropic:chat']);
  });

  it('finds raw HTTP calls by endpoint, but not routes that serve the same path', async () => {
    const py = await factsOf(
      'python',
      [
        'import requests',
        'BASE = "https://api.openai.com"',
        'requests.post(f"{BASE}/v1/chat/completions", json={})',
        '@app.post("/v1/chat/completions")',
        'def serve(body): ...',
      ].join('\n'),
    );
    assert.deepEqual(calls(py), ['3:openai:chat']);
    const ts = await factsOf(
      'typescript',
      [
        "await fetch('https://api.anthropic.com/v1/messages', { method: 'POST' });",
        "app.post('/v1/messages', (req, res) => res.end());",
        "await fetch('/api/chat', { method: 'POST' });",
      ].join('\n'),
    );
    assert.deepEqual(calls(ts), ['1:anthropic:chat']);
  });

  it('records calls on imported workspace objects for cross-file resolution, and exported clients', async () => {
    const user = await factsOf(
      'python',
      ['from .clients import client', 'client.messages.create(model="m", max_tokens=1, messages=[])', 'json.loads("{}")'].join('\n'),
    );
    assert.deepEqual(
      user.deferredCalls?.map((d) => [d.ref?.source, d.ref?.importedName, d.ref?.segments.join('.')]),
      [['.clients', 'client', 'messages.create.()']],
    );
    const lib = await factsOf(
      'python',
      ['from anthropic import Anthropic', 'client = Anthropic()', 'def get():', '    return client'].join('\n'),
    );
    assert.deepEqual(
      lib.exportedClients?.map((c) => [c.name, c.provider, c.factory]),
      [
        ['client', 'anthropic', false],
        ['get', 'anthropic', true],
      ],
    );
  });
});
