// missing-end-user-attribution: request handlers calling a provider without an end-user id.
import type { ProviderId } from '../types';
import { defineRule, type RuleHit } from './types';
import { hitAtSite } from './hits';
import { providerName } from './describe';

/** Providers whose APIs take an end-user identifier, and its parameter name. */
const USER_ID_PARAM: Partial<Record<ProviderId, string>> = {
  anthropic: 'metadata.user_id',
  openai: 'safety_identifier (or user)',
  'azure-openai': 'safety_identifier (or user)',
};

export const missingEndUserAttribution = defineRule({
  meta: {
    id: 'missing-end-user-attribution',
    title: "No end-user id on a request handler's call",
    severity: 'info',
    tags: ['attribution', 'product'],
    summary: 'A web route, bot or UI handler calls a provider without passing an end-user identifier.',
    lowering: 'purpose',
    docs: {
      flags:
        'Calls to Anthropic or OpenAI (directly or through a wrapper) inside request handlers — route handlers, server ' +
        'actions, bot event handlers, Streamlit/Gradio apps — without `metadata.user_id` (Anthropic) or `safety_identifier` / ' +
        '`user` (OpenAI).',
      whyProvidersCare:
        "Providers ask builders to tie traffic to end users so that abuse by one user is handled as that user's, not the whole " +
        "account's. Without ids, one bad user of your product can look like your company misusing the API.",
      legitimateCases:
        'Internal tools with a handful of known users, handlers that already attribute through another mechanism the provider supports.',
      howToDocument: 'Pass a stable, non-identifying hash of your user id; no annotation is needed once it is there.',
      example: {
        language: 'typescript',
        code:
          'export async function POST(req: Request) {\n' +
          '  const { messages } = await req.json();\n' +
          '  return Response.json(await anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 1024, messages }));\n' +
          '}',
      },
      instead:
        'Add `metadata: { user_id: hash(user.id) }` (Anthropic) or `safety_identifier: hash(user.id)` (OpenAI) to every call ' +
        "made on a user's behalf.",
    },
  },
  reads: ['sites'],
  check(context): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const site of context.sites) {
      const param = USER_ID_PARAM[site.provider];
      if (!param || !site.inRequestHandler || site.inTest || site.params.endUserId || site.target.params.endUserId) continue;
      if (site.api !== 'chat' && site.api !== 'responses' && site.api !== 'completions') continue;
      hits.push(
        hitAtSite('missing-end-user-attribution', site, undefined, [{ key: 'attribution', text: `no ${param}` }], {
          lead: `request handler calls ${providerName(site.provider)} with no ${param}`,
        }),
      );
    }
    return hits;
  },
});
