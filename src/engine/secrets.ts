// Redaction of credentials: every string that leaves the engine (messages, prompt samples,
// notes, SARIF snippets, hovers) passes through here, so keys found in code never reach an output.
// Three layers: known key formats (matched even when truncated, since facts cut long literals),
// credential-named slots holding a random-looking literal, and long random quoted literals.

/** Known credential formats. Order matters: specific prefixes before generic ones. */
const SECRET_PATTERNS: RegExp[] = [
  // PEM / OpenSSH / PGP private keys, also inside JSON strings with `\n` escapes, also cut short.
  /-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  // Anthropic (api, admin), OpenAI project/service/admin keys, OpenRouter: the prefix alone is enough.
  /\bsk-ant-[A-Za-z0-9_-]*/g,
  /\bsk-(?:proj|svcacct|admin|None|or-v1)-[A-Za-z0-9_-]*/g,
  // Legacy OpenAI, DeepSeek and other `sk-` keys.
  /\bsk-[A-Za-z0-9]{20,}/g,
  // Google API keys and OAuth access tokens.
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /\bya29\.[0-9A-Za-z_-]{20,}/g,
  // AWS access key ids (the secret key is caught by the named-slot and random-literal layers).
  /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g,
  // GitHub, Slack, Hugging Face, Groq, xAI, Replicate, Fireworks, Perplexity, Stripe-style keys.
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bxox[abpors]-[A-Za-z0-9-]{10,}/g,
  /\bhf_[A-Za-z0-9]{20,}/g,
  /\b(?:gsk|r8|fw|pk|sk|rk)_(?:live_|test_)?[A-Za-z0-9]{20,}/g,
  /\b(?:xai|pplx)-[A-Za-z0-9]{20,}/g,
  // JSON web tokens.
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
];

/** `Authorization: Bearer …` / `Basic …`: keep the scheme, drop the credential. */
const AUTH_SCHEME = /\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/-]{16,}=*)/g;

/** `scheme://user:password@host`: keep the user and host, drop the password. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@'"`]+:)([^@\s/'"`]+)(@)/gi;

/** `api_key = "…"`, `"x-api-key": "…"`, `AWS_SECRET_ACCESS_KEY=…`, `apiKey: '…'`: a credential-named slot with a literal. */
const NAMED_SECRET = new RegExp(
  '((?:api[_-]?key|secret|token|password|passwd|pwd|credential|auth(?!or)|access[_-]?key|private[_-]?key|' +
    String.raw`client[_-]?secret)[\w-]*["']?\s*[:=]\s*[[({]?\s*["'\x60]?)([A-Za-z0-9_\-+/=.~]{12,})`,
  'gi',
);

/** A quoted literal long and random enough to be a key whatever it is called. */
const RANDOM_LITERAL = /(["'`])([A-Za-z0-9_\-+/=]{32,})\1/g;

export const REDACTED = '[REDACTED]';

/** Values that name a credential rather than hold one. */
function isReference(value: string): boolean {
  return (
    /^(process\.env|os\.environ|os\.getenv|env\.|getenv|import\.meta|settings\.|config\.)/i.test(value) ||
    /^[a-z_]+(\.[a-z_]+)+$/i.test(value) || // dotted identifiers
    /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value)
  ); // ENV_VAR_NAMES
}

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[_\-+/=.~]/].filter((r) => r.test(value)).length;
}

/** Named slot: a credential name makes a modest bar enough. */
export function looksLikeSecretValue(value: string): boolean {
  if (isReference(value)) return false;
  return characterClasses(value) >= 2 && shannonEntropy(value) >= 3.2;
}

/** Unnamed literal: needs more length and randomness (pure hex hashes stay below 4 bits). */
function looksRandom(value: string): boolean {
  if (isReference(value)) return false;
  // Model ids and paths are short words joined by separators; keys have a long unbroken run.
  if (!value.split(/[-_/]/).some((segment) => segment.length >= 20)) return false;
  return [/[a-z]/, /[A-Z]/, /[0-9]/].every((r) => r.test(value)) && shannonEntropy(value) >= 4.2;
}

export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Replaces every credential-looking substring with [REDACTED]. */
export function redactSecrets(text: string): string {
  if (!text) return text;
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED);
  out = out.replace(AUTH_SCHEME, (_whole, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  out = out.replace(URL_PASSWORD, (_whole, before: string, _password: string, at: string) => `${before}${REDACTED}${at}`);
  out = out.replace(NAMED_SECRET, (whole, prefix: string, value: string) => {
    // Unquoted values are often identifiers (`max_tokens=budget_limit`): ask for a digit too.
    const quoted = /["'`]$/.test(prefix);
    return looksLikeSecretValue(value) && (quoted || /\d/.test(value)) ? prefix + REDACTED : whole;
  });
  out = out.replace(RANDOM_LITERAL, (whole, quote: string, value: string) => (looksRandom(value) ? `${quote}${REDACTED}${quote}` : whole));
  return out;
}

/** Deep-redacts every string in a JSON-able value (used on whole reports as a last line of defence). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as unknown as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as unknown as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}
