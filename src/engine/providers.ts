// The SDK and endpoint table: data, not code paths. Adding an SDK means adding rows here.
// Each SDK describes what its module exports and what its objects' members do; the resolver in
// facts/ evaluates receivers against these rows, so `client.messages.create` is a call site only
// when `client` really is an Anthropic client.
import type { ApiFamily, ProviderId } from './types';

/** What touching a member does: a provider call, or a new SDK object (constructor or factory). */
export type Member =
  /**
   * A provider call. `iterates` names the argument the call walks as a dataset itself (a position
   * or a keyword): `chain.batch(inputs)`, `batch_completion(messages=[…])`, a data-generation
   * framework's generator called on a whole dataset. The loop lives in the library.
   */
  | { api: ApiFamily; providerFrom?: 'model-prefix' | 'model-arg'; command?: false; iterates?: number | string }
  | { returns: string; provider?: ProviderId; argSelects?: Record<string, string> }
  | { command: ApiFamily };

export interface SdkSpec {
  id: string;
  provider: ProviderId;
  /** Import sources (Python dotted modules, npm packages). A source that starts with one matches too. */
  modules: string[];
  /** Members of the module namespace: `Anthropic` (constructor), `completion` (function), `ChatCompletion.create`. */
  exports: Record<string, Member>;
  /** Object types and their member paths. */
  types: Record<string, Record<string, Member>>;
  /**
   * What the byte pre-filter looks for instead of the module names, when those are everyday words
   * (`camel` is in every `camelCase`, `instructor` in every course catalogue).
   */
  needles?: string[];
}

const anthropicClient: Record<string, Member> = {
  'messages.create': { api: 'chat' },
  'messages.stream': { api: 'chat' },
  'messages.parse': { api: 'chat' },
  'messages.count_tokens': { api: 'count_tokens' },
  'messages.countTokens': { api: 'count_tokens' },
  'messages.batches.create': { api: 'batch' },
  // The rest of `messages.batches.*`: polling and fetching results are batch traffic too.
  'messages.batches.retrieve': { api: 'batch' },
  'messages.batches.list': { api: 'batch' },
  'messages.batches.results': { api: 'batch' },
  'messages.batches.cancel': { api: 'batch' },
  'completions.create': { api: 'completions' },
};

const openaiClient: Record<string, Member> = {
  'chat.completions.create': { api: 'chat' },
  'chat.completions.parse': { api: 'chat' },
  'chat.completions.stream': { api: 'chat' },
  'chat.completions.runTools': { api: 'chat' },
  'responses.create': { api: 'responses' },
  'responses.stream': { api: 'responses' },
  'responses.parse': { api: 'responses' },
  'completions.create': { api: 'completions' },
  'batches.create': { api: 'batch' },
  // Polling a batch and reading its output file are the same batch job, seen from the script that collects it.
  'batches.retrieve': { api: 'batch' },
  'batches.list': { api: 'batch' },
  'batches.cancel': { api: 'batch' },
  'embeddings.create': { api: 'embeddings' },
  'fine_tuning.jobs.create': { api: 'fine-tuning' },
  'fineTuning.jobs.create': { api: 'fine-tuning' },
  // Uploads feed batches and fine-tuning (`purpose="batch"`): the provider sees them too.
  'files.create': { api: 'files' },
  'files.content': { api: 'files' },
  'uploads.create': { api: 'files' },
  'moderations.create': { api: 'other' },
  'images.generate': { api: 'other' },
  'audio.transcriptions.create': { api: 'other' },
  'audio.speech.create': { api: 'other' },
  // A copy of the client with other options is the same client.
  with_options: { returns: 'client' },
  withOptions: { returns: 'client' },
  copy: { returns: 'client' },
};

/** openai-node v3 (`new OpenAIApi(new Configuration(...))`), still common in older projects. */
const openaiLegacyApi: Record<string, Member> = {
  createChatCompletion: { api: 'chat' },
  createCompletion: { api: 'completions' },
  createEmbedding: { api: 'embeddings' },
  createFineTune: { api: 'fine-tuning' },
};

const langchainModel: Record<string, Member> = {
  invoke: { api: 'chat' },
  ainvoke: { api: 'chat' },
  batch: { api: 'chat', iterates: 0 },
  abatch: { api: 'chat', iterates: 0 },
  stream: { api: 'chat' },
  astream: { api: 'chat' },
  predict: { api: 'chat' },
  generate: { api: 'chat' },
  agenerate: { api: 'chat' },
  call: { api: 'chat' },
  // Classic chains wrapping the model (`LLMChain(llm=…)`): `chain.run(x)`, `chain.apply(rows)`, `chain(x)`.
  run: { api: 'chat' },
  arun: { api: 'chat' },
  apply: { api: 'chat', iterates: 0 },
  aapply: { api: 'chat', iterates: 0 },
  '': { api: 'chat' },
};

/** LangChain chat model classes and the provider each talks to. */
const LANGCHAIN_MODELS: Record<string, ProviderId> = {
  ChatAnthropic: 'anthropic',
  ChatOpenAI: 'openai',
  AzureChatOpenAI: 'azure-openai',
  OpenAI: 'openai',
  // Text-completion (non-chat) model classes of the same packages.
  AzureOpenAI: 'azure-openai',
  GoogleGenerativeAI: 'google',
  VertexAI: 'google',
  AnthropicLLM: 'anthropic',
  Bedrock: 'bedrock',
  Cohere: 'cohere',
  Fireworks: 'fireworks',
  Together: 'together',
  ChatGoogleGenerativeAI: 'google',
  ChatVertexAI: 'google',
  ChatMistralAI: 'mistral',
  ChatCohere: 'cohere',
  ChatBedrock: 'bedrock',
  ChatBedrockConverse: 'bedrock',
  BedrockChat: 'bedrock',
  ChatGroq: 'groq',
  ChatTogether: 'together',
  ChatFireworks: 'fireworks',
  ChatDeepSeek: 'deepseek',
  ChatXAI: 'xai',
  ChatOllama: 'local',
  Ollama: 'local',
  ChatLlamaCpp: 'local',
  LlamaCpp: 'local',
  VLLM: 'local',
};

function langchainExports(): Record<string, Member> {
  const out: Record<string, Member> = {};
  for (const [name, provider] of Object.entries(LANGCHAIN_MODELS)) out[name] = { returns: 'chat-model', provider };
  return out;
}

/** Vercel AI SDK provider packages: their default factory and `create*` factory give a model. */
const VERCEL_PROVIDERS: Record<string, { provider: ProviderId; factory: string; create: string }> = {
  '@ai-sdk/anthropic': { provider: 'anthropic', factory: 'anthropic', create: 'createAnthropic' },
  '@ai-sdk/openai': { provider: 'openai', factory: 'openai', create: 'createOpenAI' },
  '@ai-sdk/azure': { provider: 'azure-openai', factory: 'azure', create: 'createAzure' },
  '@ai-sdk/google': { provider: 'google', factory: 'google', create: 'createGoogleGenerativeAI' },
  '@ai-sdk/google-vertex': { provider: 'google', factory: 'vertex', create: 'createVertex' },
  '@ai-sdk/mistral': { provider: 'mistral', factory: 'mistral', create: 'createMistral' },
  '@ai-sdk/cohere': { provider: 'cohere', factory: 'cohere', create: 'createCohere' },
  '@ai-sdk/amazon-bedrock': { provider: 'bedrock', factory: 'bedrock', create: 'createAmazonBedrock' },
  '@ai-sdk/groq': { provider: 'groq', factory: 'groq', create: 'createGroq' },
  '@ai-sdk/togetherai': { provider: 'together', factory: 'togetherai', create: 'createTogetherAI' },
  '@ai-sdk/fireworks': { provider: 'fireworks', factory: 'fireworks', create: 'createFireworks' },
  '@ai-sdk/deepseek': { provider: 'deepseek', factory: 'deepseek', create: 'createDeepSeek' },
  '@ai-sdk/xai': { provider: 'xai', factory: 'xai', create: 'createXai' },
  '@openrouter/ai-sdk-provider': { provider: 'openrouter', factory: 'openrouter', create: 'createOpenRouter' },
  'ollama-ai-provider': { provider: 'local', factory: 'ollama', create: 'createOllama' },
};

function vercelProviderSpecs(): SdkSpec[] {
  return Object.entries(VERCEL_PROVIDERS).map(([module, p]) => ({
    id: `vercel:${module}`,
    provider: p.provider,
    modules: [module],
    exports: {
      [p.factory]: { returns: 'vercel-model' },
      [`${p.factory}.chat`]: { returns: 'vercel-model' },
      [`${p.factory}.languageModel`]: { returns: 'vercel-model' },
      [`${p.factory}.responses`]: { returns: 'vercel-model' },
      [`${p.factory}.completion`]: { returns: 'vercel-model' },
      [`${p.factory}.embedding`]: { returns: 'vercel-model' },
      [`${p.factory}.textEmbedding`]: { returns: 'vercel-model' },
      [`${p.factory}.textEmbeddingModel`]: { returns: 'vercel-model' },
      [p.create]: { returns: 'vercel-factory' },
    },
    types: {
      'vercel-factory': {
        '': { returns: 'vercel-model' },
        chat: { returns: 'vercel-model' },
        languageModel: { returns: 'vercel-model' },
        responses: { returns: 'vercel-model' },
        completion: { returns: 'vercel-model' },
        embedding: { returns: 'vercel-model' },
        textEmbedding: { returns: 'vercel-model' },
        textEmbeddingModel: { returns: 'vercel-model' },
      },
      'vercel-model': {},
    },
  }));
}

export const SDKS: SdkSpec[] = [
  {
    id: 'anthropic',
    provider: 'anthropic',
    modules: ['anthropic', '@anthropic-ai/sdk', '@anthropic-ai/bedrock-sdk', '@anthropic-ai/vertex-sdk'],
    exports: {
      Anthropic: { returns: 'client' },
      AsyncAnthropic: { returns: 'client' },
      AnthropicBedrock: { returns: 'client' },
      AsyncAnthropicBedrock: { returns: 'client' },
      AnthropicVertex: { returns: 'client' },
      AsyncAnthropicVertex: { returns: 'client' },
      default: { returns: 'client' },
      Client: { returns: 'client' },
    },
    types: { client: anthropicClient },
  },
  {
    id: 'openai',
    provider: 'openai',
    modules: ['openai'],
    exports: {
      OpenAI: { returns: 'client' },
      AsyncOpenAI: { returns: 'client' },
      AzureOpenAI: { returns: 'client', provider: 'azure-openai' },
      AsyncAzureOpenAI: { returns: 'client', provider: 'azure-openai' },
      default: { returns: 'client' },
      OpenAIApi: { returns: 'legacy-api' },
      'ChatCompletion.create': { api: 'chat' },
      'ChatCompletion.acreate': { api: 'chat' },
      'Completion.create': { api: 'completions' },
      'Completion.acreate': { api: 'completions' },
      // The module-level client of openai>=1 (`openai.chat.completions.create`).
      ...Object.fromEntries(Object.entries(openaiClient)),
    },
    types: { client: openaiClient, 'legacy-api': openaiLegacyApi },
  },
  {
    // Groq's SDKs copy the OpenAI client's surface (`client.chat.completions.create`).
    id: 'groq',
    provider: 'groq',
    modules: ['groq-sdk', 'groq'],
    exports: {
      Groq: { returns: 'client' },
      AsyncGroq: { returns: 'client' },
      default: { returns: 'client' },
    },
    types: { client: openaiClient },
  },
  {
    // Together's SDKs likewise (`Together().chat.completions.create`); the module name is an everyday word.
    id: 'together',
    provider: 'together',
    modules: ['together', 'together-ai'],
    exports: {
      Together: { returns: 'client' },
      AsyncTogether: { returns: 'client' },
      default: { returns: 'client' },
    },
    types: { client: openaiClient },
    needles: ['from together', 'import together', 'together-ai', `'together'`, '"together"', 'Together('],
  },
  {
    id: 'google-genai',
    provider: 'google',
    modules: ['google.genai', '@google/genai'],
    exports: { Client: { returns: 'client' }, GoogleGenAI: { returns: 'client' } },
    types: {
      client: {
        'models.generate_content': { api: 'chat' },
        'models.generate_content_stream': { api: 'chat' },
        'models.generateContent': { api: 'chat' },
        'models.generateContentStream': { api: 'chat' },
        'models.count_tokens': { api: 'count_tokens' },
        'models.countTokens': { api: 'count_tokens' },
        'models.embed_content': { api: 'embeddings' },
        'models.embedContent': { api: 'embeddings' },
        'batches.create': { api: 'batch' },
        'chats.create': { returns: 'chat' },
      },
      chat: {
        send_message: { api: 'chat' },
        send_message_stream: { api: 'chat' },
        sendMessage: { api: 'chat' },
        sendMessageStream: { api: 'chat' },
      },
    },
  },
  {
    id: 'google-generativeai',
    provider: 'google',
    modules: [
      'google.generativeai',
      '@google/generative-ai',
      'vertexai.generative_models',
      'vertexai.preview.generative_models',
      '@google-cloud/vertexai',
    ],
    exports: {
      GenerativeModel: { returns: 'model' },
      GoogleGenerativeAI: { returns: 'client' },
      VertexAI: { returns: 'client' },
    },
    types: {
      client: { getGenerativeModel: { returns: 'model' }, 'preview.getGenerativeModel': { returns: 'model' } },
      model: {
        generate_content: { api: 'chat' },
        generate_content_async: { api: 'chat' },
        generateContent: { api: 'chat' },
        generateContentStream: { api: 'chat' },
        count_tokens: { api: 'count_tokens' },
        start_chat: { returns: 'chat' },
        startChat: { returns: 'chat' },
      },
      chat: {
        send_message: { api: 'chat' },
        send_message_async: { api: 'chat' },
        sendMessage: { api: 'chat' },
        sendMessageStream: { api: 'chat' },
      },
    },
  },
  {
    id: 'mistral',
    provider: 'mistral',
    modules: ['mistralai', '@mistralai/mistralai'],
    exports: { Mistral: { returns: 'client' }, MistralClient: { returns: 'client' }, default: { returns: 'client' } },
    types: {
      client: {
        'chat.complete': { api: 'chat' },
        'chat.complete_async': { api: 'chat' },
        'chat.stream': { api: 'chat' },
        'chat.stream_async': { api: 'chat' },
        'batch.jobs.create': { api: 'batch' },
        'embeddings.create': { api: 'embeddings' },
        'fim.complete': { api: 'completions' },
        chat: { api: 'chat' },
      },
    },
  },
  {
    id: 'cohere',
    provider: 'cohere',
    modules: ['cohere', 'cohere-ai'],
    exports: {
      Client: { returns: 'client' },
      ClientV2: { returns: 'client' },
      AsyncClient: { returns: 'client' },
      AsyncClientV2: { returns: 'client' },
      CohereClient: { returns: 'client' },
      CohereClientV2: { returns: 'client' },
    },
    types: {
      client: {
        chat: { api: 'chat' },
        chat_stream: { api: 'chat' },
        chatStream: { api: 'chat' },
        generate: { api: 'completions' },
        embed: { api: 'embeddings' },
        rerank: { api: 'other' },
      },
    },
  },
  {
    id: 'bedrock-boto3',
    provider: 'bedrock',
    modules: ['boto3'],
    exports: {
      client: { returns: 'none', argSelects: { 'bedrock-runtime': 'runtime', bedrock: 'control' } },
      Session: { returns: 'session' },
      'session.Session': { returns: 'session' },
    },
    types: {
      session: { client: { returns: 'none', argSelects: { 'bedrock-runtime': 'runtime', bedrock: 'control' } } },
      runtime: {
        converse: { api: 'chat' },
        converse_stream: { api: 'chat' },
        invoke_model: { api: 'chat' },
        invoke_model_with_response_stream: { api: 'chat' },
      },
      control: { create_model_invocation_job: { api: 'batch' }, create_model_customization_job: { api: 'fine-tuning' } },
      none: {},
    },
  },
  {
    id: 'bedrock-js',
    provider: 'bedrock',
    modules: ['@aws-sdk/client-bedrock-runtime', '@aws-sdk/client-bedrock'],
    exports: {
      BedrockRuntimeClient: { returns: 'runtime' },
      BedrockRuntime: { returns: 'runtime' },
      BedrockClient: { returns: 'runtime' },
      ConverseCommand: { command: 'chat' },
      ConverseStreamCommand: { command: 'chat' },
      InvokeModelCommand: { command: 'chat' },
      InvokeModelWithResponseStreamCommand: { command: 'chat' },
      CreateModelInvocationJobCommand: { command: 'batch' },
    },
    types: {
      runtime: {
        send: { api: 'chat' },
        converse: { api: 'chat' },
        converseStream: { api: 'chat' },
        invokeModel: { api: 'chat' },
        invokeModelWithResponseStream: { api: 'chat' },
      },
    },
  },
  {
    id: 'vercel-ai',
    provider: 'unknown',
    modules: ['ai'],
    exports: {
      generateText: { api: 'chat', providerFrom: 'model-arg' },
      streamText: { api: 'chat', providerFrom: 'model-arg' },
      generateObject: { api: 'chat', providerFrom: 'model-arg' },
      streamObject: { api: 'chat', providerFrom: 'model-arg' },
      embed: { api: 'embeddings', providerFrom: 'model-arg' },
      embedMany: { api: 'embeddings', providerFrom: 'model-arg' },
      // AI SDK agents: `new ToolLoopAgent({ model, tools })`, then `agent.generate({ prompt })`.
      ToolLoopAgent: { returns: 'agent' },
      Experimental_Agent: { returns: 'agent' },
    },
    types: {
      agent: {
        generate: { api: 'chat' },
        stream: { api: 'chat' },
      },
    },
  },
  ...vercelProviderSpecs(),
  {
    // pi-ai: one streaming API over many providers (`stream(model, context, options)`), the
    // library under the pi coding agent; the model object comes from `getModel(provider, id)`.
    id: 'pi-ai',
    provider: 'unknown',
    modules: ['@mariozechner/pi-ai', '@earendil-works/pi-ai'],
    exports: {
      stream: { api: 'chat' },
      complete: { api: 'chat' },
      streamSimple: { api: 'chat' },
      completeSimple: { api: 'chat' },
    },
    types: {},
  },
  {
    id: 'langchain',
    provider: 'unknown',
    modules: [
      'langchain_anthropic',
      'langchain_openai',
      'langchain_google_genai',
      'langchain_google_vertexai',
      'langchain_mistralai',
      'langchain_cohere',
      'langchain_aws',
      'langchain_groq',
      'langchain_together',
      'langchain_fireworks',
      'langchain_deepseek',
      'langchain_xai',
      'langchain_ollama',
      'langchain_community',
      'langchain.chat_models',
      'langchain.llms',
      '@langchain/anthropic',
      '@langchain/openai',
      '@langchain/google-genai',
      '@langchain/google-vertexai',
      '@langchain/mistralai',
      '@langchain/cohere',
      '@langchain/aws',
      '@langchain/groq',
      '@langchain/community',
      '@langchain/ollama',
      '@langchain/deepseek',
      '@langchain/xai',
    ],
    exports: {
      ...langchainExports(),
      init_chat_model: { returns: 'chat-model', provider: 'unknown' },
      initChatModel: { returns: 'chat-model', provider: 'unknown' },
    },
    types: {
      'chat-model': {
        ...langchainModel,
        bind_tools: { returns: 'chat-model' },
        bindTools: { returns: 'chat-model' },
        with_structured_output: { returns: 'chat-model' },
        withStructuredOutput: { returns: 'chat-model' },
        bind: { returns: 'chat-model' },
        with_retry: { returns: 'chat-model' },
        withRetry: { returns: 'chat-model' },
        // LCEL composition: a chain that contains the model calls it when invoked.
        pipe: { returns: 'chat-model' },
        with_config: { returns: 'chat-model' },
        withConfig: { returns: 'chat-model' },
        with_fallbacks: { returns: 'chat-model' },
        withFallbacks: { returns: 'chat-model' },
        assign: { returns: 'chat-model' },
      },
    },
  },
  {
    // Bespoke Curator: an `LLM` (or a subclass with `prompt`/`parse` hooks) called on a whole
    // dataset generates one response per row; the loop, retries and caching live in the library.
    id: 'curator',
    provider: 'unknown',
    modules: ['bespokelabs.curator', 'bespokelabs'],
    exports: { LLM: { returns: 'generator' }, 'curator.LLM': { returns: 'generator' } },
    types: { generator: { '': { api: 'chat', iterates: 0 } } },
  },
  {
    // instructor: a provider's client patched to answer with typed objects; the calls are the
    // client's own, plus `create_iterable`, which asks for a list of objects in one request.
    id: 'instructor',
    provider: 'unknown',
    modules: ['instructor', '@instructor-ai/instructor'],
    needles: ['import instructor', 'from instructor', `'instructor'`, '"instructor"', '@instructor-ai/instructor'],
    exports: {
      from_openai: { returns: 'client', provider: 'openai' },
      from_anthropic: { returns: 'client', provider: 'anthropic' },
      from_gemini: { returns: 'client', provider: 'google' },
      from_genai: { returns: 'client', provider: 'google' },
      from_mistral: { returns: 'client', provider: 'mistral' },
      from_cohere: { returns: 'client', provider: 'cohere' },
      from_groq: { returns: 'client', provider: 'groq' },
      from_litellm: { returns: 'client', provider: 'litellm' },
      from_provider: { returns: 'client' },
      patch: { returns: 'client', provider: 'openai' },
      default: { returns: 'client' },
    },
    types: {
      client: {
        'chat.completions.create': { api: 'chat' },
        'chat.completions.create_iterable': { api: 'chat' },
        'chat.completions.create_partial': { api: 'chat' },
        'chat.completions.create_with_completion': { api: 'chat' },
        'messages.create': { api: 'chat' },
        create: { api: 'chat' },
        create_iterable: { api: 'chat' },
        create_partial: { api: 'chat' },
        create_with_completion: { api: 'chat' },
      },
    },
  },
  {
    // DSPy: modules (`Predict`, `ChainOfThought`, a program's sub-modules) call the configured LM
    // when invoked; `.batch(examples)` walks a whole set inside the library.
    id: 'dspy',
    provider: 'unknown',
    modules: ['dspy'],
    exports: {
      LM: { returns: 'module' },
      Predict: { returns: 'module' },
      ChainOfThought: { returns: 'module' },
      ChainOfThoughtWithHint: { returns: 'module' },
      ProgramOfThought: { returns: 'module' },
      MultiChainComparison: { returns: 'module' },
      ReAct: { returns: 'module' },
      Refine: { returns: 'module' },
      BestOfN: { returns: 'module' },
    },
    types: {
      module: {
        '': { api: 'chat' },
        forward: { api: 'chat' },
        acall: { api: 'chat' },
        batch: { api: 'chat', iterates: 0 },
      },
    },
  },
  {
    // Genkit: the instance `genkit({...})` returns generates with the model its options name.
    id: 'genkit',
    provider: 'unknown',
    modules: ['genkit', '@genkit-ai/ai', '@genkit-ai/core'],
    exports: { genkit: { returns: 'instance' }, generate: { api: 'chat', providerFrom: 'model-arg' } },
    types: {
      instance: {
        generate: { api: 'chat', providerFrom: 'model-arg' },
        generateStream: { api: 'chat', providerFrom: 'model-arg' },
        embed: { api: 'embeddings', providerFrom: 'model-arg' },
        embedMany: { api: 'embeddings', providerFrom: 'model-arg' },
      },
    },
  },
  {
    // CAMEL: a chat agent answers each `step`; a role-playing session steps two agents at once,
    // the loop of turns living in the caller or the library.
    id: 'camel',
    provider: 'unknown',
    modules: ['camel'],
    needles: ['from camel', 'import camel', `'camel'`, '"camel"'],
    exports: {
      ChatAgent: { returns: 'agent' },
      CriticAgent: { returns: 'agent' },
      TaskSpecifyAgent: { returns: 'agent' },
      RolePlaying: { returns: 'agent' },
      BabyAGI: { returns: 'agent' },
    },
    types: { agent: { step: { api: 'chat' }, astep: { api: 'chat' }, run: { api: 'chat' } } },
  },
  {
    // distilabel: LLM classes per provider; a pipeline run or a task's `process` walks the
    // dataset in the library (generation, self-instruct, evol-instruct, preference rating).
    id: 'distilabel',
    provider: 'unknown',
    modules: ['distilabel'],
    exports: {
      OpenAILLM: { returns: 'llm', provider: 'openai' },
      AzureOpenAILLM: { returns: 'llm', provider: 'azure-openai' },
      AnthropicLLM: { returns: 'llm', provider: 'anthropic' },
      MistralLLM: { returns: 'llm', provider: 'mistral' },
      GroqLLM: { returns: 'llm', provider: 'groq' },
      CohereLLM: { returns: 'llm', provider: 'cohere' },
      TogetherLLM: { returns: 'llm', provider: 'together' },
      LiteLLM: { returns: 'llm', provider: 'litellm' },
      InferenceEndpointsLLM: { returns: 'llm' },
      vLLM: { returns: 'llm', provider: 'local' },
      TransformersLLM: { returns: 'llm', provider: 'local' },
      OllamaLLM: { returns: 'llm', provider: 'local' },
      LlamaCppLLM: { returns: 'llm', provider: 'local' },
      Pipeline: { returns: 'pipeline' },
      TextGeneration: { returns: 'task' },
      SelfInstruct: { returns: 'task' },
      EvolInstruct: { returns: 'task' },
      UltraFeedback: { returns: 'task' },
      Magpie: { returns: 'task' },
      GenerateSentencePair: { returns: 'task' },
    },
    types: {
      llm: { generate: { api: 'chat', iterates: 'inputs' }, agenerate: { api: 'chat', iterates: 'inputs' } },
      task: { process: { api: 'chat', iterates: 0 } },
      pipeline: { run: { api: 'chat', iterates: 'dataset' } },
    },
  },
  {
    id: 'litellm',
    provider: 'litellm',
    modules: ['litellm'],
    exports: {
      completion: { api: 'chat', providerFrom: 'model-prefix' },
      acompletion: { api: 'chat', providerFrom: 'model-prefix' },
      text_completion: { api: 'completions', providerFrom: 'model-prefix' },
      batch_completion: { api: 'chat', providerFrom: 'model-prefix', iterates: 'messages' },
      batch_completion_models: { api: 'chat', providerFrom: 'model-prefix' },
      batch_completion_models_all_responses: { api: 'chat', providerFrom: 'model-prefix' },
      embedding: { api: 'embeddings', providerFrom: 'model-prefix' },
      // The Batch and Files APIs, proxied to the provider named by `custom_llm_provider`.
      create_batch: { api: 'batch', providerFrom: 'model-prefix' },
      acreate_batch: { api: 'batch', providerFrom: 'model-prefix' },
      retrieve_batch: { api: 'batch', providerFrom: 'model-prefix' },
      aretrieve_batch: { api: 'batch', providerFrom: 'model-prefix' },
      list_batches: { api: 'batch', providerFrom: 'model-prefix' },
      alist_batches: { api: 'batch', providerFrom: 'model-prefix' },
      cancel_batch: { api: 'batch', providerFrom: 'model-prefix' },
      acancel_batch: { api: 'batch', providerFrom: 'model-prefix' },
      create_file: { api: 'files', providerFrom: 'model-prefix' },
      acreate_file: { api: 'files', providerFrom: 'model-prefix' },
      file_content: { api: 'files', providerFrom: 'model-prefix' },
      afile_content: { api: 'files', providerFrom: 'model-prefix' },
      Router: { returns: 'router' },
    },
    types: {
      // Router model names are the team's aliases from `model_list`, not provider models.
      router: {
        completion: { api: 'chat' },
        acompletion: { api: 'chat' },
        text_completion: { api: 'completions' },
        atext_completion: { api: 'completions' },
        embedding: { api: 'embeddings' },
        aembedding: { api: 'embeddings' },
        batch_completion: { api: 'chat' },
      },
    },
  },
  {
    id: 'local-inference',
    provider: 'local',
    modules: ['vllm', 'ollama', 'llama_cpp', 'transformers', 'ollama/browser'],
    exports: {
      LLM: { returns: 'client' },
      Llama: { returns: 'client' },
      pipeline: { returns: 'client' },
      Client: { returns: 'client' },
      AsyncClient: { returns: 'client' },
      Ollama: { returns: 'client' },
      chat: { api: 'chat' },
      generate: { api: 'completions' },
      default: { returns: 'client' },
    },
    types: {
      client: {
        generate: { api: 'completions' },
        chat: { api: 'chat' },
        create_chat_completion: { api: 'chat' },
        '': { api: 'completions' },
      },
    },
  },
];

/**
 * Modules whose objects sit around a model in a LangChain pipe without calling one: prompt
 * templates, output parsers, message classes. In `prompt | get_llm() | parser` the model is the other operand.
 */
export const PIPE_PARTS = new RegExp(
  String.raw`^(langchain_core\.(prompts|output_parsers|messages)|langchain\.(prompts|output_parsers|schema)|` +
    String.raw`@langchain\/core\/(prompts|output_parsers|messages))(\.|\/|$)`,
);

/** Member path segments that do not change what a call does (`client.beta.messages.create`). */
export const TRANSPARENT_SEGMENTS = new Set(['beta', 'with_raw_response', 'with_streaming_response', 'withRawResponse', 'aio', 'v1']);

/** Hosts of OpenAI-compatible and native endpoints → provider. Suffix match on the host. */
export const HOST_PROVIDERS: [string, ProviderId][] = [
  ['api.anthropic.com', 'anthropic'],
  ['api.openai.com', 'openai'],
  ['openai.azure.com', 'azure-openai'],
  ['generativelanguage.googleapis.com', 'google'],
  ['aiplatform.googleapis.com', 'google'],
  ['api.mistral.ai', 'mistral'],
  ['api.cohere.com', 'cohere'],
  ['api.cohere.ai', 'cohere'],
  ['amazonaws.com', 'bedrock'],
  ['api.together.xyz', 'together'],
  ['api.together.ai', 'together'],
  ['api.groq.com', 'groq'],
  ['api.fireworks.ai', 'fireworks'],
  ['openrouter.ai', 'openrouter'],
  ['api.deepseek.com', 'deepseek'],
  ['api.x.ai', 'xai'],
];

/** Endpoint paths of the providers' HTTP APIs (raw `fetch`/`requests` calls). */
// Paths match whole segments: `/v1/chat/completions-archive` is another endpoint, not OpenAI's.
export interface EndpointPath {
  path: RegExp;
  api: ApiFamily;
  /**
   * The provider whose API has this shape, for a URL on a host no table names (a proxy, a base
   * URL from config): OpenAI-compatible paths are OpenAI's, `/v1/messages` is Anthropic's.
   */
  shapeOf?: ProviderId;
}

export const ENDPOINT_PATHS: EndpointPath[] = [
  { path: /\/v1\/messages\/batches(?=$|[/?#\s"'`{}$])/, api: 'batch', shapeOf: 'anthropic' },
  { path: /\/v1\/messages\/count_tokens(?=$|[/?#\s"'`{}$])/, api: 'count_tokens', shapeOf: 'anthropic' },
  { path: /\/v1\/messages(?=$|[/?#\s"'`{}$])/, api: 'chat', shapeOf: 'anthropic' },
  { path: /\/v1\/complete(?=$|[/?#\s"'`{}$])/, api: 'completions' },
  { path: /\/v1\/chat\/completions(?=$|[/?#\s"'`{}$])/, api: 'chat', shapeOf: 'openai' },
  // Without `/v1` (`${base}/chat/completions`, Azure's deployments) many servers share the path.
  { path: /\/chat\/completions(?=$|[/?#\s"'`{}$])/, api: 'chat' },
  { path: /\/v1\/responses(?=$|[/?#\s"'`{}$])/, api: 'responses', shapeOf: 'openai' },
  { path: /\/v1\/completions(?=$|[/?#\s"'`{}$])/, api: 'completions', shapeOf: 'openai' },
  { path: /\/v1\/batches(?=$|[/?#\s"'`{}$])/, api: 'batch', shapeOf: 'openai' },
  { path: /\/v1\/embeddings(?=$|[/?#\s"'`{}$])/, api: 'embeddings' },
  { path: /:(stream)?[gG]enerateContent(?=$|[/?#\s"'`{}$])/, api: 'chat', shapeOf: 'google' },
  // Cohere's `/v1/chat` is the whole path; `/v1/chat/…` is someone else's route.
  { path: /\/v1\/chat(?=$|[?#\s"'`{}$])/, api: 'chat' },
  { path: /\/model\/[^/]+\/(converse|invoke)/, api: 'chat' },
];

/**
 * Key-provisioning endpoints: a POST there creates a new API key. OpenRouter's provisioning API
 * (`/api/v1/keys`, the path ends at `keys`) and OpenAI's admin API keys. Matched on the URL's path.
 */
export const KEY_PROVISIONING_PATHS: RegExp[] = [/\/keys\/?(?=$|[?#"'`])/, /\/organization\/admin_api_keys\/?(?=$|[?#"'`])/];

/** Native endpoints of local servers (Ollama, llama.cpp), recognised only on local hosts. */
export const LOCAL_ENDPOINT_PATHS: [RegExp, ApiFamily][] = [
  [/\/api\/(chat|generate)(?=$|[/?#\s"'`{}$])/, 'chat'],
  [/\/api\/embed(dings)?(?=$|[/?#\s"'`{}$])/, 'embeddings'],
  [/\/completion(?=$|[/?#\s"'`{}$])/, 'completions'],
];

/** Hosts that mean a model on the team's own machines: never warned about. */
export const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|::1|host\.docker\.internal|ollama|vllm)(:\d+)?$/i;

/**
 * Model-name families: the first word of a model id (`claude-…`, `gpt-4o`, `o3-mini`) and the
 * provider that serves it; null for open-weight families that many hosts serve (`llama-3`), whose
 * name alone says nothing about the provider. `everydayWord` marks a name code also uses for other
 * things (`command`): in text it counts only as the start of a model id (`command-r`).
 */
export const MODEL_FAMILIES: Record<string, { provider: ProviderId | null; everydayWord?: true }> = {
  claude: { provider: 'anthropic' },
  gpt: { provider: 'openai' },
  o1: { provider: 'openai' },
  o3: { provider: 'openai' },
  o4: { provider: 'openai' },
  gemini: { provider: 'google' },
  mistral: { provider: 'mistral' },
  mixtral: { provider: null },
  command: { provider: 'cohere', everydayWord: true },
  deepseek: { provider: 'deepseek' },
  grok: { provider: 'xai' },
  llama: { provider: null },
  qwen: { provider: null },
};

/** Routing prefixes of LiteLLM, OpenRouter and LangChain's `init_chat_model` (`anthropic/…`, `together_ai/…`) → provider. */
const ROUTE_PREFIX_PROVIDERS: Record<string, ProviderId> = {
  anthropic: 'anthropic',
  openai: 'openai',
  azure: 'azure-openai',
  vertex_ai: 'google',
  google: 'google',
  mistral: 'mistral',
  cohere: 'cohere',
  bedrock: 'bedrock',
  together_ai: 'together',
  groq: 'groq',
  fireworks_ai: 'fireworks',
  openrouter: 'openrouter',
  deepseek: 'deepseek',
  xai: 'xai',
  ollama: 'local',
  ollama_chat: 'local',
  hosted_vllm: 'local',
  vllm: 'local',
  // LangChain `init_chat_model` provider names.
  google_genai: 'google',
  google_vertexai: 'google',
  google_anthropic_vertex: 'anthropic',
  bedrock_converse: 'bedrock',
  azure_openai: 'azure-openai',
  mistralai: 'mistral',
  together: 'together',
  fireworks: 'fireworks',
  azure_ai: 'azure-openai',
  llamacpp: 'local',
  lm_studio: 'local',
};

/** Model-name prefixes → provider: the routing prefixes, and the families one provider serves. */
export const MODEL_PREFIX_PROVIDERS: Record<string, ProviderId> = {
  ...ROUTE_PREFIX_PROVIDERS,
  ...Object.fromEntries(
    Object.entries(MODEL_FAMILIES).flatMap(([family, { provider }]) => (provider ? [[family, provider] as const] : [])),
  ),
};

/** Words whose presence in a file's bytes makes it worth parsing (the cheap pre-filter). */
export function prefilterNeedles(): string[] {
  const needles = new Set<string>();
  for (const sdk of SDKS) for (const m of sdk.needles ?? sdk.modules) needles.add(sdk.needles ? m : m.split('.')[0]);
  for (const [host] of HOST_PROVIDERS) needles.add(host);
  // Ollama's default port: a bare `fetch("http://localhost:11434/api/chat")` names nothing else.
  needles.add(':11434');
  // A client handed in by a caller (`self.client.chat.completions.create(...)` in a module that
  // imports no SDK): the distinctive member chains of the SDK tables. Short or common names
  // (`invoke`, `generate`, `send`) would send half of every tree to the parser.
  for (const sdk of SDKS) {
    for (const members of Object.values(sdk.types)) {
      for (const [key, member] of Object.entries(members)) {
        if ('api' in member && (key.includes('.') ? key.length >= 13 : key.length >= 15)) needles.add('.' + key + '(');
      }
    }
  }
  for (const word of [
    '/v1/messages',
    'chat/completions',
    '/v1/responses',
    'generateContent',
    '/v1/completions',
    '/v1/batches',
    // Batch API request records written for a later upload (`{"custom_id": …, "params": …}`).
    'custom_id',
    '@llm-usage',
    'llm-usage-ignore',
  ])
    needles.add(word);
  return [...needles];
}

export function providerForHost(host: string): ProviderId | undefined {
  const h = host.toLowerCase();
  if (LOCAL_HOST.test(h)) return 'local';
  for (const [suffix, provider] of HOST_PROVIDERS) if (h === suffix || h.endsWith('.' + suffix) || h.endsWith(suffix)) return provider;
  return undefined;
}

export function providerForModelName(model: string): ProviderId | undefined {
  const lower = model.toLowerCase();
  const prefix = lower.split(/[/:]/)[0];
  // `anthropic/claude-…` (LiteLLM, OpenRouter) and `anthropic:claude-…` (LangChain init_chat_model).
  if (/[/:]/.test(lower) && MODEL_PREFIX_PROVIDERS[prefix]) return MODEL_PREFIX_PROVIDERS[prefix];
  const family = lower.split(/[-.]/)[0];
  return MODEL_PREFIX_PROVIDERS[family];
}

/** The SDK whose module list matches an import source. */
export function sdkForModule(source: string): SdkSpec | undefined {
  for (const sdk of SDKS) {
    for (const m of sdk.modules) if (source === m || source.startsWith(m + '.') || source.startsWith(m + '/')) return sdk;
  }
  return undefined;
}
