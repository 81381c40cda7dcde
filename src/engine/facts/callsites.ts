// Turns a resolved provider call into a CallSite: model, sampling parameters, prompt shape.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { ApiFamily, CallSite, ProviderId, SamplingParams } from '../types';
import type { Resolver } from './resolver';
import { argumentsOf, calleeOf, numberValue, rangeOf, truncate, unwrapExpression, stringValue, isStringNode } from './syntax';
import { redactSecrets } from '../secrets';

export interface CallSiteInput {
  file: string;
  call: SyntaxNode;
  provider: ProviderId;
  api: ApiFamily;
  host?: string;
  resolver: Resolver;
}

export function buildCallSite(input: CallSiteInput): CallSite {
  const { call, resolver } = input;
  const args = argumentsOf(call);
  const modelNode =
    args.named.get('model') ??
    args.named.get('modelId') ??
    args.named.get('model_id') ??
    args.named.get('model_name') ??
    args.named.get('modelName');
  const modelText = modelNode ? resolver.stringOf(modelNode) : undefined;
  const site: CallSite = {
    file: input.file,
    range: rangeOf(call),
    provider: input.provider,
    api: input.api,
    callee: truncate(calleeOf(call)?.text ?? call.type, 80),
    params: readSamplingParams(args.named, resolver),
    repetition: [],
    host: input.host,
  };
  if (modelText) site.model = truncate(modelText, 80);
  else if (modelNode) site.modelDynamic = true;
  site.prompt = describePrompt(args.named, args.positional);
  if (asksForList(args.named)) site.listOutput = true;
  else if (asksForLabel(args.named, resolver)) site.labelOutput = true;
  return site;
}

const SCHEMA_ARGS = [
  'schema',
  'response_format',
  'responseFormat',
  'response_model',
  'text_format',
  'response_schema',
  'responseSchema',
  'output_type',
];
/** The schema is a list, or an object whose field named like data items is a list. */
const LIST_SCHEMA = new RegExp(
  String.raw`^(z\.array\(|(typing\.)?(List|list|Sequence)\[)|["']?\b(examples|samples|questions|pairs|qa_pairs|items|records|` +
    String.raw`entries|conversations|dialogues|instructions|tasks|problems|dataset)["']?\s*[:=]\s*(z\.array\(|` +
    String.raw`(typing\.)?(List|list)\[|\{\s*["']?type["']?\s*:\s*["']array)`,
);

/** A field whose values are a fixed set: `"enum": [...]`, `z.enum(...)`, `Literal[...]`. */
const ENUM_SCHEMA = /["']?\benum["']?\s*[:=]\s*[[(\w]|\bz\.(native)?[eE]num\(|\bLiteral\[/;

/** Fields of generated content: a schema holding one asks for new text, whatever else it labels. */
const GENERATED_FIELD = new RegExp(
  String.raw`["']?\b(questions?|instructions?|responses?|outputs?|completions?|conversations?|dialogues?|code|solutions?|story|` +
    String.raw`poem|text|content|examples?|samples?|pairs?)["']?\s*[:=]`,
);

/**
 * Structured output whose schema is made of labels (a verdict, a category, a grade): the answer
 * is a judgement of the input, not new text. A function or tool counts when the call forces it.
 */
function asksForLabel(named: Map<string, SyntaxNode>, resolver: Resolver): boolean {
  const forced = ['function_call', 'tool_choice', 'toolChoice'].some((key) => {
    const text = named.get(key)?.text ?? '';
    return text !== '' && !/^["'`](auto|none)["'`]$/.test(text);
  });
  const keys = forced ? [...SCHEMA_ARGS, 'functions', 'tools'] : SCHEMA_ARGS;
  return keys.some((key) => {
    const node = unwrapExpression(named.get(key) ?? null);
    if (!node) return false;
    // `functions=[VERDICT]`, `response_format=schema`: the schema may be a name defined above.
    const names = node.type === 'identifier' ? [node] : node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'identifier');
    const texts = [node.text, ...names.flatMap((n) => resolver.definitionsOf(n.text, n).map((d) => d.text))];
    return texts.some((t) => ENUM_SCHEMA.test(t.slice(0, 4000)) && !GENERATED_FIELD.test(t.slice(0, 4000)));
  });
}

/** Structured output that returns many records from one request (Vercel `output: 'array'`, list schemas). */
function asksForList(named: Map<string, SyntaxNode>): boolean {
  if (/^["'`]array["'`]$/.test(named.get('output')?.text ?? '')) return true;
  return SCHEMA_ARGS.some((key) => LIST_SCHEMA.test(named.get(key)?.text.slice(0, 2000) ?? ''));
}

function readSamplingParams(named: Map<string, SyntaxNode>, resolver: Resolver): SamplingParams {
  const params: SamplingParams = {};
  const num = (key: string): number | 'dynamic' | undefined => {
    const node = named.get(key);
    if (!node) return undefined;
    return numberValue(unwrapExpression(node)) ?? 'dynamic';
  };
  params.n = num('n');
  params.bestOf = num('best_of') ?? num('bestOf');
  params.candidateCount = num('candidate_count') ?? num('candidateCount');
  params.temperature = num('temperature');
  // Gemini and others nest sampling in a config object.
  for (const key of ['config', 'generation_config', 'generationConfig', 'inferenceConfig', 'providerOptions']) {
    const config = named.get(key);
    if (!config) continue;
    const text = config.text;
    if (/candidate_?[cC]ount\s*[:=]\s*(\d+)/.test(text))
      params.candidateCount = Number(/candidate_?[cC]ount\s*[:=]\s*(\d+)/.exec(text)![1]);
    if (/include_?[tT]houghts\s*[:=]\s*(True|true)/.test(text)) params.includeThoughts = true;
    if (/thinking/i.test(text)) params.thinking = true;
    if (/\b(response_?[lL]ogprobs|logprobs)\s*[:=]\s*(True|true|\d)/.test(text)) params.logprobs = true;
    if (/temperature\s*[:=]\s*[a-zA-Z_]/.test(text)) params.temperature = 'dynamic';
  }
  if (named.has('seed')) params.seed = true;
  if (isTruthy(named.get('logprobs'))) params.logprobs = true;
  if (named.has('top_logprobs') || named.has('topLogprobs')) params.topLogprobs = true;
  const bias = named.get('logit_bias') ?? named.get('logitBias');
  // `logit_bias={token_id: -100}`: a fixed ban list steers output and reads nothing back.
  if (bias && !bansOnly(bias)) params.logitBias = true;
  if (named.has('thinking') && !/disabled/.test(named.get('thinking')!.text)) params.thinking = true;
  if (named.has('reasoning') || named.has('reasoning_effort') || named.has('reasoningEffort')) params.reasoning = true;
  // `reasoning={"summary": "detailed"}`: the response carries the model's reasoning summary.
  if (/\bsummary\b/.test(named.get('reasoning')?.text ?? '')) params.includeThoughts = true;
  const include = named.get('include');
  if (include && /reasoning/.test(include.text)) params.reasoning = true;
  const metadata = named.get('metadata');
  if (
    named.has('user') ||
    named.has('safety_identifier') ||
    named.has('safetyIdentifier') ||
    (metadata && /user_?[iI]d/.test(metadata.text))
  )
    params.endUserId = true;
  void resolver;
  for (const key of Object.keys(params) as (keyof SamplingParams)[]) if (params[key] === undefined) delete params[key];
  return params;
}

function isTruthy(node: SyntaxNode | undefined): boolean {
  if (!node) return false;
  return !/^(False|false|None|null|0|undefined)$/.test(node.text.trim());
}

function describePrompt(named: Map<string, SyntaxNode>, positional: SyntaxNode[]): CallSite['prompt'] {
  const node =
    named.get('messages') ??
    named.get('prompt') ??
    named.get('input') ??
    named.get('contents') ??
    named.get('message') ??
    named.get('system') ??
    positional.find((p) => p.type !== 'object');
  if (!node) return undefined;
  const inner = unwrapExpression(node)!;
  const text = redactSecrets(truncate(inner.text, 240));
  if (stringValue(inner) !== undefined) return { kind: 'literal', text };
  if (isStringNode(inner)) return { kind: 'template', text };
  if (/\{[^}]*\}|\$\{|\.format\(|%\s*\(|f["']/.test(inner.text)) return { kind: 'template', text };
  if (inner.type === 'identifier') return { kind: 'variable', text };
  if (inner.type === 'call' || inner.type === 'call_expression') return { kind: 'call', text };
  return { kind: 'unknown', text };
}

/** A literal `logit_bias` map whose every value is negative (tokens banned or discouraged). */
function bansOnly(node: SyntaxNode): boolean {
  if (node.type !== 'dictionary' && node.type !== 'object') return false;
  const pairs = node.namedChildren.filter((c) => c?.type === 'pair') as SyntaxNode[];
  return (
    pairs.length > 0 &&
    pairs.length === node.namedChildren.filter((c) => c && c.type !== 'comment').length &&
    pairs.every((p) => /^-\s*\d+(\.\d+)?$/.test(p.childForFieldName('value')?.text ?? ''))
  );
}
