// endpoint-rotation: rotating proxies, base URLs or regions to spread traffic.
import { defineRule, type RuleHit } from './types';
import { providerOfFile, talksToHostedModel } from './hits';

export const endpointRotation = defineRule({
  meta: {
    id: 'endpoint-rotation',
    title: 'Traffic spread over proxies or endpoints',
    severity: 'high',
    tags: ['evasion', 'network'],
    summary: 'Requests to a hosted model are spread over a rotating pool of proxies, base URLs or regions.',
    lowering: 'clearance',
    docs: {
      flags:
        'A pool of proxies, base URLs or regions that is rotated — `random.choice(PROXIES)`, `cycle(BASE_URLS)`, `endpoints[i ' +
        '% len(endpoints)]` — in code that calls a hosted model. A single configured gateway, or a fixed list of regions ' +
        'chosen by configuration, is not reported.',
      whyProvidersCare:
        "Providers' distillation reports describe proxy networks that spread one campaign's traffic over many exits to stay " +
        'under per-IP and per-account thresholds. Rotation looks like evasion even when the intent is load balancing.',
      legitimateCases:
        'Failover between your own Azure OpenAI deployments in different regions for availability, a corporate egress proxy, ' +
        'load balancing across provisioned-throughput deployments you bought for this purpose.',
      howToDocument:
        'Document why several endpoints are used (`purpose: regional failover between our two provisioned deployments`) and ' +
        'make the choice deterministic (primary then fallback on outage), not random or round-robin per request.',
      example: {
        language: 'python',
        code:
          'PROXIES = ["http://10.0.0.1:8080", "http://10.0.0.2:8080", "http://10.0.0.3:8080"]\n' +
          'for prompt in prompts:\n' +
          '    http = httpx.Client(proxy=random.choice(PROXIES))\n' +
          '    OpenAI(http_client=http).chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])',
      },
      instead:
        'Send traffic through one documented route, use provisioned throughput or the Batch API for volume, and fail over only on outages.',
    },
  },
  reads: ['files', 'sites'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const facts of context.files.values()) {
      if (!talksToHostedModel(context, facts)) continue;
      for (const signal of facts.credentials) {
        if ((signal.kind !== 'proxy-pool' && signal.kind !== 'base-url-pool') || !signal.rotated) continue;
        const what = signal.kind === 'proxy-pool' ? 'rotates proxies' : 'rotates base URLs or regions';
        hits.push({
          ruleId: 'endpoint-rotation',
          file: facts.file,
          range: signal.range,
          provider: providerOfFile(context, facts.file),
          lead: `${what} (${signal.detail})`,
          signals: [{ key: 'endpoints', text: `${what} (${signal.detail})`, file: facts.file, range: signal.range }],
        });
      }
    }
    return hits;
  },
});
