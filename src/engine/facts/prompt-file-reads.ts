// Prompt templates kept beside the code (`prompts/cot.txt`, `templates/judge.jinja`,
// `prompts/{task}.md`) and read at run time: the prompt text is not in the code, so the reads are
// recorded with the path they name, and the scan reads those files for prompt features
// (../prompt-files.ts). A path is built from literals, constants, `__file__`/`__dirname` and
// path joins; an interpolated part is a wildcard (`prompts/*.md`).
import type { SyntaxNode } from '../parse/syntax-tree';
import type { FileFacts, PromptFileRead } from '../types';
import type { Resolver } from './resolver';
import { calleeOf, isCall, memberPath, rangeOf, walk } from './syntax';

/** Extensions prompt templates are kept in. */
const TEMPLATE_FILE = /\.(?:txt|md|markdown|jinja2?|j2|ya?ml|prompt|tmpl|tpl|hbs|mustache|liquid)$/i;
/** Calls that build a path from their arguments rather than read it. */
const PATH_BUILDERS = /^(?:join|resolve|Path|PurePath|PosixPath|joinpath|URL|fileURLToPath|normalize|dirname|abspath|realpath)$/;
/** Calls and modes that write a file: an output path, not a template. */
const WRITERS =
  /^(?:writeFileSync|writeFile|write_text|write_bytes|appendFileSync|appendFile|createWriteStream|dump|to_csv|to_json|savefig)$/;
const WRITE_MODE = /^[rbt+]*[wax]/;
/** Where a path starts from the file's own folder. */
const FILE_DIR = /^(?:__file__|__dirname|__filename|import\.meta\.(?:url|dirname|filename))$/;
const MAX_SEGMENT_DEPTH = 4;

/** A string's literal text, quotes removed. */
function literalText(node: SyntaxNode): string {
  return node.text.replace(/^[rRbBuUfF]{0,2}(["'`]{1,3})|(["'`]{1,3})$/g, '');
}

function isString(node: SyntaxNode): boolean {
  return node.type === 'string' || node.type === 'template_string' || node.type === 'concatenated_string';
}

/** Definitions worth following into a path: strings, joins and calls, not the collection a loop walks. */
const PATH_VALUES = new Set([
  'string',
  'template_string',
  'concatenated_string',
  'binary_operator',
  'binary_expression',
  'call',
  'call_expression',
  'new_expression',
  'attribute',
  'member_expression',
  'identifier',
  'parenthesized_expression',
]);

interface PathState {
  fromFileDir: boolean;
}

/** A string's path text: fragments as written, interpolations by their value or `*`. */
function stringPath(node: SyntaxNode, resolver: Resolver, depth: number, state: PathState): string {
  if (node.type === 'concatenated_string') return node.namedChildren.map((c) => stringPath(c, resolver, depth, state)).join('');
  const holes = node.namedChildren.filter((c) => c.type === 'interpolation' || c.type === 'template_substitution');
  if (!holes.length) return literalText(node);
  let out = '';
  for (const child of node.namedChildren) {
    if (child.type === 'interpolation' || child.type === 'template_substitution') {
      const inner = child.namedChildren[0];
      out += inner ? pathOf(inner, resolver, depth + 1, state) : '*';
    } else if (child.type === 'string_content' || child.type === 'string_fragment' || child.type === 'escape_sequence') out += child.text;
  }
  return out;
}

/** The path an expression builds, `*` for what the code does not fix; notes a start at the file's folder. */
function pathOf(expr: SyntaxNode, resolver: Resolver, depth: number, state: PathState): string {
  if (depth > MAX_SEGMENT_DEPTH) return '*';
  if (isString(expr)) return stringPath(expr, resolver, depth, state);
  if (FILE_DIR.test(expr.text)) {
    state.fromFileDir = true;
    return '';
  }
  if (expr.type === 'parenthesized_expression') return expr.namedChildren[0] ? pathOf(expr.namedChildren[0], resolver, depth, state) : '*';
  if (expr.type === 'identifier') {
    const def = resolver.definitionsOf(expr.text, expr)[0];
    return def && PATH_VALUES.has(def.type) ? pathOf(def, resolver, depth + 1, state) : '*';
  }
  // `Path(__file__).parent`: the file's folder.
  if ((expr.type === 'attribute' || expr.type === 'member_expression') && /\.parent$/.test(expr.text)) {
    const object = expr.childForFieldName('object');
    return object ? pathOf(object, resolver, depth, state) : '*';
  }
  if (expr.type === 'binary_operator' || expr.type === 'binary_expression') {
    const left = expr.childForFieldName('left');
    const right = expr.childForFieldName('right');
    const operator = expr.childForFieldName('operator')?.text ?? (/\s\/\s/.test(expr.text) ? '/' : '+');
    if (!left || !right || (operator !== '/' && operator !== '+')) return '*';
    return pathOf(left, resolver, depth, state) + (operator === '/' ? '/' : '') + pathOf(right, resolver, depth, state);
  }
  if (isCall(expr)) {
    const name = calleeName(expr) ?? '';
    if (name === 'cwd' || name === 'getcwd') return '';
    if (!PATH_BUILDERS.test(name)) return '*';
    const args = (expr.childForFieldName('arguments')?.namedChildren ?? []).map((a) => pathOf(a, resolver, depth, state));
    // `path.dirname(__file__)`: the folder the file is in.
    return name === 'dirname' ? args.join('/').replace(/\/?[^/]*$/, '') : args.join('/');
  }
  return '*';
}

/** A call's last name (`read_text` of `p.read_text()`, `join` of `path.join(…)`). */
function calleeName(call: SyntaxNode): string | undefined {
  const path = memberPath(calleeOf(call));
  if (path) return path[path.length - 1];
  const callee = calleeOf(call);
  return (callee?.childForFieldName('attribute') ?? callee?.childForFieldName('property'))?.text;
}

/** Whether a read call opens its file for writing (`open(p, "w")`, `fs.writeFileSync(p, …)`). */
function writes(call: SyntaxNode): boolean {
  if (WRITERS.test(calleeName(call) ?? '')) return true;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  return args.some((a, i) => {
    const value = a.type === 'keyword_argument' ? a.childForFieldName('value') : i === 1 ? a : null;
    return !!value && isString(value) && WRITE_MODE.test(literalText(value)) && literalText(value).length <= 3;
  });
}

/** The outermost expression that builds the path around a template file name, and the call that uses it. */
function pathExpression(node: SyntaxNode): { expr: SyntaxNode; use?: SyntaxNode } {
  let expr = node;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'binary_operator' || p.type === 'binary_expression' || p.type === 'parenthesized_expression') {
      expr = p;
      continue;
    }
    if (p.type === 'arguments' || p.type === 'argument_list') {
      const call = p.parent;
      if (call && isCall(call) && PATH_BUILDERS.test(calleeName(call) ?? '')) {
        expr = call;
        p = call;
        continue;
      }
      return { expr, use: call ?? undefined };
    }
    // `(PROMPTS / "cot.txt").read_text()`, `Path("p.md").read_text()`: a method of the path.
    if ((p.type === 'attribute' || p.type === 'member_expression') && p.parent && isCall(p.parent)) return { expr, use: p.parent };
    return { expr };
  }
  return { expr };
}

/** The name a value is assigned to (`COT = Path(…).read_text()`, `const judge = readFileSync(…)`). */
function assignedTo(node: SyntaxNode): string | undefined {
  let p = node.parent;
  for (let i = 0; p && i < 3 && /await|parenthesized|call|attribute|member/.test(p.type); i++) p = p.parent;
  if (p?.type !== 'assignment' && p?.type !== 'variable_declarator') return undefined;
  const left = p.childForFieldName('left') ?? p.childForFieldName('name');
  return left?.type === 'identifier' ? left.text : undefined;
}

function normalise(path: string): string {
  return path
    .replace(/\/{2,}/g, '/')
    .replace(/(^|\/)\.\//g, '$1')
    .replace(/^\//, '');
}

/** Prompt template files the code reads (or names in a constant), with the path each names. */
export function collectPromptFileReads(root: SyntaxNode, resolver: Resolver, facts: FileFacts): void {
  const reads: PromptFileRead[] = [];
  walk(root, (node) => {
    if (!isString(node)) return;
    const text = literalText(node);
    if (text.length > 200 || !TEMPLATE_FILE.test(text) || /\s|^[a-z]+:\/\//i.test(text)) return false;
    const { expr, use } = pathExpression(node);
    if (use && writes(use)) return false;
    const state: PathState = { fromFileDir: false };
    const path = normalise(pathOf(expr, resolver, 0, state));
    if (!TEMPLATE_FILE.test(path) || path.startsWith('*')) return false;
    const read: PromptFileRead = { range: rangeOf(use ?? expr), path };
    if (state.fromFileDir) read.fromFileDir = true;
    const name = assignedTo(use ?? expr);
    if (name) read.assignedTo = name;
    reads.push(read);
    return false;
  });
  if (reads.length) facts.promptFileReads = reads;
}
