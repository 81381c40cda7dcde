// One pass over a parsed file → its FileFacts: provider call sites with their repetition context,
// functions and the calls they make (for cross-file wrappers), sinks, and workload signals.
import type { SyntaxNode, SyntaxTree } from '../parse/syntax-tree';
import type { CallSite, FileFacts, FunctionFacts, ImportedPick, Language, LocalCall } from '../types';
import type { ImportBinding } from './bindings';
import { flowSummaryFor } from '../flow-summaries';
import { Resolver, enclosingFunctionNode } from './resolver';
import { buildCallSite } from './callsites';
import { batchCallRepetition, insideLimiter, repetitionAround, taskBatchRepetition } from './repetition';
import { resolveHttpCall } from './http';
import { ownRouteRequest } from './route-requests';
import {
  argumentsOf,
  calleeOf,
  enclosingClassName,
  functionName,
  isCall,
  isFunctionNode,
  memberPath,
  rangeOf,
  unwrapExpression,
  walk,
} from './syntax';
import { SDKS } from '../providers';
import { collectSinks } from './sinks';
import { collectSignals } from './signals';
import { collectComments } from './comments';
import { parametersOf, type ParameterName } from './parameters';
import { callArguments, definedInstance, dropUnknownFunctionArguments, elementInstance, parameterCallee } from './call-arguments';
import { factoryMade, returnedInstance } from './factories';
import { pooledObjectClass } from './pooled-objects';
import { functionValueOf } from './function-values';
import { evalRunnerRepetition } from './eval-runner-calls';
import { jobDriverRepetition } from './job-driver-calls';
import { launchedScript } from './script-launches';
import { collectPromptFileReads } from './prompt-file-reads';
import { definedFunctions, moduleFunctionTables, returnedFunctions, tableCallee } from './function-tables';
import { branchOf } from './branches';
import { collectClasses } from './classes';

const MAIN_GUARD = /^if\s+__name__\s*==\s*["']__main__["']\s*:/m;
const TEST_CODE = /^\s*(async\s+)?def\s+test_|^\s*class\s+Test\w*|\bimport\s+(pytest|unittest)\b|\bfrom\s+(pytest|unittest)\b/m;
const TEST_FILE = /(^|\/)(tests?|__tests__|spec)\/|(_test|\.test|\.spec|_spec)\.[a-z]+$|(^|\/)test_[^/]*\.py$|conftest\.py$/;
const HANDLER_HINT = new RegExp(
  String.raw`@(app|router|bp|blueprint|api)\.(get|post|put|patch|delete|route|websocket)|` +
    String.raw`\bexport\s+(async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b|` +
    String.raw`\b(app|router|server|fastify)\.(get|post|put|patch|delete|all|route)\s*\(|\bNextResponse\b|\bNextRequest\b|` +
    String.raw`\bexport\s+const\s+(GET|POST)\b|\brequest\.json\(\)|\breq\.body\b|'use server'|"use server"|@(api_view|csrf_exempt)|` +
    String.raw`def\s+\w+\(request\b|\bAPIRouter\b|\bFastAPI\(|\bFlask\(|express\(\)|\bHono\b|\bonRequest\b|\bhandler\s*=|` +
    String.raw`exports\.handler|\bWebSocket\b|\bslack_bolt\b|\bdiscord\b|@bot\.|@client\.event|` +
    String.raw`\bst\.(chat_input|text_input|button)|\bgr\.(Interface|ChatInterface|Blocks)\b`,
);
/** Names request handlers go by (`POST`, `handleChat`, `onMessage`, `chatRoute`). */
const HANDLER_NAME = new RegExp(
  String.raw`^(GET|POST|PUT|PATCH|DELETE|handler|handle\w*|on\w+|\w*[Rr]oute|\w*[Cc]ontroller|\w*Action|chat|respond|reply|` +
    String.raw`answer|view|api\w*)$`,
);

export function extractFacts(file: string, language: Language, tree: SyntaxTree, text: string): FileFacts {
  const root = tree.rootNode;
  const resolver = new Resolver(root, language);
  // A script kept under tests/ that runs as a program (`if __name__ == "__main__":` and no test
  // functions) is a job, not a test suite.
  const isTestFile = TEST_FILE.test(file.replace(/\\/g, '/')) && !(MAIN_GUARD.test(text) && !TEST_CODE.test(text));
  const hasRequestHandlers = HANDLER_HINT.test(text);
  const facts: FileFacts = {
    file,
    language,
    callSites: [],
    functions: [],
    localCalls: [],
    imports: resolver.imports.map((i) => ({ ...i })),
    sinks: [],
    training: [],
    credentials: [],
    retries: [],
    promptFeatures: [],
    annotations: [],
    suppressions: [],
    hasSyntaxErrors: tree.hasError,
    isTestFile,
    hasRequestHandlers,
    dataFiles: dataFilesIn(text),
  };
  const dataFolders = dataFoldersIn(text);
  if (dataFolders.length) facts.dataFolders = dataFolders;
  const classes = collectClasses(root);
  if (classes.length) facts.classes = classes;
  const functionsByNode = new Map<number, FunctionFacts>();
  const importedNames = new Map(resolver.imports.map((i) => [i.localName, i]));

  walk(root, (node) => {
    if (isFunctionNode(node)) {
      const name = functionName(node);
      if (name) {
        const cls = enclosingClassName(node);
        const fn: FunctionFacts = {
          name,
          qualifiedName: cls && node.type !== 'arrow_function' ? `${cls}.${name}` : cls ? `${cls}.${name}` : name,
          range: rangeOf(node),
          exported: isExported(node, language, name),
          calls: [],
        };
        if (node.parent?.type === 'export_statement' && /^export\s+default\b/.test(node.parent.text)) fn.defaultExport = true;
        const params = positionalNames(parametersOf(node, language));
        if (params.length) fn.params = params;
        const returned = returnedFunctions(node, resolver, importedNames);
        if (returned) fn.returnsFunctions = returned;
        const instance = returnedInstance(node);
        if (instance) fn.returnsInstanceOf = instance;
        functionsByNode.set(node.id, fn);
        facts.functions.push(fn);
      }
      return;
    }
    if (!isCall(node)) return;
    const picked = importedPick(node, importedNames);
    if (picked) (facts.importedPicks ??= []).push(picked);
    const resolved = resolver.evaluateCall(node);
    const enclosing = namedEnclosingFunction(node, functionsByNode);
    const context = {
      enclosingFunction: enclosing?.qualifiedName,
      repetition: repetitionAround(node, resolver),
      inRequestHandler: hasRequestHandlers && (isHandlerFunction(node) || !enclosing),
      inTest: isTestFile || /^test_|^test[A-Z]/.test(enclosing?.name ?? ''),
    };
    const branch = branchOf(node);
    if (branch) Object.assign(context, { branch });
    if (insideLimiter(node)) Object.assign(context, { underLimiter: true });
    if (resolved && !('kind' in resolved)) {
      const site = buildCallSite({ file, call: node, provider: resolved.provider, api: resolved.api, host: resolved.host, resolver });
      const walked =
        'iterates' in resolved.member && resolved.member.iterates !== undefined
          ? batchCallRepetition(node, resolved.member.iterates, resolver)
          : undefined;
      pushSite(facts.callSites, {
        ...site,
        ...context,
        repetition: walked ? [walked, ...context.repetition] : context.repetition,
        resultName: assignedName(node),
      });
      // `generator = load_generator(kind); generator(prompt)`: a local pipeline in one branch of the
      // factory, an object of a workspace class calling a hosted API in another. Its `__call__` runs too.
      const callable = resolved.provider === 'local' ? callableFromFactory(node, importedNames, resolver) : undefined;
      if (callable) {
        const call = { ...callable, range: rangeOf(node), ...context, resultName: assignedName(node) } as LocalCall;
        facts.localCalls.push(call);
        enclosing?.calls.push(call);
      }
      return;
    }
    if (resolved?.kind === 'workspace' || resolved?.kind === 'param') {
      // `client.messages.create()` on a client imported from another workspace file, or on a
      // parameter: kept with an unknown provider until the workspace index knows what that file
      // exports, or what the callers pass.
      if (mayBeProviderCall(resolved.ref.segments)) {
        const site = {
          ...buildCallSite({ file, call: node, provider: 'unknown', api: 'other', resolver }),
          ...context,
          resultName: assignedName(node),
        };
        (facts.deferredCalls ??= []).push(resolved.kind === 'param' ? { param: resolved.ref, site } : { ref: resolved.ref, site });
      }
    } else if (resolved) return; // an SDK object being constructed, not a call
    const http = resolveHttpCall(node, resolver);
    if (http) {
      const site = buildCallSite({ file, call: node, provider: http.provider, api: http.api, host: http.host, resolver });
      pushSite(facts.callSites, { ...site, ...context, resultName: assignedName(node) });
      return;
    }
    const requestsRoute = ownRouteRequest(node, resolver);
    if (requestsRoute) {
      const call: LocalCall = { name: `route:${requestsRoute.path}`, requestsRoute, range: rangeOf(node), ...context };
      facts.localCalls.push(call);
      enclosing?.calls.push(call);
      return;
    }
    // `worker = partial(ask, client)` then `worker(row)`: a call to `ask`, its bound arguments first.
    const alias = calleeOf(node)?.type === 'identifier' ? functionValueOf(calleeOf(node), resolver) : undefined;
    // `handlers[kind](row)`, `for judge in judges: judge(item)`: a call through a table of functions.
    const table = alias ? undefined : tableCallee(node, resolver, importedNames);
    if (table) {
      const args = callArguments(node, resolver, importedNames, 0);
      const base = { range: rangeOf(node), ...context, resultName: assignedName(node), dispatch: true, ...(args.length ? { args } : {}) };
      const calls: LocalCall[] =
        'param' in table
          ? [{ name: calleeOf(node)?.text ?? '', calleeTable: table.param, ...base } as LocalCall]
          : 'imported' in table
            ? [{ ...table.imported, fromTable: true, ...base } as LocalCall]
            : table.members.map((m) => ({ ...m, ...base }) as LocalCall);
      for (const call of calls) {
        facts.localCalls.push(call);
        enclosing?.calls.push(call);
      }
    }
    // `get_api_function(provider)(x)`, `judge = make_judge(cfg); judge(x)`: a function some call returned.
    const factory = table || alias ? undefined : factoryOfCallee(node, importedNames, resolver);
    const local = table
      ? undefined
      : alias
        ? namedCall(alias.path, importedNames)
        : factory
          ? { ...factory, returnedFunction: true, dispatch: true }
          : localCallOf(node, importedNames, resolver);
    if (local) {
      const { unionAlternatives, ...named } = local as LocalCallShape;
      const call: LocalCall = { ...named, range: rangeOf(node), ...context, resultName: assignedName(node) } as LocalCall;
      // `qa.run_batch(rows)`: the task framework runs `qa` once per row.
      const batched = taskBatchRepetition(node, resolver);
      if (batched) call.repetition = [batched, ...call.repetition];
      if (unionAlternatives) call.dispatch = true;
      if (forwardsResults(node)) call.forwardsResults = true;
      if (!alias) Object.assign(call, parameterCallee(node, resolver));
      const args = [
        ...(alias?.binder ? callArguments(alias.binder, resolver, importedNames, 1) : []),
        ...callArguments(node, resolver, importedNames, 0, alias?.boundPositional ?? 0),
      ];
      if (args.length) call.args = args;
      // `new Error(msg)`, `new Map()`: a construction is only worth linking when it hands something over.
      if (call.constructs && node.type === 'new_expression' && !call.args) return;
      for (const one of [call, ...(unionAlternatives ?? []).map((alternative) => ({ ...call, ...alternative }))]) {
        facts.localCalls.push(one);
        enclosing?.calls.push(one);
      }
    }
    // A workspace script run once per cell of a grid repeats the requests of its entry functions.
    const launches = context.repetition.length ? launchedScript(node, resolver) : undefined;
    if (launches) {
      const launch: LocalCall = { name: launches.path ?? launches.module!, launches, range: rangeOf(node), ...context };
      facts.localCalls.push(launch);
      enclosing?.calls.push(launch);
    }
    // Functions handed to a pool or scheduler run once per item: `executor.map(generate, rows)`.
    // So do functions bound with `partial(generate, client)` or `.bind(this)`, inline or by name.
    for (const arg of argumentsOf(node).positional) {
      const value = functionValueOf(arg, resolver);
      if (!value && arg.type !== 'identifier' && arg.type !== 'attribute' && arg.type !== 'member_expression') continue;
      const path = value?.path ?? memberPath(arg);
      if (!path) continue;
      // `new Worker(queue, summarise)`, `scheduler.add_job(refresh, "interval")`: once per job or tick.
      const driver = jobDriverRepetition(arg, resolver);
      const handed: LocalCall = {
        ...namedCall(path, importedNames),
        range: rangeOf(arg),
        ...context,
        repetition: driver ? [driver, ...context.repetition] : repetitionAround(arg, resolver),
      };
      const bound = value?.binder ? callArguments(value.binder, resolver, importedNames, 1) : [];
      if (bound.length) handed.args = bound;
      // `pool.imap(fn, items)` where `fn` is a parameter: a higher-order helper runs what it is handed per item.
      const handedValue = value ? undefined : resolver.evaluate(arg);
      if (handedValue?.kind === 'param' && !handedValue.ref.segments.length) handed.calleeParam = handedValue.ref;
      if (handed.repetition.length > 0) {
        facts.localCalls.push(handed);
        enclosing?.calls.push(handed);
      }
    }
    // `Eval(name, data=rows, task=answer)`, `evalite(name, { data, task: answer })`: a task handed
    // by name to an evaluation runner runs once per item of the runner's data; a handler handed to
    // a queue consumer (`consumer.run({ eachMessage: handle })`) once per message.
    for (const value of optionValues(node)) {
      if (value.type !== 'identifier' && value.type !== 'attribute' && value.type !== 'member_expression') continue;
      const runner = evalRunnerRepetition(value, resolver) ?? jobDriverRepetition(value, resolver);
      const path = runner && memberPath(value);
      if (!runner || !path) continue;
      const handed: LocalCall = {
        ...namedCall(path, importedNames),
        range: rangeOf(value),
        ...context,
        repetition: [runner, ...context.repetition],
      };
      facts.localCalls.push(handed);
      enclosing?.calls.push(handed);
    }
  });

  // `export default generate;` after the function's definition.
  const defaultName = language === 'python' ? undefined : /\bexport\s+default\s+([A-Za-z_$][\w$]*)\s*;?\s*$/m.exec(text)?.[1];
  if (defaultName) for (const fn of facts.functions) if (fn.qualifiedName === defaultName) fn.defaultExport = true;
  dropUnknownFunctionArguments(facts);
  const exported = resolver.exportedClients();
  if (exported.length) facts.exportedClients = exported;
  const tables = moduleFunctionTables(root, text, resolver, importedNames);
  if (tables) facts.functionTables = tables;
  collectSinks(root, resolver, facts);
  collectSignals(root, text, resolver, facts);
  collectPromptFileReads(root, resolver, facts);
  collectComments(root, text, language, facts);
  return facts;
}

const DATA_FILE = /["'`]([^"'`\n]*?([\w.-]+\.(?:jsonl|ndjson|json|csv|tsv|parquet|arrow|pkl)))["'`]/g;

/** Base names of data files named in string literals. */
function dataFilesIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(DATA_FILE)) {
    out.add(m[2].toLowerCase());
    if (out.size > 50) break;
  }
  return [...out];
}

/** `os.path.join("data", bench, "model_answer", f"{m}.jsonl")`, `f"runs/{run}/judgments/{model}.json"`. */
const PATH_JOIN = /\b(?:os\.path\.join|path\.(?:join|resolve)|Path)\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)/g;
const QUOTED = /(?<![\w[])[fr]?(?:"([^"\n]{1,200})"|'([^'\n]{1,200})'|`([^`\n]{1,200})`)/g;
const quotedText = (m: RegExpMatchArray) => m[1] ?? m[2] ?? m[3];
const SLASHED_PATH = /^[\w.{}$\[\]'"-]*(?:\/[\w.{}$\[\]'"-]*)+$/;
const FOLDER_WORD = /^[A-Za-z][\w-]{3,40}$/;
/** `math500_test.json`: one named file, not a folder of per-item files. */
const LITERAL_FILE = /^[\w-]+\.\w+$/;
/** Folder names too common to tie two files together. */
const GENERIC_FOLDERS = new Set(
  (
    'data datas dataset datasets output outputs out result results tmp temp cache logs log src files file dir dirs path paths ' +
    'home user users config configs models model input inputs assets static public dist build application text image audio video'
  ).split(' '),
);

/**
 * Distinctive folder names of the folders the file's paths point into, when those paths name a
 * folder or files made per item (`data/{bench}/model_answer/{model}.jsonl`, a glob, a folder
 * joined with a variable): a writer of per-model answers and the grader that reads its folder
 * name the same one even when neither spells a file name. A path to one literal file
 * (`ch03/math500_test.json`) is an input both may share; its folders tie nothing together.
 */
function dataFoldersIn(text: string): string[] {
  const out = new Set<string>();
  const add = (segment: string) => {
    if (FOLDER_WORD.test(segment) && !GENERIC_FOLDERS.has(segment.toLowerCase())) out.add(segment.toLowerCase());
  };
  for (const m of text.matchAll(PATH_JOIN)) {
    const literals = [...m[1].matchAll(QUOTED)].filter((q) => !q[0].startsWith('f')).map(quotedText);
    const last = m[1].split(',').pop()!.trim();
    if (literals.some((l) => l.includes('/')) || (/^["']/.test(last) && LITERAL_FILE.test(last.slice(1, -1)))) continue;
    for (const l of literals) add(l);
  }
  for (const q of text.matchAll(QUOTED)) {
    const path = quotedText(q);
    if (!SLASHED_PATH.test(path)) continue;
    const segments = path.split('/');
    if (LITERAL_FILE.test(segments[segments.length - 1])) continue;
    for (const segment of segments) if (!/[{}$[\]'"*]/.test(segment)) add(segment);
    if (out.size > 50) break;
  }
  return [...out];
}

function pushSite(list: CallSite[], site: CallSite): void {
  list.push(site);
}

function namedEnclosingFunction(node: SyntaxNode, functions: Map<number, FunctionFacts>): FunctionFacts | undefined {
  for (let p = enclosingFunctionNode(node); p; p = enclosingFunctionNode(p)) {
    const fn = functions.get(p.id);
    if (fn) return fn;
  }
  return undefined;
}

function isExported(node: SyntaxNode, language: Language, name: string): boolean {
  if (language === 'python') return !name.startsWith('_');
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'export_statement') return true;
    if (p.type === 'program') break;
  }
  return true; // CommonJS `module.exports`, class methods: callable from elsewhere
}

/** Route handlers: functions decorated as routes or named like HTTP verbs / handlers. */
function isHandlerFunction(node: SyntaxNode): boolean {
  for (let fn = enclosingFunctionNode(node); fn; fn = enclosingFunctionNode(fn)) {
    const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent.text.slice(0, 300) : '';
    if (/@\w+\.(get|post|put|patch|delete|route|websocket|event|command|message)\b/.test(decorated)) return true;
    const name = functionName(fn) ?? '';
    if (HANDLER_NAME.test(name)) return true;
    // A Django/DRF function view: `def chat(request): … request.POST … return JsonResponse(…)`.
    const first = fn.childForFieldName('parameters')?.namedChildren[0]?.text ?? '';
    if (
      /^request\b/.test(first) &&
      /\brequest\.(POST|GET|body|data|user|query_params)\b|\b(HttpRequest|JsonResponse|HttpResponse)\b/.test(fn.text.slice(0, 4000))
    )
      return true;
    const call = fn.parent?.parent;
    if (call && isCall(call)) {
      const callee = memberPath(calleeOf(call))?.join('.') ?? '';
      if (/\.(get|post|put|patch|delete|all|route|use|on|handle|command|message|event|action)$/.test(callee)) return true;
    }
  }
  return false;
}

/**
 * The call that made the function being called: `get_api_function(p)` in `get_api_function(p)(x)`,
 * or the one call assigned to the name called (`fn = get_api_function(p)` then `fn(x)`), when it is
 * a plain function call (not a class, an SDK or a `partial`).
 */
function factoryOfCallee(
  call: SyntaxNode,
  imports: Map<string, { source: string; importedName: string }>,
  resolver: Resolver,
): Omit<LocalCall, 'range' | 'repetition'> | undefined {
  const callee = unwrapExpression(calleeOf(call));
  if (!callee) return undefined;
  let made: SyntaxNode | null | undefined = isCall(callee) ? callee : undefined;
  if (!made && callee.type === 'identifier') {
    const definitions = resolver.definitionsOf(callee.text, callee).map((d) => unwrapExpression(d));
    if (definitions.length === 1 && definitions[0] && isCall(definitions[0])) made = definitions[0];
  }
  if (!made || made.type === 'new_expression') return undefined;
  const path = memberPath(calleeOf(made));
  // A class, or a `partial`/`.bind` (a function value, followed as such).
  if (!path || path.length > 2 || /^[A-Z]/.test(path[path.length - 1]) || functionValueOf(made, resolver, false)) return undefined;
  const evaluated = resolver.evaluateCall(made);
  if (evaluated && !('kind' in evaluated)) return undefined;
  const imported = imports.get(path[0]);
  if (imported) {
    if (path.length === 2 && imported.importedName !== '*') return undefined;
    return { name: path.join('.'), importedFrom: imported.source, importedName: path.length === 2 ? path[1] : imported.importedName };
  }
  return path.length === 1 ? { name: path[0] } : undefined;
}

type LocalCallShape = Omit<LocalCall, 'range' | 'repetition'> & {
  /** The same method on the other classes of a union-typed receiver. */
  unionAlternatives?: Omit<LocalCall, 'range' | 'repetition'>[];
};

function localCallOf(
  call: SyntaxNode,
  imports: Map<string, { source: string; importedName: string }>,
  resolver: Resolver,
): LocalCallShape | undefined {
  const callee = calleeOf(call);
  if (!callee) return undefined;
  const path = memberPath(callee);
  if (call.type === 'new_expression' && !(path && path.length <= 2 && /^[A-Z]/.test(path[path.length - 1]))) return undefined;
  if (!path) return constructedReceiverCall(callee, imports) ?? pickedReceiverCall(callee, imports, resolver);
  if (path.length > 3) return undefined;
  const name = path.join('.');
  // `new LlmService(openai)` / `Generator(client)`: the constructor receives the arguments.
  const constructs = call.type === 'new_expression' || (path.length === 1 && /^[A-Z]/.test(name)) ? { constructs: true } : {};
  const imported = imports.get(path[0]);
  if (imported) {
    return {
      name,
      importedFrom: imported.source,
      importedName: path.length > 1 && imported.importedName === '*' ? path[1] : imported.importedName,
      ...constructs,
    };
  }
  if (constructs.constructs) return { name, ...constructs };
  // `grader = Grader(cfg); grader(answer)`: an object called like a function runs its `__call__`.
  const instanceClass = path.length === 1 ? definedInstance(callee, resolver) : undefined;
  if (instanceClass) return methodCall(`${name}.__call__`, instanceClass, '__call__', imports);
  // `this.keyPool.next()` / `llm.complete(x)` on a field or parameter declared as a class: that
  // class's method (dependency injection hands the object over with no call to follow).
  const receiverName = path.slice(0, -1).join('.');
  const declared =
    path.length >= 2 && (path.length === 2 || /^(self|this)$/.test(path[0])) ? resolver.declaredClasses(receiverName, callee) : [];
  if (declared.length) {
    const method = path[path.length - 1];
    const call = methodCall(name, declared[0], method, imports);
    // `judge: VLLMInference | OpenAIInference`: the method of each class of the union, one of which runs.
    return declared.length > 1
      ? { ...call, unionAlternatives: declared.slice(1).map((cls) => methodCall(name, cls, method, imports)) }
      : call;
  }
  // `pool.submit(lambda client, cfg: client.llm_request(cfg), cfg)`: one of the pool's objects.
  const pooled = path.length === 2 ? pooledObjectClass(callee.childForFieldName('object') ?? callee, resolver) : undefined;
  if (pooled) return methodCall(name, pooled, path[1], imports);
  // `rewriter = Rewriter(); rewriter.rewrite(x)`: the method of that class, wherever it is defined.
  // `self.backend = OpenAICompletion(**settings); self.backend.completion(x)`: the same, on a field.
  const receiver =
    (path.length === 2 && path[0] !== 'self' && path[0] !== 'this') || (path.length === 3 && /^(self|this)$/.test(path[0]))
      ? callee.childForFieldName('object')
      : null;
  const made = receiver ? definedInstance(receiver, resolver) : undefined;
  if (made) return methodCall(name, made, path[path.length - 1], imports);
  // `summarizer = make_summarizer(); summarizer.summarize(x)`: a method of what the factory returns.
  const factory = receiver?.type === 'identifier' ? factoryMade(receiver, resolver) : undefined;
  if (factory) return { name, receiverFactory: namedCall(factory, imports) };
  return { name };
}

/** A call to a method of a known class, with where the class was imported from. */
function methodCall(
  name: string,
  cls: string,
  method: string,
  imports: Map<string, { source: string; importedName: string }>,
): Omit<LocalCall, 'range' | 'repetition'> {
  const source = imports.get(cls);
  return source
    ? { name, importedFrom: source.source, importedName: `${source.importedName}.${method}`, receiverClass: cls }
    : { name, receiverClass: cls };
}

/** `new Generator().run(x)` / `Generator(cfg).run(x)`: a method of a class made on the spot. */
function constructedReceiverCall(
  callee: SyntaxNode,
  imports: Map<string, { source: string; importedName: string }>,
): Omit<LocalCall, 'range' | 'repetition'> | undefined {
  const { method, object: made } = methodOn(callee);
  if (!method || !made || (made.type !== 'new_expression' && !isCall(made))) return undefined;
  const cls = memberPath(made.type === 'new_expression' ? made.childForFieldName('constructor') : calleeOf(made));
  if (!cls || cls.length !== 1 || !/^[A-Z]/.test(cls[0])) return undefined;
  const name = `${cls[0]}.${method}`;
  const source = imports.get(cls[0]);
  return source
    ? { name, importedFrom: source.source, importedName: `${source.importedName}.${method}`, receiverClass: cls[0] }
    : { name, receiverClass: cls[0] };
}

/** A name called like a function whose value a workspace factory made: that object's `__call__`. */
function callableFromFactory(
  call: SyntaxNode,
  imports: Map<string, { source: string; importedName: string }>,
  resolver: Resolver,
): Omit<LocalCall, 'range' | 'repetition'> | undefined {
  const callee = calleeOf(call);
  if (callee?.type !== 'identifier') return undefined;
  const factory = factoryMade(callee, resolver);
  // A workspace factory: a library's (`pipe = pipeline(...)`) makes only library objects.
  const source = factory ? imports.get(factory[0])?.source : undefined;
  if (!factory || (source !== undefined && !source.startsWith('.'))) return undefined;
  if (source === undefined && (factory.length > 1 || !definedFunctions(call).has(factory[0]))) return undefined;
  return { name: `${callee.text}.__call__`, receiverFactory: namedCall(factory, imports) };
}

/** The method name and the object of a callee that calls a method on an expression (`made().run`, `xs[i].run`). */
function methodOn(callee: SyntaxNode): { method?: string; object?: SyntaxNode | null } {
  if (callee.type !== 'member_expression' && callee.type !== 'attribute') return {};
  const method = (callee.childForFieldName('property') ?? callee.childForFieldName('attribute'))?.text;
  return { method, object: unwrapExpression(callee.childForFieldName('object')) };
}

/** `workers[i % len(workers)].answer(x)`: a method of the class whose objects the collection holds. */
function pickedReceiverCall(
  callee: SyntaxNode,
  imports: Map<string, { source: string; importedName: string }>,
  resolver: Resolver,
): Omit<LocalCall, 'range' | 'repetition'> | undefined {
  const { method, object: picked } = methodOn(callee);
  if (!method || (picked?.type !== 'subscript' && picked?.type !== 'subscript_expression')) return undefined;
  const cls = elementInstance(picked, resolver);
  return cls ? methodCall(`${cls}.${method}`, cls, method, imports) : undefined;
}

/** A call to a function known by its dotted name, with where its head was imported from. */
function namedCall(
  path: string[],
  imports: Map<string, { source: string; importedName: string }>,
): Pick<LocalCall, 'name' | 'importedFrom' | 'importedName'> {
  const imported = imports.get(path[0]);
  const name = path.join('.');
  if (!imported) return { name };
  return {
    name,
    importedFrom: imported.source,
    importedName: path.length > 1 && imported.importedName === '*' ? path[1] : imported.importedName,
  };
}

/** Parameter names by position; '' where a destructured options object binds several. */
function positionalNames(params: ParameterName[]): string[] {
  const out: string[] = [];
  for (const p of params) if (p.index >= 0) out[p.index] = p.key ? '' : p.name;
  return Array.from(out, (n) => n ?? '');
}

/** The method names any SDK call ends in: a cheap gate before recording a deferred call. */
const PROVIDER_METHODS = new Set(
  SDKS.flatMap((sdk) =>
    [...Object.keys(sdk.exports), ...Object.values(sdk.types).flatMap((members) => Object.keys(members))].map(
      (key) => key.split('.').pop()!,
    ),
  ),
);

function mayBeProviderCall(segments: string[]): boolean {
  const named = segments.filter((s) => s !== '()');
  return named.length > 0 && PROVIDER_METHODS.has(named[named.length - 1]) && segments[segments.length - 1] === '()';
}

/**
 * Whether the enclosing function hands the call's results on as its own: `return f(x)`,
 * `yield from f(x)`, `yield* f(x)`, or a loop over `f(x)` that yields its variable
 * (`async for item in f(x): yield item`, `for await (const item of f(x)) yield item`).
 */
function forwardsResults(call: SyntaxNode): boolean {
  let child = call;
  let p = call.parent;
  while (p && (p.type === 'await' || p.type === 'await_expression' || p.type === 'parenthesized_expression')) {
    child = p;
    p = p.parent;
  }
  if (!p) return false;
  if (p.type === 'return_statement') return true;
  if (p.type === 'yield' || p.type === 'yield_expression') return /^yield\s*(from\b|\*)/.test(p.text);
  if (p.type !== 'for_statement' && p.type !== 'for_in_statement') return false;
  if (p.childForFieldName('right')?.id !== child.id) return false;
  const variable = p.childForFieldName('left')?.text.replace(/^(const|let|var)\s+/, '');
  const body = p.childForFieldName('body');
  if (!variable || !body) return false;
  let yielded = false;
  walk(body, (n) => {
    if (yielded || isFunctionNode(n)) return false;
    if ((n.type === 'yield' || n.type === 'yield_expression') && n.namedChildren[0]?.text === variable) yielded = true;
  });
  return yielded;
}

/** `x = call(...)` / `const x = await call(...)`: the variable the result lands in. */
function assignedName(call: SyntaxNode): string | undefined {
  let p = call.parent;
  for (let i = 0; p && i < 4; i++, p = p.parent) {
    if (p.type === 'assignment' || p.type === 'assignment_expression') return memberPath(p.childForFieldName('left'))?.join('.');
    if (p.type === 'variable_declarator') {
      const name = p.childForFieldName('name');
      return name?.type === 'identifier' ? name.text : undefined;
    }
    if (p.type !== 'await' && p.type !== 'await_expression' && p.type !== 'parenthesized_expression') return undefined;
  }
  return undefined;
}

/** Values handed to a call by keyword (`task=answer`) or in an options object (`{ task: answer }`). */
function optionValues(call: SyntaxNode): SyntaxNode[] {
  const args = argumentsOf(call);
  const out = [...args.named.values()];
  for (const arg of args.positional) {
    if (arg.type !== 'object') continue;
    for (const pair of arg.namedChildren) {
      const value = pair?.type === 'pair' ? pair.childForFieldName('value') : undefined;
      if (value) out.push(value);
    }
  }
  return out;
}

/** `next(llm_cycle)`, `random.choice(KEYS)` where the name is imported: a pick from another file's collection. */
function importedPick(call: SyntaxNode, importedNames: Map<string, ImportBinding>): ImportedPick | undefined {
  const path = memberPath(calleeOf(call));
  const row = path ? flowSummaryFor(path) : undefined;
  if (!row?.picks || row.takes !== 'argument') return undefined;
  const arg = unwrapExpression(argumentsOf(call).positional[row.argument ?? 0] ?? null);
  const binding = arg?.type === 'identifier' ? importedNames.get(arg.text) : undefined;
  if (!binding || binding.importedName === '*') return undefined;
  return { localName: binding.localName, source: binding.source, importedName: binding.importedName, range: rangeOf(call) };
}
