// Short human descriptions of facts, shared by rule messages and reports.
import type { ProviderId, Repetition } from '../types';

const PROVIDER_NAMES: Record<ProviderId, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  'azure-openai': 'Azure OpenAI',
  google: 'Google',
  mistral: 'Mistral',
  cohere: 'Cohere',
  bedrock: 'AWS Bedrock',
  together: 'Together',
  groq: 'Groq',
  fireworks: 'Fireworks',
  openrouter: 'OpenRouter',
  deepseek: 'DeepSeek',
  xai: 'xAI',
  litellm: 'LiteLLM',
  local: 'local model',
  unknown: 'an LLM provider',
};

export function providerName(id: ProviderId): string {
  return PROVIDER_NAMES[id];
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatVolume(volume: number | 'unbounded' | null): string {
  if (volume === null) return 'single call';
  if (volume === 'unbounded') return 'unbounded';
  return `${formatCount(volume)} requests`;
}

/** "loop over 12,000 prompts (range(500) × 8 topics × 3 styles)" style description. */
export function describeRepetition(reps: Repetition[]): string {
  if (reps.length === 0) return 'single call';
  const parts = [...reps].reverse().map((r) => {
    const what = r.iterable.ofOneResponse
      ? `the ${noun(r)} of one model response`
      : r.iterable.perInput
        ? `the ${noun(r)} of one input`
        : r.iterable.count !== undefined
          ? `${formatCount(r.iterable.count)} ${noun(r)}`
          : noun(r);
    switch (r.kind) {
      case 'infinite':
        return 'infinite loop';
      case 'timer':
        return 'timer';
      case 'queue':
        return 'queue consumer';
      case 'parametrize':
        return `parametrized test over ${what}`;
      case 'pool':
        return `pool over ${what}`;
      case 'eval-runner':
        return `evaluation runner over ${what}`;
      default:
        return `${r.concurrent ? 'concurrent ' : ''}loop over ${what}`;
    }
  });
  return parts.join(' × ');
}

function noun(r: Repetition): string {
  const name = r.iterable.names[0]?.split('.').pop();
  switch (r.iterable.kind) {
    case 'range':
      return r.iterable.count !== undefined ? 'iterations' : `range (${r.iterable.text})`;
    case 'file-lines':
      return 'file lines';
    case 'dataset':
      return name ? `rows of ${name}` : 'dataset rows';
    case 'list':
      return name ? `${name}` : 'list items';
    case 'product':
      return 'combinations';
    default:
      return name ? `${name}` : `items of ${r.iterable.text || 'an iterable'}`;
  }
}
