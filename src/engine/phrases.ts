// Phrase and name tables the fact extractors match against: data, kept apart from the code.

/** Prompt text features (matched on string literals and templates). */
export const PROMPT_PHRASES: { kind: 'reasoning-elicitation' | 'system-prompt-extraction' | 'rubric-grading' | 'seed-task-mutation' | 'paraphrase' | 'capability-list'; pattern: RegExp }[] = [
  { kind: 'reasoning-elicitation', pattern: /\b(think|reason|work(ing)?)\s+(it\s+)?(through\s+)?step[- ]by[- ]step\b|show (all )?(of )?your (full |complete )?(reasoning|work|thought process|chain of thought)|explain your (internal )?reasoning|\bchain[- ]of[- ]thought\b|full reasoning trace|reasoning (trace|steps) (in|before)|<thinking>|verbalize your thought/i },
  { kind: 'system-prompt-extraction', pattern: /(repeat|print|reveal|output|show|tell me|disclose|recite|display|leak|dump)\b.{0,40}\b(your|the)\s+(system prompt|instructions|initial prompt|hidden prompt|prompt above|original instructions|developer message|rules you were given)|ignore (all )?(previous|prior|above) instructions.{0,60}(prompt|instructions)|what (is|are|were) your (system prompt|instructions)|verbatim.{0,30}(instructions|system prompt)|everything above this line/i },
  { kind: 'rubric-grading', pattern: /\b(rubric|grade (the|this) (response|answer)|score (the|this|each) (response|answer|output)|on a scale (of|from) \d+ to \d+|which response is better|chosen and rejected|\bchosen\b.{0,20}\brejected\b|preference pair|reward model|judge whether)\b/i },
  { kind: 'seed-task-mutation', pattern: /(evol[- ]?instruct|self[- ]instruct|rewrite (the following|this) (instruction|prompt|question) (to be|into) (more|a more) (complex|difficult|challenging)|(add|increase) (more )?(constraints|reasoning steps|complexity)|generate (\d+ )?(new|more|diverse) (instructions|tasks|questions|prompts)|come up with a (new|series of) task|seed task|in-depth evolving|in-breadth evolving)/i },
  { kind: 'paraphrase', pattern: /\b(paraphrase|rephrase|reword)\b.{0,40}\b(response|answer|output|text)\b/i },
];

/** Names of lists that enumerate capabilities, skills, tasks, benchmarks or domains. */
export const CAPABILITY_LIST_NAMES = /^(capabilit(y|ies)|skills?|task_?types?|tasks|categories|domains|subjects|topics|disciplines|benchmarks?|competenc(y|ies)|abilities|areas|fields|specialties|subtasks|task_?categories|skill_?list|domain_?list|TASKS|SKILLS|DOMAINS|TOPICS|CATEGORIES|CAPABILITIES|SUBJECTS|BENCHMARKS)$/i;

/** Names of lists of models (multi-model harvesting, fan-out to providers). */
export const MODEL_LIST_NAMES = /^(models?|model_?names?|model_?list|MODELS|MODEL_NAMES|llms|providers|teachers|teacher_?models|engines|backends)$/i;

/** Imports and calls that mean the workspace trains or fine-tunes models. */
export const TRAINING_IMPORTS = /^(trl|peft|unsloth|axolotl|deepspeed|accelerate|transformers\.trainer|llamafactory|torchtune|openrlhf|lightning|pytorch_lightning)(\.|$)/;
export const TRAINING_CALLS = /\b(SFTTrainer|DPOTrainer|ORPOTrainer|KTOTrainer|GRPOTrainer|PPOTrainer|RewardTrainer|Seq2SeqTrainer|Trainer|FastLanguageModel|get_peft_model|LoraConfig|TrainingArguments|SFTConfig|DPOConfig)\s*\(/;
export const DISTILLATION_WORDS = /\b(distill(ation|ed)?|teacher_?(model|outputs|logits|responses)|student_?model|knowledge[_ ]distillation|kd_loss)\b/i;

/** Credential-looking names (key pools, env families). */
export const KEY_NAME = /(api_?keys?|API_?KEYS?|keys|tokens|credentials|accounts|secrets|orgs|organizations|ANTHROPIC_API_KEY|OPENAI_API_KEY|GEMINI_API_KEY|GOOGLE_API_KEY)/;
export const PROXY_NAME = /(proxies|proxy_?list|proxy_?pool|PROXIES|base_?urls|endpoints|regions|BASE_URLS|ENDPOINTS|hosts)/;
export const QUOTA_ERRORS = /\b(RateLimitError|RateLimit|TooManyRequests|429|quota|insufficient_quota|overloaded|OverloadedError|ResourceExhausted|ThrottlingException|rate_limit|rate limit)\b/i;
