// stale-usage-annotation: documentation that no longer documents. An `@llm-usage` block without a
// purpose, with unknown keys or a past/malformed `expires`; a suppression without a reason (it
// suppresses nothing, silently, unless this says so) or past its `until=` date.
import type { FileFacts, Suppression, UsageAnnotation } from '../types';
import { defineRule, type RuleHit } from './types';
import { isIsoDate } from '../facts/comments';

export const staleUsageAnnotation = defineRule({
  meta: {
    id: 'stale-usage-annotation',
    title: 'Usage annotation or suppression needs attention',
    severity: 'low',
    tags: ['documentation', 'hygiene'],
    summary: 'An @llm-usage annotation lacks a purpose, has unknown keys or has expired; or a suppression has no reason or has expired.',
    // An annotation cannot vouch for itself: problems with it are reported whatever covers it.
    lowering: 'never',
    docs: {
      flags:
        'An `@llm-usage` block with no `purpose` (or `purpose: TODO`), an unknown key, an `expires` date that is malformed or ' +
        'already past, or a block with no code after it. Also `llm-usage-ignore` / `llm-usage-ignore-file` comments with no ' +
        'rule id, no `-- reason`, or an `until=` date that has passed or is malformed.',
      whyProvidersCare:
        'When a provider asks why an account sent a burst of templated requests, the team answers from this documentation. A ' +
        'purpose that was never written, or a pre-clearance that lapsed, leaves the workload looking undocumented — and an ' +
        'expired or reasonless suppression hides a finding nobody has reviewed.',
      legitimateCases:
        'A block being drafted in a branch (the skeleton inserted by the quick fix starts with `purpose: TODO`). Fix it before ' +
        'merging rather than suppressing this rule.',
      howToDocument:
        'Fill in `purpose` in a sentence a provider support engineer would understand, use only the keys purpose, volume, ' +
        'data, clearance, owner and expires, write dates as YYYY-MM-DD, and renew `expires` / `until=` after re-checking the ' +
        'workload. Give every suppression a reason after ` -- `.',
      example: {
        language: 'python',
        code:
          '# @llm-usage\n' +
          '#   purpose: TODO\n' +
          '#   expires: 2024-01-31\n' +
          'for row in rows:\n' +
          '    client.messages.create(model="claude-sonnet-4-5", max_tokens=256, messages=[...])\n' +
          '\n' +
          'client.messages.create(...)  # llm-usage-ignore bulk-generation-loop',
      },
      instead:
        '`# @llm-usage` with `purpose: weekly enrichment of our own support tickets`, `owner: support-ml@example.com`, ' +
        '`expires: 2027-06-30`; and `# llm-usage-ignore bulk-generation-loop -- one-off migration, cleared in ticket 48213`.',
    },
  },
  reads: ['files', 'today'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const facts of context.files.values()) {
      for (const annotation of facts.annotations) {
        const problems = annotationProblems(annotation, context.today);
        if (problems.length) hits.push(hit(facts, annotation, `@llm-usage annotation: ${problems.join('; ')}`));
      }
      for (const suppression of facts.suppressions) {
        const problem = suppressionProblem(suppression, context.today);
        if (problem) hits.push(hit(facts, suppression, problem));
      }
    }
    return hits;
  },
});

export function annotationProblems(annotation: UsageAnnotation, today: string): string[] {
  const expires = annotation.fields.expires;
  // The skeleton's empty `expires:` is a field not filled in yet, not a malformed date.
  const problems = annotation.problems.filter((p) => !(expires === '' && p.startsWith('expires "" ')));
  if (expires && isIsoDate(expires) && expires < today)
    problems.push(`expired on ${expires}; re-check the workload and renew or remove the block`);
  return problems;
}

function suppressionProblem(s: Suppression, today: string): string | undefined {
  const comment = s.scope === 'file' ? 'llm-usage-ignore-file' : 'llm-usage-ignore';
  if (!s.ruleId) return `${comment} names no rule id, so it suppresses nothing`;
  if (!s.reason) return `${comment} ${s.ruleId} has no reason (add " -- <why>"), so it suppresses nothing`;
  if (s.until && !isIsoDate(s.until))
    return `${comment} ${s.ruleId}: until=${s.until} is not a date (YYYY-MM-DD), so it suppresses nothing`;
  if (s.until && s.until < today) return `${comment} ${s.ruleId} expired on ${s.until} and no longer applies`;
  return undefined;
}

function hit(facts: FileFacts, at: UsageAnnotation | Suppression, lead: string): RuleHit {
  return { ruleId: 'stale-usage-annotation', file: facts.file, range: at.range, provider: 'unknown', signals: [], lead };
}
