// Redaction of credentials: every string that leaves the engine (messages, prompt samples,
// notes, SARIF snippets) passes through here, so keys found in code never reach an output.

/** Known credential formats. Order matters: specific prefixes before generic ones. */
const SECRET_PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\bsk-ant-[A-Za-z0-9_-]{8,}/g,
  /\bsk-(proj|svcacct|admin)-[A-Za-z0-9_-]{8,}/g,
  /\bsk-[A-Za-z0-9]{20,}/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{30,}/g,
  /\bxox[abpors]-[A-Za-z0-9-]{10,}/g,
  /\bhf_[A-Za-z0-9]{30,}/g,
  /\b(gsk|xai|r8|fw|pk|sk|rk)_[A-Za-z0-9]{24,}/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  /\b[Bb]earer\s+[A-Za-z0-9._~+/-]{16,}=*/g,
];

/** `api_key = "…"`, `"x-api-key": "…"`, `AWS_SECRET_ACCESS_KEY=…`: a credential-named slot with a long literal. */
const NAMED_SECRET = /((?:api[_-]?key|secret|token|password|passwd|credential|auth|access[_-]?key)[\w-]*["']?\s*[:=]\s*["'`]?)([A-Za-z0-9_\-+/=.]{16,})/gi;

export const REDACTED = '[REDACTED]';

function looksRandom(value: string): boolean {
  if (/^(process\.env|os\.environ|os\.getenv|env\.|getenv)/.test(value)) return false;
  if (/^[a-z_]+(\.[a-z_]+)+$/i.test(value)) return false; // dotted identifiers, not secrets
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(value)).length;
  return classes >= 2 && shannonEntropy(value) >= 3.2;
}

function shannonEntropy(value: string): number {
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
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED);
  out = out.replace(NAMED_SECRET, (whole, prefix: string, value: string) => (looksRandom(value) ? prefix + REDACTED : whole));
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
