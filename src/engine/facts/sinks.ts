// Sinks: where a file writes data (jsonl/json/csv/parquet/pickle files, HF datasets, DB inserts),
// and whether what it writes comes from a model call (light in-file data-flow).
import { callsStandardLibrary } from '../standard-library';
import { collectExclusiveArms } from './exclusive-arms';
import type { SyntaxNode } from '../parse/syntax-tree';
import type { FileFacts, FunctionFacts, LocalCall, ProviderId, Sink, SinkFormat } from '../types';
import { providerForModelName } from '../providers';
import type { Resolver } from './resolver';
import { repetitionAround } from './repetition';
import { argumentsOf, calleeOf, identifiersIn, isCall, memberPath, rangeOf, truncate, unwrapExpression, walk } from './syntax';
import { enclosingFunctionNode } from './resolver';
import { functionName, isFunctionNode } from './syntax';

/**
 * Module-level writers: the format they write, and `targetFirst` when their first argument is where
 * they write and the rest what (`fs.writeFileSync(path, data)`; `json.dump(obj, f)` is the other way).
 */
interface WriteFunction {
  format: SinkFormat | 'by-target';
  targetFirst?: true;
}

const WRITE_FUNCTIONS: Record<string, WriteFunction> = {
  'json.dump': { format: 'json' },
  'pickle.dump': { format: 'pickle' },
  'joblib.dump': { format: 'pickle' },
  'torch.save': { format: 'pickle' },
  'np.save': { format: 'unknown', targetFirst: true },
  'fs.appendFileSync': { format: 'by-target', targetFirst: true },
  'fs.writeFileSync': { format: 'by-target', targetFirst: true },
  'fs.appendFile': { format: 'by-target', targetFirst: true },
  'fs.writeFile': { format: 'by-target', targetFirst: true },
  'fs.promises.appendFile': { format: 'by-target', targetFirst: true },
  'fs.promises.writeFile': { format: 'by-target', targetFirst: true },
  appendFileSync: { format: 'by-target', targetFirst: true },
  writeFileSync: { format: 'by-target', targetFirst: true },
  appendFile: { format: 'by-target', targetFirst: true },
  writeFile: { format: 'by-target', targetFirst: true },
  'Bun.write': { format: 'by-target', targetFirst: true },
  'Deno.writeTextFile': { format: 'by-target', targetFirst: true },
  'srsly.write_jsonl': { format: 'jsonl', targetFirst: true },
  write_jsonl: { format: 'jsonl' },
  save_jsonl: { format: 'jsonl' },
  'jsonlines.open': { format: 'jsonl' },
};
const WRITE_METHODS: Record<string, SinkFormat | 'by-target'> = {
  write: 'by-target',
  writelines: 'by-target',
  // pathlib: `Path(out).write_text(json.dumps(rows))` writes to the path it is called on.
  write_text: 'by-target',
  writerow: 'csv',
  writerows: 'csv',
  writeheader: 'csv',
  to_json: 'json',
  to_csv: 'csv',
  to_parquet: 'parquet',
  to_pickle: 'pickle',
  to_jsonl: 'jsonl',
  to_excel: 'csv',
  push_to_hub: 'dataset',
  save_to_disk: 'dataset',
  insert_one: 'db',
  insert_many: 'db',
  bulk_insert: 'db',
  executemany: 'db',
  add_documents: 'db',
  upsert: 'db',
  insertMany: 'db',
  insertOne: 'db',
  bulkWrite: 'db',
};
const OUTPUT_NAMES = new RegExp(
  '^(resp|response|responses|completion|completions|output|outputs|result|results|answer|answers|generation|' +
    'generations|reply|message|msg|content|text|choice|choices|sample|samples|record|row|entry|item|datum|example|pair)$',
  'i',
);
/** Project helpers that persist records: `save_jsonl(rows, path)`, `utils.write_json(...)`, `dumpJsonl(...)`. */
const WRITE_HELPER = new RegExp(
  '^(save|write|dump|append|store|export|persist)_?(to_?)?(jsonl|json_?lines|json|csv|parquet|records|dataset|data|' +
    'results|outputs|samples|examples|generations|responses|pickle|pkl)$',
  'i',
);
/** Record keys of training data: an input side and an output side, or chat-format messages. */
// A key may carry a qualifier before an underscore (`system_prompt`, `message_thinking`) and a
// plural (`completions`); never a suffix, so usage counts (`prompt_tokens`) are not a side.
const PAIR_INPUT = /["'`]?\b(?:[a-z]+_)?(prompt|instruction|question|input|query|problem|context|system)s?\b["'`]?\s*[:=]/i;
const PAIR_OUTPUT = new RegExp(
  String.raw`["'\x60]?\b(?:[a-z]+_)?(response|output|answer|completion|chosen|rejected|reasoning|thinking|solution|target|` +
    String.raw`generation|rationale)s?\b["'\x60]?\s*[:=]`,
  'i',
);
const CHAT_FORMAT = /["'`]?\brole["'`]?\s*:\s*["'`]assistant["'`]/;
/** A record key or index naming the item answered: `"question_id": …`, `answers[q.id] = …`, `results[row["problem_id"]]`. */
const ITEM_KEY = new RegExp(
  String.raw`["'\x60]?\b(question|item|problem|task|example|sample|case|instance|custom|row|record|entry|doc|document|query|` +
    String.raw`prompt)_?[iI]d\b["'\x60]?\s*[:=]|` +
    String.raw`["'\x60]id["'\x60]\s*:|` +
    String.raw`\w\[\s*\w+\s*(\.|\[["'])\s*((question|item|problem|task|example|sample|case)_?)?id\b[^\]\n]*\]+\s*=[^=]`,
  'i',
);
/**
 * Provider Batch API request records: a `custom_id` beside the request (`body` or `params`), or
 * `method`/`url` lines. Written to a file that is uploaded later, they are the batch itself.
 */
const BATCH_REQUEST_ID = /["'\x60]?\bcustom_?[iI]d\b["'\x60]?\s*[:=]/;
const BATCH_REQUEST_BODY = /["'\x60]?\b(body|params|url)\b["'\x60]?\s*[:=]/;
/** Receivers that are file handles by name: `f`, `fout`, `file_handle`, `out_file`, `f_out`, `writer`. */
const FILE_RECEIVER = /(^|[._])(f|fp|fh|fo|fout|out|outfile|out_f|writer|file|handle|stream|ws|output_file|sink|log)$/i;
const JSON_LINE = /\bjson\.dumps\([\s\S]*\)\s*\+\s*["']\\n["']|JSON\.stringify\([\s\S]*\)\s*\+\s*["'`]\\n["'`]/;
const REASONING = /thinking|reasoning|chain_of_thought|\bcot\b|rationale|thought/i;
/** A value named for what it will train: a training-data noun after a training word (`trainingData`, `sft_rows`). */
const TRAINING_NAME = new RegExp(
  String.raw`(train(ing)?|sft|fine_?tun(e|ing)|distill(ation|ed)?|synthetic|instruct(ion)?s?)_?` +
    '(data|dataset|set|examples|samples|records|pairs|rows)',
  'i',
);
/** Question/answer, instruction or preference pairs: training-shaped records by their name (`qa_pairs`, `QAPairs`). */
const PAIRS_NAME = /(qa|question_?answer|instruction|prompt_?response|preference|dpo|chat|conversation)s?[_-]?pairs/i;
/** A file named for training-shaped records: `{doc}_qa_pairs.json`, `sft/train.jsonl`, `distilled.jsonl`. */
const TRAINING_TARGET = new RegExp(
  `${PAIRS_NAME.source}|` + String.raw`(^|[/_.-])(sft|train|training|fine_?tun(e|ing)|distill(ed|ation)?)([/_.-]|$)`,
  'i',
);
const PATH_OR_HANDLE_NAME = /path|file|dir|dest|handle|writer|stream|url/i;
const TRAJECTORY = /trajector|tool_calls|toolCalls|tool_use|steps|episode|transcript|actions|\btrace\b|messages/i;

export function collectSinks(root: SyntaxNode, resolver: Resolver, facts: FileFacts): void {
  const derived = collectDerivations(root);
  const fills = collectFills(root, new Set(facts.callSites.map((c) => `${c.range.startLine}:${c.range.startColumn}`)));
  const seeds = new Set<string>();
  for (const s of facts.callSites) if (s.resultName) seeds.add(s.resultName);
  // A workspace function may hand on what a model said; the language's own library never does.
  const wrapperCalls = facts.localCalls.filter((c) => !callsStandardLibrary(c));
  const ownFunctions = new Set(facts.functions.map((f) => f.name));
  for (const c of wrapperCalls) {
    if (c.resultName) seeds.add(c.resultName);
    // `out.push({ answers: await bothOpinions(text) })`: a record built around a call to an imported
    // or own function holds its result.
    if (c.importedFrom !== undefined || ownFunctions.has(c.name)) seeds.add(c.name.split('.').pop()!);
  }
  for (const name of namesAssignedFromCalls(root, [...facts.callSites.map((c) => c.range), ...wrapperCalls.map((c) => c.range)]))
    seeds.add(name);
  const tainted = propagate(seeds, derived);
  const handles = fileHandles(root, resolver);
  const sinkNodes: SyntaxNode[] = [];

  walk(root, (node) => {
    if (!isCall(node)) return;
    const callee = calleeOf(node);
    const path = memberPath(callee);
    // `import pickle as pkl; pkl.dump(...)`: the module's own name decides the format.
    const alias = path && path.length >= 2 ? facts.imports.find((i) => i.localName === path[0] && !i.source.startsWith('.')) : undefined;
    const asWritten = path?.join('.') ?? '';
    const aliased = alias ? [alias.source, ...path!.slice(1)].join('.') : '';
    const joined = !Object.hasOwn(WRITE_FUNCTIONS, asWritten) && Object.hasOwn(WRITE_FUNCTIONS, aliased) ? aliased : asWritten;
    // `pd.DataFrame(rows).to_parquet(...)`: a method on a call result has no member path.
    const method = path
      ? path[path.length - 1]
      : callee?.type === 'member_expression'
        ? callee.childForFieldName('property')?.text
        : callee?.type === 'attribute'
          ? callee.childForFieldName('attribute')?.text
          : undefined;
    // Own keys only: a call to `x.toString()` would otherwise find Object.prototype's function.
    const writer = Object.hasOwn(WRITE_FUNCTIONS, joined) ? WRITE_FUNCTIONS[joined] : undefined;
    let format: SinkFormat | 'by-target' | undefined = writer?.format;
    let target: string | undefined;
    const args = argumentsOf(node);
    if (format) {
      target = targetOf(args.positional[0] ?? null, resolver, handles) ?? targetOf(args.positional[1] ?? null, resolver, handles);
    } else if (method && Object.hasOwn(WRITE_METHODS, method) && (!path || path.length >= 2)) {
      format = WRITE_METHODS[method];
      const receiver = path ? path.slice(0, -1).join('.') : (callee?.childForFieldName('object')?.text ?? '');
      const receiverNode = callee?.childForFieldName('object') ?? null;
      target =
        handles(receiver, node) ??
        (method === 'write_text' ? targetOf(receiverNode, resolver, handles) : targetOf(args.positional[0] ?? null, resolver, handles));
      if (format === 'by-target' && !target && !FILE_RECEIVER.test(receiver)) return;
    } else if (method && WRITE_HELPER.test(method)) {
      const leafFormat = /jsonl|json_?lines/i.test(method)
        ? 'jsonl'
        : /json/i.test(method)
          ? 'json'
          : /csv/i.test(method)
            ? 'csv'
            : /parquet/i.test(method)
              ? 'parquet'
              : /pickle|pkl/i.test(method)
                ? 'pickle'
                : 'by-target';
      format = leafFormat;
      target = args.positional.map((a) => targetOf(a, resolver, handles)).find(Boolean);
    } else if (method === 'execute' && /\bINSERT\b/i.test(args.positional[0]?.text ?? '')) {
      format = 'db';
    } else if (method === 'create' && path && path.length >= 3 && /prisma|db|model|collection|table/i.test(path[0])) {
      format = 'db';
    } else return;
    let resolvedFormat: SinkFormat = format === 'by-target' ? formatOfTarget(target) : format;
    // `fh.write(json.dumps(row) + "\n")` to a handle whose path is not a literal: one JSON record per line.
    if (resolvedFormat === 'unknown' && format === 'by-target' && writesJsonLine(node, args.positional, derived)) resolvedFormat = 'jsonl';
    if (resolvedFormat === 'json' && /lines\s*=\s*True|orient\s*=\s*["']records["'][^)]*lines/.test(node.text)) resolvedFormat = 'jsonl';
    // A Hugging Face dataset's `to_json` writes JSON lines unless told otherwise.
    if (
      method === 'to_json' &&
      /(^|[._])(dataset|ds)$/i.test(path ? path.slice(0, -1).join('.') : '') &&
      !/lines\s*=\s*False/.test(node.text)
    )
      resolvedFormat = 'jsonl';
    const written = args.positional.length ? args.positional : [node];
    const mentions = new Set(written.flatMap((a) => identifiersIn(a)));
    if (format === 'by-target' || method === 'push_to_hub' || method === 'save_to_disk' || method?.startsWith('to_')) {
      for (const id of identifiersIn(callee?.childForFieldName('object') ?? null)) mentions.add(id);
    }
    const writesModelOutput = [...mentions].some((m) => tainted.has(m) || OUTPUT_NAMES.test(m));
    const chainText = [...mentions].map((m) => m + ' ' + (derived.get(m)?.join(' ') ?? '')).join(' ') + ' ' + node.text.slice(0, 400);
    const fn = enclosingFunctionNode(node);
    // The record's keys may be set where the written collection is filled (`out[i] = {question, answer}`
    // in a loop elsewhere in the file), not in the function that serialises it.
    // What is written: the written expressions and the values that built them (assigned, appended, set
    // by key), not the text around the write (a chat history built for the request is not the record).
    const recordText = recordTextOf(written, mentions, derived, fills);
    const sink: Sink = {
      range: rangeOf(node),
      format: resolvedFormat,
      target: target ? truncate(target, 120) : undefined,
      enclosingFunction: fn ? functionName(fn) : undefined,
      repetition: repetitionAround(node, resolver),
      writesModelOutput,
      writesReasoning: REASONING.test(chainText),
      writesTrajectory: TRAJECTORY.test(chainText),
    };
    if (namedAsTraining(mentions) || TRAINING_TARGET.test(target ?? '')) sink.namedAsTrainingData = true;
    const { pairs: pairShaped, keyedByItem } = recordShape(recordText);
    if (writesModelOutput) sink.writesPairs = pairShaped;
    else if (pairShaped) sink.pairShaped = true;
    if (writesModelOutput && keyedByItem) sink.keyedByItem = true;
    if (BATCH_REQUEST_ID.test(recordText) && BATCH_REQUEST_BODY.test(recordText)) sink.batchRequests = batchProvider(recordText);
    facts.sinks.push(sink);
    sinkNodes.push(node);
    // A writer that writes one JSON record per line writes JSON lines whatever its callers name.
    const writerFormat = format === 'by-target' && resolvedFormat === 'jsonl' ? 'jsonl' : format;
    // The data first, then where it goes: the order `summariseWriter` reads the arguments in.
    const dataFirst = writer?.targetFirst ? [...args.positional.slice(1), ...args.positional.slice(0, 1)] : args.positional;
    if (fn) {
      // What the data was built from counts as written; what the path was built from does not.
      const pathNames = new Set(dataFirst.slice(1).flatMap((a) => identifiersIn(a)));
      const dataNames = withSources(new Set([...mentions].filter((m) => !pathNames.has(m))), derived);
      summariseWriter(fn, facts, writerFormat, new Set([...mentions, ...dataNames]), dataFirst, target, resolver);
    }
  });
  collectExclusiveArms(sinkNodes, facts);

  markOutputCalls(root, resolver, facts, tainted, derived, fills, handles);
}

/**
 * A function whose write takes one of its parameters (`def jdump(obj, f): json.dump(obj, f)`)
 * is a sink summary: its callers' calls become sinks once the workspace is linked.
 */
function summariseWriter(
  fn: SyntaxNode,
  facts: FileFacts,
  format: SinkFormat | 'by-target',
  mentions: Set<string>,
  written: SyntaxNode[],
  target: string | undefined,
  resolver: Resolver,
): void {
  const owner = facts.functions.find((f) => f.range.startLine === fn.startPosition.row && f.range.startColumn === fn.startPosition.column);
  const params = owner?.params;
  if (!owner || !params?.length) return;
  const targetNames = new Set(written.slice(1).flatMap((a) => identifiersIn(a)));
  const dataParams = params.map((p, i) => (p && mentions.has(p) && !targetNames.has(p) ? i : -1)).filter((i) => i >= 0);
  if (!dataParams.length) return;
  const targetParam = params.findIndex(
    (p) =>
      p &&
      (targetNames.has(p) || /^(path|file|filename|file_?path|out(put)?_?(path|file)?|f|fp|dest)$/i.test(p)) &&
      !dataParams.includes(params.indexOf(p)),
  );
  const byDefault = targetParam >= 0 ? parameterDefault(fn, params[targetParam], resolver) : undefined;
  owner.writes = {
    format,
    dataParams,
    ...(targetParam >= 0 ? { targetParam } : {}),
    ...((target ?? byDefault) ? { target: target ?? byDefault } : {}),
  };
}

/**
 * The written names and the names they were built from, one step back: `line = JSON.stringify(example) + "\n"`
 * then `appendFileSync(OUT, line)` writes `example`. One step only: further back the data's names
 * reach the request that made it (its client and prompt), which the writer does not write.
 */
function withSources(mentions: Set<string>, derived: Map<string, string[]>): Set<string> {
  const out = new Set(mentions);
  for (const name of mentions) for (const from of derived.get(name) ?? []) out.add(from);
  return out;
}

/** The literal default of a parameter (`def save(rows, path="out.jsonl")`). */
function parameterDefault(fn: SyntaxNode, name: string, resolver: Resolver): string | undefined {
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p || !/default_parameter|assignment_pattern|optional_parameter|required_parameter/.test(p.type)) continue;
    const n = p.childForFieldName('name') ?? p.childForFieldName('left') ?? p.childForFieldName('pattern');
    if (n?.text === name) return resolver.stringOf(p.childForFieldName('value') ?? p.childForFieldName('right'));
  }
  return undefined;
}

/**
 * Calls to possible workspace functions that are handed model output: marked on the call, to
 * become sinks when linking shows the callee writes what it is given.
 */
function markOutputCalls(
  root: SyntaxNode,
  resolver: Resolver,
  facts: FileFacts,
  tainted: Set<string>,
  derived: Map<string, string[]>,
  fills: Map<string, string[]>,
  handles: HandleLookup,
): void {
  if (!facts.localCalls.length) return;
  const byStart = new Map(facts.localCalls.map((c) => [`${c.range.startLine}:${c.range.startColumn}`, c]));
  walk(root, (node) => {
    if (!isCall(node)) return;
    const call = byStart.get(`${node.startPosition.row}:${node.startPosition.column}`);
    if (!call) return;
    const positional = argumentsOf(node).positional;
    // Records handed to a writer are a variable holding them (`jdump(rows, path)`), not an expression.
    const names = positional.map((a) =>
      a.type === 'identifier' || a.type === 'attribute' || a.type === 'member_expression' ? memberPath(a)?.join('.') : undefined,
    );
    const outputArgs = names
      .map((n, i) => (n && (tainted.has(n) || OUTPUT_NAMES.test(n.split('.').pop()!)) ? i : -1))
      .filter((i) => i >= 0);
    if (!outputArgs.length) return;
    const mentions = new Set(outputArgs.map((i) => names[i]!));
    const chainText = [...mentions].map((m) => m + ' ' + (derived.get(m)?.join(' ') ?? '')).join(' ') + ' ' + node.text.slice(0, 400);
    const recordText = recordTextOf(
      outputArgs.map((i) => positional[i]),
      mentions,
      derived,
      fills,
    );
    const { pairs, keyedByItem } = recordShape(recordText);
    const output: NonNullable<LocalCall['output']> = { args: outputArgs };
    positional.forEach((a, i) => {
      if (outputArgs.includes(i)) return;
      const target = targetOf(a, resolver, handles);
      if (target) (output.targets ??= {})[i] = truncate(target, 120);
    });
    if (REASONING.test(chainText)) output.reasoning = true;
    if (TRAJECTORY.test(chainText)) output.trajectory = true;
    if (pairs) output.pairs = true;
    if (keyedByItem) output.keyedByItem = true;
    if (namedAsTraining(mentions)) output.trainingNamed = true;
    call.output = output;
  });
}

/** The sink a call to a writing function is: the summary's format, or the target's; the caller's target first. */
export function sinkOfCall(call: LocalCall, writes: NonNullable<FunctionFacts['writes']>): Sink | undefined {
  const output = call.output;
  if (!output || !output.args.some((i) => writes.dataParams.includes(i))) return undefined;
  const target = (writes.targetParam !== undefined ? output.targets?.[writes.targetParam] : undefined) ?? writes.target;
  const format = writes.format === 'by-target' || writes.format === 'unknown' ? formatOfTarget(target) : writes.format;
  return {
    range: call.range,
    format,
    target: target ? truncate(target, 120) : undefined,
    enclosingFunction: call.enclosingFunction?.split('.').pop(),
    repetition: call.repetition,
    writesModelOutput: true,
    writesReasoning: !!output.reasoning,
    writesTrajectory: !!output.trajectory,
    writesPairs: !!output.pairs,
    ...(output.keyedByItem ? { keyedByItem: true } : {}),
    ...(output.trainingNamed ? { namedAsTrainingData: true } : {}),
  };
}

/**
 * The records written are named as training data (`json.dump(sft_rows, f)`,
 * `JSON.stringify(trainingData)`): the written value's names, not a path or handle beside it.
 */
function namedAsTraining(mentions: Set<string>): boolean {
  return [...mentions].some((n) => (TRAINING_NAME.test(n) || PAIRS_NAME.test(n)) && !PATH_OR_HANDLE_NAME.test(n));
}

/** `write(json.dumps(x) + "\n")`, or `line = JSON.stringify(x)` then `write(line + '\n')`. */
function writesJsonLine(node: SyntaxNode, written: SyntaxNode[], derived: Map<string, string[]>): boolean {
  if (JSON_LINE.test(node.text)) return true;
  if (!/\+\s*["'`]\\n["'`]/.test(node.text)) return false;
  return written
    .flatMap((a) => identifiersIn(a))
    .some((name) => (derived.get(name) ?? []).some((id) => id === 'JSON' || id === 'stringify' || id === 'dumps'));
}

/** `a = client.chat.completions.create(...).choices[0].message.content`: names bound to an expression around a model call. */
function namesAssignedFromCalls(
  root: SyntaxNode,
  calls: { startLine: number; startColumn: number; endLine: number; endColumn: number }[],
): string[] {
  if (!calls.length) return [];
  const lines = new Set(calls.map((c) => c.startLine));
  const out: string[] = [];
  walk(root, (node) => {
    if (node.type !== 'assignment' && node.type !== 'variable_declarator' && node.type !== 'assignment_expression') return;
    const left = node.childForFieldName('left') ?? node.childForFieldName('name');
    const right = node.childForFieldName('right') ?? node.childForFieldName('value');
    if (!left || !right) return;
    const r = rangeOf(right);
    for (let line = r.startLine; line <= r.endLine; line++) {
      if (!lines.has(line)) continue;
      if (
        calls.some(
          (c) =>
            c.startLine === line &&
            (c.startLine > r.startLine || c.startColumn >= r.startColumn) &&
            (c.endLine < r.endLine || (c.endLine === r.endLine && c.endColumn <= r.endColumn)),
        )
      ) {
        // `const { object } = await generateObject(...)`, `a, b = call()`: every bound name holds output.
        if (/pattern|tuple|list/.test(left.type)) out.push(...boundNames(left));
        else out.push(memberPath(left)?.join('.') ?? left.text);
        break;
      }
    }
  });
  return out;
}

/** Names a destructuring pattern binds (`{ object, usage: u }` → object, u; `a, b` → a, b). */
function boundNames(pattern: SyntaxNode): string[] {
  const out: string[] = [];
  walk(pattern, (n) => {
    if (n.type === 'pair_pattern') {
      const value = n.childForFieldName('value');
      if (value?.type === 'identifier') out.push(value.text);
      return false;
    }
    if (n.type === 'identifier' || n.type === 'shorthand_property_identifier_pattern') out.push(n.text);
  });
  return out.slice(0, 20);
}

/** name → identifiers its assigned value mentions (`text = resp.content[0].text` → [resp]). */
function collectDerivations(root: SyntaxNode): Map<string, string[]> {
  const derived = new Map<string, string[]>();
  const add = (left: SyntaxNode | null, right: SyntaxNode | null) => {
    if (!left || !right) return;
    const names =
      left.type === 'identifier' || left.type === 'attribute' || left.type === 'member_expression'
        ? [memberPath(left)?.join('.') ?? left.text]
        : identifiersIn(left, 20);
    const from = identifiersIn(right, 60);
    for (const n of names) derived.set(n, [...(derived.get(n) ?? []), ...from]);
  };
  walk(root, (node) => {
    if (
      node.type === 'assignment' ||
      node.type === 'assignment_expression' ||
      node.type === 'augmented_assignment' ||
      node.type === 'augmented_assignment_expression'
    )
      add(node.childForFieldName('left'), node.childForFieldName('right'));
    else if (node.type === 'variable_declarator') add(node.childForFieldName('name'), node.childForFieldName('value'));
    else if (node.type === 'for_statement' || node.type === 'for_in_statement')
      add(node.childForFieldName('left'), node.childForFieldName('right'));
    else if (isCall(node)) {
      // `rows.append(x)`, `out.push(x)`: the collection now holds x.
      const path = memberPath(calleeOf(node));
      if (path && path.length >= 2 && /^(append|push|extend|add|update|insert|unshift|set)$/.test(path[path.length - 1])) {
        const target = path.slice(0, -1).join('.');
        derived.set(target, [...(derived.get(target) ?? []), ...identifiersIn(node.childForFieldName('arguments'), 60)]);
      }
    }
  });
  return derived;
}

/**
 * Collection name → texts of the values put into it: `rows.push({...})`, `rows.append({...})`, `out[k] = {...}`.
 * `modelCalls`: where the file's provider calls start ("line:column"). `resp = client.responses.create(
 * input=[…])` fills `resp` with the reply, not with the request: the call's text (its prompt and
 * input keys) is not the record.
 */
function collectFills(root: SyntaxNode, modelCalls: ReadonlySet<string>): Map<string, string[]> {
  const fills = new Map<string, string[]>();
  // A record made by a function of this file (`rows.append(generate_row(row))`) holds what that
  // function builds: its text stands for the record.
  const builders = new Map<string, SyntaxNode>();
  walk(root, (node) => {
    if (node.type !== 'function_definition' && node.type !== 'function_declaration') return;
    const name = node.childForFieldName('name')?.text;
    if (name && !builders.has(name)) builders.set(name, node);
  });
  // A record built inline by a function of this file (`json.dumps(request_line(row))`): the
  // function's name stands for what it returns (not its whole body, whose prompt and response
  // variables would make any value it hands back look like a pair record).
  for (const [name, builder] of builders) {
    const returned = returnedTexts(builder);
    if (returned.length) fills.set(name, returned);
  }
  const add = (name: string | undefined, value: SyntaxNode | null) => {
    if (!name || !value) return;
    const request = unwrapExpression(value);
    if (request && isCall(request) && modelCalls.has(`${request.startPosition.row}:${request.startPosition.column}`)) return;
    const list = fills.get(name) ?? [];
    if (list.length < 8) list.push(value.text.slice(0, 600));
    const made = isCall(value) ? value : value.namedChildren.find((c) => c && isCall(c));
    const builder = made ? builders.get(calleeOf(made)?.text ?? '') : undefined;
    if (builder && list.length < 8) list.push(builtRecordText(builder).slice(0, 3000));
    fills.set(name, list);
  };
  walk(root, (node) => {
    // `ans = {"question_id": …, "turns": …}` then `write(json.dumps(ans))`: the record is that value.
    const fill = fillAt(node, LIST_ADDERS);
    if (fill) add(fill.target, fill.value);
  });
  return fills;
}

const LIST_ADDERS = /^(append|push|extend|unshift|insert)$/;
/** The adders of a record being built: those of a list, and `dict.update`. */
const RECORD_ADDERS = /^(append|push|extend|update|insert|unshift)$/;

/**
 * What one node puts where: `rows[k] = v` and `row = v` / `const row = v` (the name and `v`), or
 * `rows.append(v)` for a method `adders` names (the collection and the arguments).
 */
function fillAt(node: SyntaxNode, adders: RegExp): { target: string; value: SyntaxNode } | undefined {
  let target: string | undefined;
  let value: SyntaxNode | null = null;
  if (node.type === 'assignment' || node.type === 'assignment_expression') {
    const left = node.childForFieldName('left');
    value = node.childForFieldName('right');
    if (left && (left.type === 'subscript' || left.type === 'subscript_expression')) {
      const object = left.childForFieldName('value') ?? left.childForFieldName('object') ?? left.namedChildren[0] ?? null;
      target = memberPath(object)?.join('.');
    } else if (left && (left.type === 'identifier' || left.type === 'attribute' || left.type === 'member_expression')) {
      target = memberPath(left)?.join('.');
    }
  } else if (node.type === 'variable_declarator' && node.childForFieldName('name')?.type === 'identifier') {
    target = node.childForFieldName('name')!.text;
    value = node.childForFieldName('value');
  } else if (isCall(node)) {
    const path = memberPath(calleeOf(node));
    if (path && path.length >= 2 && adders.test(path[path.length - 1])) {
      target = path.slice(0, -1).join('.');
      value = node.childForFieldName('arguments');
    }
  }
  return target && value ? { target, value } : undefined;
}

/**
 * What a record-building function hands back: its returned expressions and, for a returned name,
 * what that name was made of in the function (`record = {...}; return record`). A returned tuple
 * of names (`return question, answer`) names its fields. The prompt and reply variables of its
 * body are not the record (`prompt = template.format(...)` in a translation helper).
 */
function builtRecordText(fn: SyntaxNode): string {
  const returned = returnedValues(fn);
  const names = new Set<string>();
  const parts: string[] = [];
  for (const value of returned) {
    const inner = unwrapExpression(value) ?? value;
    parts.push(inner.text.slice(0, 1500));
    if (inner.type === 'identifier') names.add(inner.text);
    else if (/^(tuple|expression_list|array|list)$/.test(inner.type)) {
      const elements = inner.namedChildren.filter((c) => c?.type === 'identifier');
      if (elements.length === inner.namedChildren.length) parts.push(elements.map((e) => `${e!.text}: ${e!.text}`).join(', '));
    }
  }
  if (!names.size) return parts.join('\n');
  walk(fn, (n) => {
    if (n !== fn && isFunctionNode(n)) return false;
    const fill = fillAt(n, RECORD_ADDERS);
    if (fill && names.has(fill.target) && parts.length < 12) parts.push(fill.value.text.slice(0, 1500));
    // `example["instruction"]` read, `example["completions"][i]["critique"] = c` set: the record's own keys.
    if ((n.type === 'subscript' || n.type === 'subscript_expression') && parts.length < 24) {
      const key = stringKeyOf(n);
      if (key && names.has(rootName(n))) parts.push(`"${key}": …`);
    }
  });
  return parts.join('\n');
}

/** The literal key of `x["key"]`. */
function stringKeyOf(subscript: SyntaxNode): string | undefined {
  const index = subscript.childForFieldName('subscript') ?? subscript.childForFieldName('index');
  const key = index && /^["'`]([\w-]+)["'`]$/.exec(index.text)?.[1];
  return key ?? undefined;
}

/** `example` of `example["completions"][i]["critique"]`. */
function rootName(node: SyntaxNode): string {
  let at: SyntaxNode | null = node;
  while (at && (at.type === 'subscript' || at.type === 'subscript_expression'))
    at = at.childForFieldName('value') ?? at.childForFieldName('object');
  return at?.type === 'identifier' ? at.text : '';
}

/** The expressions a function returns (its own `return`s, not those of functions inside it). */
function returnedValues(fn: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  walk(fn, (n) => {
    if (n !== fn && isFunctionNode(n)) return false;
    if (n.type !== 'return_statement' || out.length >= 4) return;
    const value = n.namedChildren[0];
    if (value) out.push(value);
  });
  return out;
}

function returnedTexts(fn: SyntaxNode): string[] {
  return returnedValues(fn).map((v) => v.text.slice(0, 1500));
}

const RECORD_MODEL = /["'\x60]?\bmodel["'\x60]?\s*[:=]\s*["'\x60]([\w./:-]+)["'\x60]/;

/**
 * Whose Batch API the request records are for: the model they name, else the record format's
 * owner (Anthropic's records hold `params`; `method`/`url`/`body` lines are OpenAI's format,
 * which OpenAI-compatible batch APIs copy).
 */
function batchProvider(recordText: string): ProviderId {
  const model = RECORD_MODEL.exec(recordText)?.[1];
  const named = model ? providerForModelName(model) : undefined;
  if (named) return named;
  return /["'\x60]?\bparams["'\x60]?\s*[:=]/.test(recordText) && !/["'\x60]?\burl["'\x60]?\s*[:=]/.test(recordText)
    ? 'anthropic'
    : 'openai';
}

/** Training-shaped records (an input and an output side, or chat format), or an answer sheet keyed by item. */
function recordShape(recordText: string): { pairs: boolean; keyedByItem: boolean } {
  const pairs = (PAIR_INPUT.test(recordText) && PAIR_OUTPUT.test(recordText)) || CHAT_FORMAT.test(recordText);
  return { pairs, keyedByItem: !pairs && ITEM_KEY.test(recordText) };
}

function recordTextOf(written: SyntaxNode[], mentions: Set<string>, derived: Map<string, string[]>, fills: Map<string, string[]>): string {
  return written.map((w) => w.text.slice(0, 2000)).join('\n') + '\n' + fillsOf(mentions, derived, fills).join('\n').slice(0, 6000);
}

/** The fills of the written names and of the collections they were derived from (two steps back). */
function fillsOf(mentions: Set<string>, derived: Map<string, string[]>, fills: Map<string, string[]>): string[] {
  const seen = new Set<string>();
  let frontier = [...mentions];
  for (let depth = 0; depth < 3 && frontier.length; depth++) {
    const next: string[] = [];
    for (const name of frontier) {
      if (seen.has(name)) continue;
      seen.add(name);
      next.push(...(derived.get(name) ?? []).slice(0, 20));
    }
    frontier = next;
  }
  return [...seen].flatMap((name) => fills.get(name) ?? []);
}

function propagate(seeds: Set<string>, derived: Map<string, string[]>): Set<string> {
  const tainted = new Set(seeds);
  for (let round = 0; round < 6; round++) {
    let changed = false;
    for (const [name, from] of derived) {
      if (!tainted.has(name) && from.some((f) => tainted.has(f))) {
        tainted.add(name);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return tainted;
}

/** Variables bound to opened files: `with open("x.jsonl", "w") as f`, `const out = fs.createWriteStream("x.jsonl")`. */
function fileHandles(root: SyntaxNode, resolver: Resolver): HandleLookup {
  const opened = new Map<string, { fn: SyntaxNode | undefined; start: number; target: string }[]>();
  // Many functions reuse `f`: a write goes to the handle opened last before it in its own function.
  const handles: HandleLookup = (name, at) => {
    const fn = enclosingFunctionNode(at);
    const before = (opened.get(name) ?? []).filter((h) => h.start <= at.startIndex);
    return (before.filter((h) => sameNode(h.fn, fn)).pop() ?? before.pop())?.target;
  };
  walk(root, (node) => {
    let name: string | undefined;
    let value: SyntaxNode | null = null;
    if (node.type === 'as_pattern') {
      name = node.childForFieldName('alias')?.text.replace(/^as\s+/, '');
      value = node.namedChildren[0];
    } else if (node.type === 'assignment') {
      name = memberPath(node.childForFieldName('left'))?.join('.');
      value = node.childForFieldName('right');
    } else if (node.type === 'variable_declarator') {
      name = node.childForFieldName('name')?.text;
      value = node.childForFieldName('value');
    }
    const call = unwrapExpression(value);
    if (!name || !call || !isCall(call)) return;
    const callee = memberPath(calleeOf(call))?.join('.') ?? '';
    if (!/(^|\.)(open|createWriteStream|jsonlines\.open|writer|DictWriter|Writer|open_text)$/.test(callee)) return;
    const args = argumentsOf(call);
    const mode = resolver.stringOf(args.positional[1] ?? args.named.get('mode') ?? null) ?? '';
    if (/^(open|io\.open|builtins\.open)$/.test(callee) && !/[wa+x]/.test(mode)) return;
    const fn = enclosingFunctionNode(node);
    // A path held in a variable (`createWriteStream(outputFilePath)`): its name says what the file is,
    // and a parameter's default (`def main(out_path="requests.jsonl")`) which file it is.
    const pathName = memberPath(args.positional[0] ?? null)?.join('.');
    const target =
      targetOf(args.positional[0] ?? null, resolver, handles) ?? (fn && pathName ? parameterDefault(fn, pathName, resolver) : undefined);
    opened.set(name, [
      ...(opened.get(name) ?? []),
      { fn, start: node.startIndex, target: target ?? (pathName ? `(file: ${pathName})` : '(file)') },
    ]);
  });
  return handles;
}

/** The file a handle name was opened on, as seen from a node. */
type HandleLookup = (name: string, at: SyntaxNode) => string | undefined;

function sameNode(a: SyntaxNode | undefined, b: SyntaxNode | undefined): boolean {
  return a === b || (!!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex);
}

function targetOf(node: SyntaxNode | null, resolver: Resolver, handles: HandleLookup, followed = false): string | undefined {
  if (!node) return undefined;
  const path = memberPath(node)?.join('.');
  const handle = path ? handles(path, node) : undefined;
  if (handle) return handle;
  const s = resolver.stringOf(node);
  if (s && /\.[a-z]{2,8}$|\//i.test(s)) return s;
  if (isCall(node)) {
    // `path.join(dir, "out.jsonl")`, `Path(out) / "x.jsonl"`
    // `open("x.json", "w")` names the file first; `path.join(dir, "x.jsonl")` last: take the one that looks like a path.
    const parts = argumentsOf(node)
      .positional.map((a) => resolver.stringOf(a))
      .filter((p): p is string => !!p);
    const named = [...parts].reverse().find((p) => /\.[a-z]{2,8}$|\//i.test(p));
    if (named) return named;
  }
  // `out = folder / f"{name}_pairs.json"` then `out.write_text(…)`: the path the name was given.
  if (node.type === 'identifier' && !followed) {
    for (const def of resolver.definitionsOf(node.text, node)) {
      const named = targetOf(def, resolver, handles, true);
      if (named) return named;
    }
  }
  const text = node.text;
  const m = /["'`]([^"'`]*\.(jsonl|json|csv|parquet|pkl|pickle|txt|tsv|arrow))["'`]/.exec(text);
  return m ? m[1] : undefined;
}

function formatOfTarget(target: string | undefined): SinkFormat {
  if (!target) return 'unknown';
  const m = /\.(jsonl|ndjson|json|csv|tsv|parquet|pkl|pickle|txt|arrow)\b/i.exec(target);
  switch (m?.[1].toLowerCase()) {
    case 'jsonl':
    case 'ndjson':
      return 'jsonl';
    case 'json':
      return 'json';
    case 'csv':
    case 'tsv':
      return 'csv';
    case 'parquet':
    case 'arrow':
      return 'parquet';
    case 'pkl':
    case 'pickle':
      return 'pickle';
    case 'txt':
      return 'text';
    default:
      return 'unknown';
  }
}
