// The facts model: what one pass over a file extracts, and the shapes findings take.
// Positions are 0-based here; reports convert to 1-based lines and columns.

export type Language = 'python' | 'typescript' | 'tsx' | 'javascript';

/** Most severe first: the one severity order every threshold, filter, count and sort uses. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe: info 0 … critical 4. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

/** Every provider a call can be attributed to; `local` is a model on the team's own machines. */
export const PROVIDER_IDS = [
  'anthropic',
  'openai',
  'azure-openai',
  'google',
  'mistral',
  'cohere',
  'bedrock',
  'together',
  'groq',
  'fireworks',
  'openrouter',
  'deepseek',
  'xai',
  'litellm',
  'local',
  'unknown',
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** What kind of endpoint a call reaches; rules treat batch and fine-tuning differently from chat. */
export type ApiFamily = 'chat' | 'responses' | 'completions' | 'batch' | 'embeddings' | 'fine-tuning' | 'count_tokens' | 'files' | 'other';

export interface Range {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** The iterable a loop walks, as far as literals tell. */
export type IterableKind = 'dataset' | 'file-lines' | 'range' | 'list' | 'product' | 'unknown';

export type RepetitionKind =
  | 'for'
  | 'while'
  | 'infinite'
  | 'comprehension'
  | 'map'
  | 'promise-all'
  | 'gather'
  | 'pool'
  | 'concurrency-limit'
  | 'batch-call'
  | 'timer'
  /** A job queue's consumer: the function runs once per job taken from the queue (or per event). */
  | 'queue'
  | 'parametrize'
  /** An evaluation framework's runner calling the task once per item of its data. */
  | 'eval-runner';

export interface Repetition {
  kind: RepetitionKind;
  range: Range;
  /** Classified iterable; `count` is known when literals allow. */
  /** `offline`: the items come from a file or dataset read in the code (also through a variable). */
  /**
   * `perInput`: the items are the chunks of one input the enclosing function was handed (one
   * document, one subtitle file). `ofOneResponse`: they are the parts of one model response (the
   * tool calls an agent was just given).
   */
  iterable: {
    kind: IterableKind;
    count?: number;
    text: string;
    names: string[];
    offline?: boolean;
    perInput?: boolean;
    ofOneResponse?: boolean;
  };
  /** Calls run concurrently (Promise.all, gather, pools). */
  concurrent: boolean;
  /** A concurrency limit is visible (p-limit, semaphore, max_workers). */
  limited: boolean;
  /** A sleep inside the loop (polling, backoff). */
  sleeps: boolean;
}

export interface SamplingParams {
  n?: number | 'dynamic';
  bestOf?: number | 'dynamic';
  candidateCount?: number | 'dynamic';
  temperature?: number | 'dynamic';
  seed?: boolean;
  logprobs?: boolean;
  topLogprobs?: boolean;
  logitBias?: boolean;
  thinking?: boolean;
  includeThoughts?: boolean;
  reasoning?: boolean;
  endUserId?: boolean;
}

export interface CallSite {
  file: string;
  range: Range;
  provider: ProviderId;
  api: ApiFamily;
  /** The callee as written, e.g. `client.messages.create`. */
  callee: string;
  model?: string;
  /** Model given by a variable (a sweep over models is possible). */
  modelDynamic?: boolean;
  params: SamplingParams;
  /** Text of the prompt argument, truncated; never contains secrets (redacted at extraction). */
  prompt?: { kind: 'literal' | 'template' | 'variable' | 'call' | 'unknown'; text: string };
  /** Name of the enclosing function or method, if any (qualified for methods: `Class.method`). */
  enclosingFunction?: string;
  /** Repetition contexts from the innermost outwards, within this file. */
  repetition: Repetition[];
  /** Set when the call is reached through workspace wrappers: the chain of wrapper names. */
  viaWrapper?: { chain: string[]; definedAt: { file: string; line: number } };
  /**
   * Set when the call is reached through one call that resolves to several implementations (a
   * method on a base class or an interface): the sites of one group are alternatives, one of which
   * runs, not the same prompt sent to each. The calling location.
   */
  alternativeGroup?: string;
  /** The conditional chain the call sits in an arm of ("line:column" of its head): calls in other arms of it are alternatives. */
  branch?: string;
  /** The base URL host given to the client, when literal. */
  host?: string;
  /** The call is inside a web request handler (route, API handler). */
  inRequestHandler?: boolean;
  /** Inside a test function. */
  inTest?: boolean;
  /** The call runs under a limit in its own function (a semaphore block, `limit(() => …)`): fan-out to it is limited. */
  underLimiter?: boolean;
  /** Handled output: where the response variable goes (sink ids in the same file). */
  resultName?: string;
  /** Structured output that is a list of records (`output: 'array'`, `z.array(…)`, `List[Model]`). */
  listOutput?: boolean;
  /** The response is forced into a schema of labels (an enum field, a forced function whose verdict is an enum): a judge or classifier. */
  labelOutput?: boolean;
}

/** A function or method defined in the file, with the calls its body makes. */
export interface ClassFacts {
  name: string;
  /** Names of the base classes and implemented interfaces, without their module prefix. */
  bases: string[];
}

export interface FunctionFacts {
  name: string;
  /** `Class.method` for methods, else the name. */
  qualifiedName: string;
  range: Range;
  exported: boolean;
  /** The module's default export (`export default function …` / `export default name`). */
  defaultExport?: boolean;
  /** Calls inside the body to names that may be workspace functions (identifiers or `obj.method`). */
  calls: LocalCall[];
  /** Parameter names by position (without Python's `self`); '' for a destructured options object. */
  params?: string[];
  /**
   * The function writes what it is given (`def jdump(obj, f)`, `saveJsonl(rows, path)`): a sink
   * summary, so each call to it is a sink in the caller, with the format and target the caller's
   * arguments (or the parameter's default) give.
   */
  writes?: { format: SinkFormat | 'by-target'; dataParams: number[]; targetParam?: number; target?: string };
  /** Every value the function returns names a function (`return chat_completion_openai`): its callers call one of these. */
  returnsFunctions?: FunctionMember[];
  /** A factory: the function returns an object of this class (`return Summarizer(client)`, `-> Summarizer`). */
  returnsInstanceOf?: string;
}

/** A call to something that may be a workspace function, with its repetition context. */
export interface LocalCall {
  /** The local name called (`generate`, `helpers.generate`, `self.generate`). */
  name: string;
  /** Where the name was imported from, when it was (`./llm`, `pkg.llm`). */
  importedFrom?: string;
  /** The name inside the source module (for `import {a as b}` it is `a`). */
  importedName?: string;
  range: Range;
  enclosingFunction?: string;
  repetition: Repetition[];
  inRequestHandler?: boolean;
  inTest?: boolean;
  /**
   * The enclosing function hands the call's results on as its own (`return f(x)`, `yield from f(x)`,
   * `async for item in f(x): yield item`): whoever consumes that function consumes these results.
   */
  forwardsResults?: boolean;
  /** The call runs under a limit in its own function (a semaphore block, `limit(() => …)`): fan-out to it is limited. */
  underLimiter?: boolean;
  /** The variable the call's result is assigned to. */
  resultName?: string;
  /** For `obj.method()` where `obj = SomeClass(...)`: the class, so the method can be found. */
  receiverClass?: string;
  /** `s = make_summarizer(); s.summarize(x)`: the receiver is what this function returns; the method is of its class. */
  receiverFactory?: Pick<LocalCall, 'name' | 'importedFrom' | 'importedName'>;
  /** `subprocess.run(["python", "generate.py", …])`: the call runs a workspace script (a path as written, or a `-m` module). */
  launches?: { path?: string; module?: string };
  /** `fetch("http://localhost:3000/api/parse", { method: "POST" })`: a request to one of the project's own routes. */
  requestsRoute?: { path: string; method: string };
  /** `new Service(openai)` / `Service(client)`: the call runs the class's constructor. */
  constructs?: boolean;
  /** Arguments whose values can be followed into the callee (clients, functions, objects, parameters). */
  args?: CallArgument[];
  /** `fn(x)` where `fn` is a parameter: the callee is whatever the callers pass. */
  calleeParam?: ParamRef;
  /** `llm.complete(x)` where `llm` is a parameter: a method of what the callers pass. */
  receiverParam?: ParamRef;
  /** `judges[kind](x)`, `for judge in judges: judge(x)` where `judges` is a parameter: a function of the table the callers pass. */
  calleeTable?: ParamRef;
  /** The call picks one function of a table: the functions it reaches are alternatives, not requests sent together. */
  dispatch?: boolean;
  /** `registry[kind](x)` on a table imported from another module: the members of that module's table `importedName`. */
  fromTable?: boolean;
  /** `get_api_function(p)(x)`, `fn = make_judge(); fn(x)`: the functions that the named function returns. */
  returnedFunction?: boolean;
  /** The conditional chain the call sits in an arm of: what it reaches is an alternative of the other arms. */
  branch?: string;
  /**
   * The call hands model output to its callee (`utils.jdump(rows, "regen.json")`): a sink once the
   * workspace shows the callee writes what it is given. Positions of the arguments carrying the
   * output, literal targets by position, and what the records hold.
   */
  output?: {
    args: number[];
    targets?: Record<number, string>;
    reasoning?: boolean;
    trajectory?: boolean;
    pairs?: boolean;
    keyedByItem?: boolean;
    trainingNamed?: boolean;
  };
}

export type SinkFormat = 'jsonl' | 'json' | 'csv' | 'parquet' | 'pickle' | 'dataset' | 'db' | 'text' | 'unknown';

export interface Sink {
  range: Range;
  format: SinkFormat;
  /** File name or table when literal (`distill.jsonl`). */
  target?: string;
  enclosingFunction?: string;
  repetition: Repetition[];
  /** What is written mentions model output or a response variable. */
  writesModelOutput: boolean;
  /** What is written includes reasoning/thinking content. */
  writesReasoning?: boolean;
  /** Agent or tool trajectories (messages, tool calls, steps). */
  writesTrajectory?: boolean;
  /** Records are shaped like training data: prompt/instruction with response/output, chat messages, chosen/rejected. */
  writesPairs?: boolean;
  /**
   * The written value is named as training data (`all_training_data`, `sft_rows`, `distill_samples`):
   * the code says what the records are for even when their shape (`{category, text}`) does not.
   */
  namedAsTrainingData?: boolean;
  /**
   * Training-shaped records whose values name no model output: a wrapper called inline in the
   * write (`{"response": Generator().run(x)}`) is only known as one once the workspace is linked.
   */
  pairShaped?: boolean;
  /**
   * Records keyed by the item they answer (`{"question_id": …, "answer": …}`) with no prompt beside
   * the answer: an answer sheet for a question set, graded by id, not prompt/response pairs.
   */
  keyedByItem?: boolean;
  /**
   * The records are provider Batch API requests (`{"custom_id": …, "method": "POST", "url": …,
   * "body": …}`, `{"custom_id": …, "params": …}`): the file written is a batch's input, for the
   * provider named.
   */
  batchRequests?: ProviderId;
}

export type TrainingKind = 'trainer' | 'peft' | 'fine-tune-upload' | 'distillation' | 'dataset-load-generated';
export interface TrainingSignal {
  range: Range;
  kind: TrainingKind;
  detail: string;
}

export type CredentialKind =
  | 'key-list'
  | 'key-env-family'
  | 'key-choice'
  | 'key-switch-on-error'
  /** New API keys created through a provider's key-provisioning API (a fresh key per worker or run). */
  | 'key-minting'
  | 'proxy-pool'
  | 'base-url-pool'
  | 'multi-client';
export interface CredentialSignal {
  range: Range;
  kind: CredentialKind;
  detail: string;
  /** The pool is visibly rotated (random choice, cycle, modulo index), not merely defined. */
  rotated?: boolean;
  /** Its source says it is about a model provider: env names of a provider or an API key, clients built from it. */
  aboutLlm?: boolean;
  /** The pool's collection is named like keys or clients (`apiKeys`, `clients`), not `tokens` or `accounts`. */
  keyNamed?: boolean;
  /** The module-level name the pool is kept in, which other files may import (`llm_cycle = cycle(llm_pool)`). */
  heldBy?: string;
}

/** `next(llm_cycle)`, `random.choice(KEYS)` on a name imported from another workspace file. */
export interface ImportedPick {
  localName: string;
  source: string;
  importedName: string;
  range: Range;
}

export type RetryKind = 'retry-no-backoff' | 'switch-on-quota' | 'retry-with-backoff';
export interface RetrySignal {
  range: Range;
  kind: RetryKind;
  detail: string;
}

export type PromptFeatureKind =
  | 'capability-list'
  | 'seed-task-mutation'
  | 'reasoning-elicitation'
  | 'rubric-grading'
  | 'system-prompt-extraction'
  | 'paraphrase'
  | 'model-list'
  | 'data-generation'
  | 'item-request';
/** A prompt template file the code reads (`prompts/cot.txt`, `prompts/*.md` when part of the name varies). */
export interface PromptFileRead {
  /** The read (or the constant naming the path). */
  range: Range;
  /** The path as the code builds it, `/`-separated, `*` for a part the code does not fix. */
  path: string;
  /** The path starts at the file's own folder (`__file__`, `__dirname`); else the folder or the workspace root. */
  fromFileDir?: boolean;
  /** The name the read (or the path) is assigned to, so workloads can tell whether they use it. */
  assignedTo?: string;
}

export interface PromptFeature {
  range: Range;
  kind: PromptFeatureKind;
  text: string;
  /** For `item-request`: how many items one request asks for ('dynamic' when a variable sets it). */
  count?: number | 'dynamic';
  /** The constant the text is assigned to (`COT_PROMPT = "…"`), so workloads can tell whether they use it. */
  assignedTo?: string;
}

/**
 * A loop that repeats calls for control flow, not to sweep data: an agent's tool loop, a retry
 * loop, a conversation loop reading user input. Workloads do not count these as drivers.
 */
/** `refinement`: a few passes of critique and revision of one answer, ended by a good enough score. */
export type ControlLoopKind = 'agent' | 'retry' | 'conversation' | 'refinement';
export interface ControlLoop {
  range: Range;
  kind: ControlLoopKind;
}

export interface UsageAnnotation {
  range: Range;
  /** The range the annotation covers (next syntactic node, or the file). */
  covers: Range;
  scope: 'node' | 'file';
  fields: Record<string, string>;
  /** Problems with the annotation itself (missing purpose, unknown keys, bad expiry). */
  problems: string[];
}

export interface Suppression {
  range: Range;
  /** Line (0-based) the suppression applies to; -1 for a whole file. */
  appliesToLine: number;
  ruleId: string;
  reason?: string;
  until?: string;
  scope: 'line' | 'file';
}

export interface FileFacts {
  file: string;
  language: Language;
  callSites: CallSite[];
  functions: FunctionFacts[];
  /** Classes that derive from or implement others (by name), for calls on a base or an interface. */
  classes?: ClassFacts[];
  /** Calls at module level or inside functions to possible workspace functions (also in `functions[].calls`). */
  localCalls: LocalCall[];
  /** Relative or package imports: local name → source module + imported name. */
  imports: { localName: string; source: string; importedName: string }[];
  sinks: Sink[];
  training: TrainingSignal[];
  credentials: CredentialSignal[];
  retries: RetrySignal[];
  promptFeatures: PromptFeature[];
  /** Prompt template files the code reads; the scan reads them for prompt features. */
  promptFileReads?: PromptFileRead[];
  annotations: UsageAnnotation[];
  suppressions: Suppression[];
  /** The parse had syntax errors; facts are best effort. */
  hasSyntaxErrors: boolean;
  /** The file looks like a test file (name or framework). */
  isTestFile: boolean;
  /** The file defines request handlers (routes, API handlers, server actions). */
  hasRequestHandlers: boolean;
  /** Data file names the file mentions (`distilled.jsonl`), to tie training code to harvested outputs. */
  dataFiles: string[];
  /** Distinctive folder names in the paths the file builds, to tie an eval's answers to the grader reading them. */
  dataFolders?: string[];
  /** Picks of one element from imported names (another file's pool, if that file keeps one there). */
  importedPicks?: ImportedPick[];
  /** The arms of each conditional that holds a sink (one range per arm): a sink belongs to its own arm's calls. */
  exclusiveArms?: Range[][];
  /** Module-level tables of functions by name (`HANDLERS = {...}`, a registry a decorator fills), for files that import them. */
  functionTables?: Record<string, FunctionMember[]>;
  /** Loops that repeat calls for control flow (agent, retry, conversation); set by the signals pass. */
  controlLoops?: ControlLoop[];
  /** Module-level SDK clients and client factories other workspace files may import. */
  exportedClients?: ExportedClient[];
  /** Calls on objects imported from workspace modules, resolved once every file is known. */
  deferredCalls?: DeferredCall[];
  /** The file mocks or records provider traffic (unittest.mock, respx, vcr, nock, msw): its tests are not live. */
  mocksProviders?: boolean;
  /**
   * The monorepo package holding the file (its package.json `name`, folder and entry points), so
   * `import … from '@acme/llm'` resolves to workspace files. Set by the scan, not by extraction.
   */
  package?: { name: string; root: string; entries: string[]; aliases?: [string, string[]][] };
  /** For notebooks: positions are raw .ipynb lines; this maps them back to cells. */
  notebook?: { cells: { cell: number; line: number }[]; cellRawLines: number[] };
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  score: number;
  message: string;
  file: string;
  range: Range;
  provider: ProviderId;
  workload: string;
  signals: string[];
  volume: number | 'unbounded' | null;
  annotated: boolean;
  /** What the `@llm-usage` annotation documenting it says (purpose, and clearance when recorded). */
  documentation?: { purpose: string; clearance?: string };
  suppressed: boolean;
  suppression?: { kind: 'inline' | 'file' | 'config'; reason: string };
  fingerprint: string;
  /** Places in other files that contributed (sink, trainer, wrapper). */
  related: { file: string; range: Range; message: string }[];
}

export interface SkippedFile {
  file: string;
  reason: string;
}

/**
 * Something imported from a (possibly workspace) module and what the code does with it:
 * `segments` are the member names and calls (`()`) applied, e.g. `get_client().messages.create()`
 * is `['()', 'messages', 'create', '()']`.
 */
export interface WorkspaceRef {
  source: string;
  importedName: string;
  segments: string[];
}

/**
 * A parameter of a workspace function read as a value: `client.chat.completions.create` inside
 * `def ask(client, q)` is `{fn: 'ask', index: 0, name: 'client', segments: ['chat', …]}`. `key` is
 * set for a property of a destructured options object (`function run({ openai })`).
 */
export interface ParamRef {
  fn: string;
  index: number;
  name: string;
  key?: string;
  segments: string[];
}

/** A function named in a table of functions, as a call to it would name it. */
export interface FunctionMember {
  name: string;
  importedFrom?: string;
  importedName?: string;
}

/** What an argument of a workspace call is, as far as value flow goes. */
export type ArgValue =
  | { kind: 'client'; sdk: string; type: string; provider: ProviderId; host?: string }
  | { kind: 'import'; ref: WorkspaceRef }
  | { kind: 'param'; ref: ParamRef }
  /** A function or method handed over by name (`run_all(ask, rows)`), looked up like a call to it. */
  | { kind: 'function'; name: string; importedFrom?: string; importedName?: string }
  /** A list or dict of functions (`run_all([judge_a, judge_b])`): the callee calls one or each of them. */
  | { kind: 'functions'; members: FunctionMember[] }
  /** An object of a workspace class (`Generator(client)`, `new LlmService(openai)`). */
  | { kind: 'instance'; className: string; importedFrom?: string; importedName?: string };

/** One argument of a workspace call: by position, by keyword, or a property of an options object. */
export interface CallArgument {
  index?: number;
  name?: string;
  key?: string;
  value: ArgValue;
}

/** A call whose provider depends on an object defined in another workspace file or passed in by callers. */
export interface DeferredCall {
  ref?: WorkspaceRef;
  param?: ParamRef;
  site: CallSite;
}

/** A module-level SDK object (or a function returning one) that other files may import. */
export interface ExportedClient {
  name: string;
  sdk: string;
  type: string;
  provider: ProviderId;
  host?: string;
  /** A function that returns the client (`def get_client(): return OpenAI()`). */
  factory: boolean;
}
