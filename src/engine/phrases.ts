// Phrase and name tables the fact extractors match against: data, kept apart from the code.
import { PROVIDER_WORDS_SOURCE } from './provider-vocabulary';

/** Prompt text features (matched on string literals and templates). */
export const PROMPT_PHRASES: {
  kind:
    | 'reasoning-elicitation'
    | 'system-prompt-extraction'
    | 'rubric-grading'
    | 'seed-task-mutation'
    | 'paraphrase'
    | 'capability-list'
    | 'data-generation';
  pattern: RegExp;
}[] = [
  {
    kind: 'reasoning-elicitation',
    pattern: new RegExp(
      String.raw`\b(think|reason|work(ing)?)\s+(it\s+)?(through\s+)?((it|this|the\s+\w+)\s+)?step[- ]by[- ]step\b|` +
        'show (all )?(of )?your (full |complete )?(reasoning|work|thought process|chain of thought)|' +
        String.raw`explain your (internal )?reasoning|\bchain[- ]of[- ]thought\b|full reasoning trace|` +
        'reasoning (trace|steps) (in|before)|<thinking>|verbalize your thought',
      'i',
    ),
  },
  {
    kind: 'system-prompt-extraction',
    pattern: new RegExp(
      String.raw`(repeat|print|reveal|output|show|tell me|disclose|recite|display|leak|dump)\b.{0,40}\b(your|` +
        String.raw`the)\s+(system prompt|instructions|initial prompt|hidden prompt|prompt above|original instructions|` +
        'developer message|rules you were given)|ignore (all )?(previous|prior|above) instructions.{0,60}(prompt|' +
        'instructions)|what (is|are|were) your (system prompt|instructions)|verbatim.{0,30}(instructions|system prompt)|' +
        'everything above this line|(exact|full|original|initial|hidden) (instructions|prompt) you (were|' +
        String.raw`have been) given|(repeat|print|output|recite)\b.{0,20}\b(the )?(words|text|everything) above\b`,
      'i',
    ),
  },
  {
    kind: 'rubric-grading',
    pattern: new RegExp(
      String.raw`\b(rubric|grade (the|this) (response|answer)|score (the|this|each) (response|answer|output)|` +
        String.raw`on a scale (of|from) \d+ to \d+|which response is better|chosen and rejected|\bchosen\b.{0,20}\brejected\b|` +
        String.raw`preference pair|reward model|judge whether)\b`,
      'i',
    ),
  },
  {
    kind: 'seed-task-mutation',
    pattern: new RegExp(
      '(evol[- ]?instruct|self[- ]instruct|rewrite (the following|this) (instruction|prompt|question) (to be|' +
        'into) (more|a more) (complex|difficult|challenging)|(add|increase) (more )?(constraints|reasoning steps|' +
        String.raw`complexity)|generate (\d+ )?(new|more|diverse) (instructions|tasks|questions|prompts)|` +
        'come up with a (new|series of) task|seed task|in-depth evolving|in-breadth evolving|' +
        String.raw`act as an? prompt (rewriter|creator)|#\s*given prompt\s*#|` +
        '(make|rewrite) the given (prompt|instruction|question) (a bit )?more (complex|difficult|challenging|rare)|' +
        'create a brand new prompt)',
      'i',
    ),
  },
  {
    kind: 'data-generation',
    pattern: new RegExp(
      String.raw`\b(generate|create|write|produce|come up with)\s+(\d+|\{[\w.]+\}|\$\{[\w.]+\}|n|a set of|a list of|several|many|` +
        String.raw`diverse|new|more|varied|unique|high[- ]quality|synthetic|training)\s+([\w-]+\s+){0,3}(examples|questions|` +
        'instructions|tasks|prompts|problems|samples|conversations|dialogues|exercises|q&a pairs|qa pairs|' +
        String.raw`question-answer pairs|instruction-response pairs|training (examples|data))\b|\bsynthetic (training )?data\b|` +
        String.raw`\btraining data for\b`,
      'i',
    ),
  },
  { kind: 'paraphrase', pattern: /\b(paraphrase|rephrase|reword)\b.{0,40}\b(response|answer|output|text)\b/i },
];

/**
 * A prompt that asks for many items in one request: "generate 100 question-answer pairs",
 * "Return **exactly ${N}** JSON objects", "create {num_examples} diverse training examples".
 * Group 1 is the count: digits, an interpolated name (`${n}`, `{n}`, `{}`) or `%d`.
 */
export const ITEM_COUNT_REQUEST = new RegExp(
  String.raw`\b(?:generate|create|write|produce|return|give(?: me)?|list|provide|output|come up with|make|draft|compose|` +
    String.raw`synthesi[sz]e|brainstorm)\s+(?:me\s+|us\s+)?[*_]{0,2}(?:(?:exactly|at least|about|around|approximately|up to|` +
    String.raw`a total of)\s+)?[*_]{0,2}` +
    String.raw`(\d[\d,]*|\$\{\s*[\w.]+\s*\}|\{\s*[\w.]*\s*\}|%d|%s)[*_]{0,2}\s+(?:[\w'-]+\s+){0,4}?` +
    '(?:examples|samples|questions|pairs|instructions|tasks|prompts|problems|conversations|dialogues|dialogs|records|' +
    'entries|items|objects|rows|sentences|queries|exercises|scenarios|test cases|data ?points|responses|answers|' +
    'utterances|statements|passages|paragraphs|documents|reviews|emails|tweets|messages|descriptions|stories|snippets|' +
    String.raw`solutions|puzzles|riddles|phrases|translations|variations|personas|profiles|transcripts|dialogue turns)\b`,
  'i',
);

/** Names of lists that enumerate capabilities, skills, tasks, benchmarks or domains. */
export const CAPABILITY_LIST_NAMES = new RegExp(
  '^(capabilit(y|ies)|skills?|task_?types?|tasks|categories|domains|subjects|topics|disciplines|benchmarks?|' +
    'competenc(y|ies)|abilities|areas|fields|specialties|subtasks|task_?categories|skill_?list|domain_?list|TASKS|SKILLS|' +
    'DOMAINS|TOPICS|CATEGORIES|CAPABILITIES|SUBJECTS|BENCHMARKS)$',
  'i',
);

/** Names of lists of models (multi-model harvesting, fan-out to providers). */
export const MODEL_LIST_NAMES = new RegExp(
  '^(models?|model_?names?|model_?list|MODELS|MODEL_NAMES|llms|providers|teachers|teacher_?models|engines|backends)$|' +
    String.raw`^\w+_(models|model_?names|llms)$|^[a-z]\w*(Models|ModelNames|LLMs|Llms)$`,
  'i',
);

/** Imports and calls that mean the workspace trains or fine-tunes models. */
export const TRAINING_IMPORTS = new RegExp(
  String.raw`^(trl|peft|unsloth|axolotl|deepspeed|accelerate|transformers\.trainer|llamafactory|torchtune|openrlhf|lightning|` +
    String.raw`pytorch_lightning)(\.|$)`,
);
// Any `…Trainer(` class: trl's and transformers' trainers, and the trainers data-generation
// frameworks ship beside their generators (curator's `TinkerTrainer`).
export const TRAINING_CALLS = new RegExp(
  String.raw`\b(\w*Trainer|` + String.raw`FastLanguageModel|get_peft_model|LoraConfig|TrainingArguments|SFTConfig|DPOConfig)\s*\(`,
);
export const DISTILLATION_WORDS =
  /\b(distill(ation|ed)?|teacher_?(model|outputs|logits|responses)|student_?model|knowledge[_ ]distillation|kd_loss)\b/i;

/** Credential-looking names (key pools, env families). */
/** Names of token counts or token lists of text (`message_tokens`, `max_tokens`, `inputTokens`), never credentials. */
export const TOKEN_COUNT_NAME = new RegExp(
  '(message|prompt|input|output|completion|max|total|num|context|cached|reasoning|response|request|used|remaining|' +
    'history|text|word|special|stop|new|chunk|generated|tokenized)_?tokens$',
  'i',
);
export const KEY_NAME = /(api_?keys?|API_?KEYS?|keys|tokens|credentials|accounts|secrets|orgs|organizations)/;
export const PROXY_NAME = /(proxies|proxy_?list|proxy_?pool|PROXIES|base_?urls|endpoints|regions|BASE_URLS|ENDPOINTS|hosts)/;
export const QUOTA_ERRORS = new RegExp(
  String.raw`\b(RateLimitError|RateLimit|TooManyRequests|429|quota|insufficient_quota|overloaded|OverloadedError|` +
    String.raw`ResourceExhausted|ThrottlingException|rate_limit|rate limit)\b`,
  'i',
);

/** Words just before a phrase that turn it into a guardrail ("never reveal your system prompt"). */
/** "Does the reply leak the system prompt?": a check for extraction, not a request for it. */
export const CHECK_BEFORE = /\b(does|did|whether|if|check|detect|flag)\b[^.!?\n]{0,40}$/i;
export const NEGATION_BEFORE =
  /\b(never|not|don'?t|do not|must not|mustn'?t|cannot|can'?t|refuse to|without|avoid|no need to|decline to)\b[^.!?\n]{0,30}$/i;

/**
 * The prompt phrases a text holds, where each starts: guardrails ("never reveal your system
 * prompt", "do not think step by step") and checks ("does the reply leak the system prompt?") left out.
 */
export function promptPhrasesIn(value: string): { kind: (typeof PROMPT_PHRASES)[number]['kind']; index: number }[] {
  const out: { kind: (typeof PROMPT_PHRASES)[number]['kind']; index: number }[] = [];
  for (const { kind, pattern } of PROMPT_PHRASES) {
    const m = pattern.exec(value);
    if (!m) continue;
    const before = (n: number) => value.slice(Math.max(0, m.index - n), m.index);
    if ((kind === 'system-prompt-extraction' || kind === 'reasoning-elicitation') && NEGATION_BEFORE.test(before(40))) continue;
    if (kind === 'system-prompt-extraction' && CHECK_BEFORE.test(before(50))) continue;
    out.push({ kind, index: m.index });
  }
  return out;
}

/** Names of collections that hold detector patterns, not prompts (injection filters, deny lists). */
export const DETECTOR_NAMES =
  /pattern|regex|regexp|deny|block|banned|blacklist|blocklist|guard|detect|filter|injection|jailbreak_?signatures|forbidden/i;

/** Inside a loop body: tool-use handling that marks an agent loop. */
export const AGENT_LOOP_MARKERS = new RegExp(
  String.raw`\b(tool_calls|toolCalls|tool_use|tool_result|toolResults?|stop_reason|stopReason|finish_reason|finishReason|` +
    'function_call|functionCall|tool_choice|execute_tool|executeTool|run_tool|runTool|call_tool|callTool|handle_tool|' +
    String.raw`available_functions|observation|env\.step|is_done|isDone|final_answer|finalAnswer)\b`,
);
/** Inside a loop body: reading the next user turn (a chat REPL, a socket), so one user drives it. */
export const CONVERSATION_MARKERS = new RegExp(
  String.raw`\b(input\(|raw_input\(|readline|rl\.question|prompt\(\s*["'\x60[{]|chat_input|receive_text|receive_json|receive\(|` +
    String.raw`recv\(|ws\.on|socket\.on|getUserInput|ask_user|read_user)`,
);
/** Loop variables and bounds that name retry attempts. */
export const RETRY_NAMES = /\b(attempts?|retry|retries|tries|try_count|n_?retries|max_?retries|max_?attempts|backoff)\b/i;

/** File text that shows provider traffic is mocked or replayed in tests. */
export const MOCK_MARKERS = new RegExp(
  String.raw`\b(unittest\.mock|from unittest import mock|mock\.patch|@patch\(|patch\.object|MagicMock|AsyncMock|pytest_mock|` +
    String.raw`mocker\.|respx|responses\.add|vcr|cassette|pytest_recording|nock\(|msw|setupServer|jest\.mock|vi\.mock|jest\.fn|` +
    String.raw`vi\.fn|jest\.spyOn|vi\.spyOn|mockResolvedValue|sinon\.|MockTransport|FakeListLLM|FakeChatModel)\b`,
);

/** Credential names that belong to a model provider, or to an API key in general (not GitHub or database tokens). */
export const LLM_CREDENTIAL_NAME = new RegExp(`${PROVIDER_WORDS_SOURCE}|LLM|api_?key|apikey|sk-`, 'i');
