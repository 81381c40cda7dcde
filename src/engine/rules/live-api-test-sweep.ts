// live-api-test-sweep: parametrized or looping tests that hit a live provider.
import { defineRule, type RuleHit } from './types';
import { hitAtSite, loopSignal } from './hits';

export const liveApiTestSweep = defineRule({
  meta: {
    id: 'live-api-test-sweep',
    title: 'Tests sweep a live provider',
    severity: 'low',
    tags: ['tests', 'volume'],
    summary: 'Parametrized or looping tests call a hosted model for real on every CI run.',
    lowering: 'purpose',
    docs: {
      flags:
        'A hosted-model call in a test (test files, `test_*` functions) under `@pytest.mark.parametrize`, ' +
        '`test.each`/`it.each` or a loop, in a file that does not mock or replay provider traffic (unittest.mock, respx, vcr ' +
        'cassettes, nock, msw, `jest.mock`).',
      whyProvidersCare:
        'Every CI run replays the same templated requests; across branches and retries that becomes a steady, repetitive ' +
        'stream that looks like a sweep and spends quota.',
      legitimateCases: 'A small nightly smoke test of your real integration, contract tests run before a model migration.',
      howToDocument:
        'Mark the suite with an `@llm-usage` block giving how often it runs and how many requests each run makes; keep it out ' +
        'of per-commit CI.',
      example: {
        language: 'python',
        code:
          '@pytest.mark.parametrize("question", QUESTIONS)\n' +
          'def test_answers(question):\n' +
          '    r = client.messages.create(model="claude-haiku-4-5", max_tokens=100,\n' +
          '        messages=[{"role": "user", "content": question}])\n' +
          '    assert r.content',
      },
      instead: 'Record responses once (vcr, respx, nock) and replay them in CI; keep live tests to a small scheduled smoke suite.',
    },
  },
  reads: ['files', 'sites'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const site of context.sites) {
      if (!site.inTest || site.repetition.length === 0) continue;
      if (context.files.get(site.file)?.mocksProviders || context.files.get(site.target.file)?.mocksProviders) continue;
      hits.push(hitAtSite('live-api-test-sweep', site, undefined, [loopSignal(site)]));
    }
    return hits;
  },
});
