// rate-limit-evasion: unbounded retries without backoff on 429; switching client/endpoint on quota errors.
import { defineRule, type RuleHit } from './types';
import { providerOfFile, talksToHostedModel } from './hits';

export const rateLimitEvasion = defineRule({
  meta: {
    id: 'rate-limit-evasion',
    title: 'Rate limits retried around, not honoured',
    severity: 'high',
    tags: ['evasion', 'rate-limits'],
    summary: 'A rate-limit or quota error is retried immediately with no backoff, or answered by switching client, key or endpoint.',
    lowering: 'clearance',
    docs: {
      flags:
        'An `except RateLimitError` / `catch` of a 429, quota or overloaded error inside a retry loop that continues without ' +
        'sleeping, honouring `Retry-After` or using a backoff library; or a handler that swaps the client, key, base URL or ' +
        'proxy when the error arrives. Retries with real backoff (`time.sleep(2 ** attempt)`, tenacity `wait_exponential`, the ' +
        "SDK's own `max_retries`) are not reported.",
      whyProvidersCare:
        'A 429 is the provider asking you to slow down. Hammering through it or moving to another endpoint is circumventing ' +
        "rate limits, which OpenAI's and others' terms forbid, and it makes a workload look like an abusive one.",
      legitimateCases:
        'Failing over to a second region after an outage (not a quota error), a single immediate retry of an idempotent ' +
        'request on a network error.',
      howToDocument:
        "Document the retry policy in the workload's `@llm-usage` block; better, fix it: the finding disappears once the " +
        'handler backs off.',
      example: {
        language: 'python',
        code:
          'while True:\n' +
          '    try:\n' +
          '        return client.messages.create(**request)\n' +
          '    except anthropic.RateLimitError:\n' +
          '        continue',
      },
      instead:
        "Back off exponentially with jitter and honour `Retry-After`, cap the attempts, or rely on the SDK's built-in retries; " +
        'ask the provider for higher limits if you need them.',
    },
  },
  reads: ['files', 'sites'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const facts of context.files.values()) {
      if (!facts.retries.length || !talksToHostedModel(context, facts)) continue;
      for (const retry of facts.retries) {
        if (retry.kind === 'retry-with-backoff') continue;
        hits.push({
          ruleId: 'rate-limit-evasion',
          file: facts.file,
          range: retry.range,
          provider: providerOfFile(context, facts.file),
          lead: retry.detail,
          signals: [{ key: 'retry', text: retry.detail, file: facts.file, range: retry.range }],
        });
      }
    }
    return hits;
  },
});
