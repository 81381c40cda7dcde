// Factories of workspace objects: `def make_summarizer(): return Summarizer(anthropic.Anthropic())`
// and the names they fill (`summarizer = make_summarizer()`). A method called on such a name is a
// method of the class the factory returns, which may live in yet another module.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { Resolver } from './resolver';
import { constructedClass } from './call-arguments';
import { calleeOf, identifiersIn, isCall, isFunctionNode, memberPath, unwrapExpression, walk } from './syntax';

/** Wrappers of a declared return type that still name the class inside. */
const RETURN_TYPE_WRAPPERS = /^(?:Promise|Awaitable|Optional|Coroutine)\s*[<[]\s*(?:[\w.]+\s*,\s*)*([A-Z][\w]*)\s*[>\]]$/;

/**
 * The class every `return` of the function constructs (`return new DigestWriter(openai)`), or the
 * class its return type names (`-> Summarizer`, `: Promise<DigestWriter>`).
 */
export function returnedInstance(fn: SyntaxNode): string | undefined {
  const declared = fn.childForFieldName('return_type')?.text.replace(/^:\s*/, '').trim();
  if (declared) {
    const named = /^[A-Z]\w*$/.test(declared) ? declared : RETURN_TYPE_WRAPPERS.exec(declared)?.[1];
    if (named) return named;
  }
  const made = new Set<string>();
  let other = false;
  walk(fn, (n) => {
    if (n !== fn && isFunctionNode(n)) return false;
    if (other || n.type !== 'return_statement') return;
    const value = unwrapExpression(n.namedChildren[0] ?? null);
    const cls = value ? (constructedClass(value) ?? (value.type === 'identifier' ? assignedClass(fn, value.text) : undefined)) : undefined;
    if (cls) made.add(cls);
    else if (value) other = true;
  });
  return !other && made.size === 1 ? [...made][0] : undefined;
}

/**
 * `if hosted: generator = ApiCaller(model) else: generator = pipeline(...)` then `return generator`:
 * the one workspace class the function's assignments to `name` construct. The other branches make
 * library objects (a local pipeline); callers of the factory may hold an object of that class.
 */
function assignedClass(fn: SyntaxNode, name: string): string | undefined {
  const made = new Set<string>();
  let rebuilt = false;
  walk(fn, (n) => {
    if (rebuilt || (n !== fn && isFunctionNode(n))) return false;
    if (n.type !== 'assignment' && n.type !== 'assignment_expression' && n.type !== 'variable_declarator') return;
    const left = n.childForFieldName('left') ?? n.childForFieldName('name');
    const right = unwrapExpression(n.childForFieldName('right') ?? n.childForFieldName('value'));
    if (left?.text !== name || !right) return;
    // `df = clean(df)`: the object is made into something else before it is returned.
    if (identifiersIn(right).includes(name)) rebuilt = true;
    const cls = constructedClass(right);
    if (cls) made.add(cls);
  });
  return !rebuilt && made.size === 1 ? [...made][0] : undefined;
}

/**
 * The function a name was made by (`summarizer = make_summarizer()`), when its definition calls
 * one that is not a class: the name holds whatever that factory returns.
 */
export function factoryMade(name: SyntaxNode, resolver: Resolver): string[] | undefined {
  for (const def of resolver.definitionsOf(name.text, name)) {
    const value = unwrapExpression(def) ?? def;
    if (!isCall(value) || value.type === 'new_expression') continue;
    const path = memberPath(calleeOf(value));
    if (path && path.length <= 2 && !/^[A-Z]/.test(path[path.length - 1])) return path;
  }
  return undefined;
}
