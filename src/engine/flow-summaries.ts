// How library calls move SDK objects around, as data (the models-as-data idea: a library's
// behaviour is rows, not code paths). A collection of clients is tracked as its element with a
// `collection` mark; these rows say which calls and members hand out one element of it.
//
// Row format:
//   callee   the called name, matched against the end of the callee's dotted path
//            (`random.choice` matches `random.choice(...)`; `.get` matches any receiver's `get`)
//   takes    'argument': the element of the collection passed as argument `argument`;
//            'receiver': the element of the collection the method is called on;
//            'callback': what the callback passed as argument `argument` returns, as a collection
//            (`keys.map((k) => new OpenAI({ apiKey: k }))`)
//   picks    the call picks one element per call, at random or in turn (`random.choice`, `next`
//            on a cycle): on a pool imported from another file, a rotation made where it is called
export interface FlowSummary {
  callee: string;
  takes: 'argument' | 'receiver' | 'callback';
  argument?: number;
  picks?: true;
}

export const FLOW_SUMMARIES: FlowSummary[] = [
  // Python: picking or cycling through a pool
  { callee: 'random.choice', takes: 'argument', argument: 0, picks: true },
  { callee: 'secrets.choice', takes: 'argument', argument: 0, picks: true },
  { callee: 'choice', takes: 'argument', argument: 0, picks: true },
  { callee: 'itertools.cycle', takes: 'argument', argument: 0 },
  { callee: 'cycle', takes: 'argument', argument: 0 },
  { callee: 'next', takes: 'argument', argument: 0, picks: true },
  { callee: 'iter', takes: 'argument', argument: 0 },
  { callee: 'list', takes: 'argument', argument: 0 },
  { callee: '.get', takes: 'receiver' },
  { callee: '.pop', takes: 'receiver' },
  { callee: '.popleft', takes: 'receiver' },
  { callee: '.values', takes: 'receiver' },
  // JS: pools in arrays and maps
  { callee: '.shift', takes: 'receiver' },
  { callee: '.at', takes: 'receiver' },
  { callee: '.find', takes: 'receiver' },
  { callee: 'Object.values', takes: 'argument', argument: 0 },
  { callee: 'Array.from', takes: 'argument', argument: 0 },
  { callee: '_.sample', takes: 'argument', argument: 0, picks: true },
  { callee: 'sample', takes: 'argument', argument: 0, picks: true },
  { callee: '.map', takes: 'callback', argument: 0 },
];

/** The summary row for a callee's dotted path and whether it is a method call on a receiver. */
export function flowSummaryFor(path: string[]): FlowSummary | undefined {
  const dotted = path.join('.');
  const method = path.length > 1 ? '.' + path[path.length - 1] : undefined;
  return FLOW_SUMMARIES.find((row) =>
    row.callee.startsWith('.')
      ? row.callee === method
      : dotted === row.callee || (dotted.endsWith('.' + row.callee) && row.callee.includes('.')),
  );
}
