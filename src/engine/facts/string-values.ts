// Constant evaluation of strings (literals, f-strings/templates, named constants, env fallbacks)
// and what constructor arguments say about a client: its host and, from the model name, its provider.
import type { SyntaxNode } from '../parse/syntax-tree';
import { MODEL_PREFIX_PROVIDERS, providerForModelName } from '../providers';
import type { ProviderId } from '../types';
import { argumentsOf, isCall, memberPath, stringValue, stripQuotes, unwrapExpression } from './syntax';

/** Where the values assigned to a name come from (the Resolver), seen from a node when given. */
export interface DefinitionSource {
  definitionsOf(name: string, from?: SyntaxNode): SyntaxNode[];
}

/** A string's value when it is a literal, a template with a literal head, or a constant name. */
export function constantString(definitions: DefinitionSource, input: SyntaxNode | null, depth = 0): string | undefined {
  const node = unwrapExpression(input);
  if (!node || depth > 4) return undefined;
  const literal = stringValue(node) ?? interpolated(definitions, node, depth);
  if (literal !== undefined) return literal;
  if (node.type === 'identifier' || node.type === 'attribute' || node.type === 'member_expression') {
    const path = memberPath(node);
    for (const d of path ? definitions.definitionsOf(path.join('.'), node) : []) {
      const s = constantString(definitions, d, depth + 1);
      if (s !== undefined) return s;
    }
    return undefined;
  }
  if (node.type === 'binary_expression' || node.type === 'binary_operator') {
    // `process.env.BASE ?? "https://…"`, `os.getenv("X") or "https://…"`: the literal fallback.
    if (/^(\?\?|\|\|)$/.test(node.childForFieldName('operator')?.text ?? '')) {
      return (
        constantString(definitions, node.childForFieldName('left'), depth + 1) ??
        constantString(definitions, node.childForFieldName('right'), depth + 1)
      );
    }
    const left = constantString(definitions, node.childForFieldName('left'), depth + 1);
    const right = constantString(definitions, node.childForFieldName('right'), depth + 1);
    if (left !== undefined || right !== undefined) return (left ?? '{}') + (right ?? '{}');
  }
  // `os.environ.get("X", "https://...")`, `process.env.X ?? "..."`, `os.getenv("X", default)`
  if (isCall(node)) {
    const args = argumentsOf(node);
    if (args.positional.length >= 2) return constantString(definitions, args.positional[1], depth + 1);
  }
  if (node.type === 'boolean_operator' || node.type === 'ternary_expression') {
    for (const c of node.namedChildren) {
      const s = constantString(definitions, c, depth + 1);
      if (s !== undefined) return s;
    }
  }
  if (node.type === 'dictionary') return undefined;
  return undefined;
}

/**
 * An f-string or template literal with each `{name}` / `${name}` replaced by the constant it
 * names when one is known (`f"{BASE}/v1/messages"` → `https://api.anthropic.com/v1/messages`).
 */
function interpolated(definitions: DefinitionSource, node: SyntaxNode, depth: number): string | undefined {
  if (node.type === 'concatenated_string') {
    return node.namedChildren.map((c) => (c && interpolated(definitions, c, depth)) ?? '').join('');
  }
  if (node.type !== 'string' && node.type !== 'template_string') return undefined;
  const holes = node.namedChildren.filter((c) => c && (c.type === 'interpolation' || c.type === 'template_substitution')) as SyntaxNode[];
  let text = node.text;
  for (const hole of holes.reverse()) {
    const expression = hole.namedChildren.find((c) => c && c.type !== 'format_specifier' && c.type !== 'type_conversion') ?? null;
    const value = constantString(definitions, expression, depth + 1);
    const start = hole.startIndex - node.startIndex;
    const end = hole.endIndex - node.startIndex;
    if (value !== undefined) text = text.slice(0, start) + value + text.slice(end);
  }
  return stripQuotes(text);
}

/** `base_url=` / `baseURL:` / `host=` / `endpoint=` given to a client constructor. */
export function hostFromClientArguments(definitions: DefinitionSource, call: SyntaxNode): string | undefined {
  const args = argumentsOf(call);
  for (const key of ['base_url', 'baseURL', 'baseUrl', 'api_base', 'azure_endpoint', 'endpoint', 'host', 'openai_api_base']) {
    const node = args.named.get(key);
    const url = node ? constantString(definitions, node) : undefined;
    if (url) return hostOf(url);
  }
  return undefined;
}

/** The provider a call's declared `model_provider` or model name points at, else `fallback`. */
export function providerFromModelArguments(definitions: DefinitionSource, call: SyntaxNode, fallback: ProviderId): ProviderId {
  const args = argumentsOf(call);
  // `init_chat_model("gpt-4o", model_provider="openai")`; litellm's batch and file calls: `custom_llm_provider="openai"`.
  const declared = constantString(
    definitions,
    args.named.get('model_provider') ?? args.named.get('modelProvider') ?? args.named.get('custom_llm_provider') ?? null,
  );
  const byDeclared = declared ? MODEL_PREFIX_PROVIDERS[declared.toLowerCase()] : undefined;
  if (byDeclared) return byDeclared;
  const backend = constantString(definitions, args.named.get('backend') ?? null);
  const byBackend = backend ? MODEL_PREFIX_PROVIDERS[backend.toLowerCase()] : undefined;
  if (byBackend) return byBackend;
  const model = constantString(
    definitions,
    args.named.get('model') ?? args.named.get('model_name') ?? args.named.get('modelName') ?? args.positional[0] ?? null,
  );
  return (model ? providerForModelName(model) : undefined) ?? fallback;
}

export function hostOf(url: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#{}\s]+)/i.exec(url.trim());
  return m ? m[1].replace(/^[^@]*@/, '').toLowerCase() : undefined;
}
