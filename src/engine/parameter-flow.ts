// Value flow into parameters, across the workspace: a client built in one file and handed to a
// helper, a constructor or a callback in another is followed to where it is used. Each parameter
// is bound to the arguments of every call that reaches its function; a caller's own parameter is
// followed to that caller's callers, a few levels deep (a bounded fixed point, memoised).
import { MAX_TABLE_MEMBERS } from './facts/function-tables';
import type { ArgValue, CallArgument, CallSite, FileFacts, FunctionFacts, LocalCall, ParamRef } from './types';
import { clientObject, clientOfRef, walkMembers, type ClientObject, type ModuleResolver } from './workspace-clients';

export interface FunctionRef {
  file: string;
  fn: FunctionFacts;
}

/** What a parameter may hold, once bound to the callers' arguments. */
export type BoundValue =
  | { kind: 'client'; client: ClientObject }
  | { kind: 'function'; ref: FunctionRef }
  /** An object of a workspace class, named as the file `file` names it. */
  | { kind: 'instance'; file: string; className: string; importedFrom?: string; importedName?: string };

/** What the flow needs from the workspace index: call resolution without parameter flow, and lookups. */
export interface FlowHost {
  files: Map<string, FileFacts>;
  resolveModule: ModuleResolver;
  /** The functions a call reaches by its name alone (imports, classes, methods). */
  resolveByName(file: string, call: LocalCall): FunctionRef[];
  /** Functions and methods of one file under a name or qualified name. */
  lookup(file: string, name: string): FunctionRef[];
  /** Methods of a class as a file names it (defined there, or imported). */
  methodsOf(file: string, className: string, method: string, importedFrom?: string, importedName?: string): FunctionRef[];
}

/** Callers followed up the chain: helper → its caller → that caller's caller. */
const MAX_DEPTH = 4;
/** A parameter bound to more values than this is a generic utility; its values stop being useful. */
const MAX_VALUES = 24;

export interface Caller {
  file: string;
  call: LocalCall;
}
/** A bound value and the segments of the parameter's access path still to read off it. */
interface Bound {
  value: BoundValue;
  rest: string[];
}

export class ParameterFlow {
  private callers?: Map<FunctionFacts, Caller[]>;
  private readonly memo = new Map<string, Bound[]>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly host: FlowHost) {}

  /** Provider calls on parameters (`client.messages.create` in `def ask(client, q)`), now that callers are known. */
  callSitesOf(facts: FileFacts): CallSite[] {
    const out: CallSite[] = [];
    for (const deferred of facts.deferredCalls ?? []) {
      if (!deferred.param) continue;
      const found = new Map<string, CallSite>();
      for (const { value, rest } of this.valuesOf(facts.file, deferred.param)) {
        if (value.kind !== 'client') continue;
        const resolved = walkMembers(value.client, rest);
        if (!resolved || !('api' in resolved)) continue;
        // One site per provider: a helper called with two providers' clients is a call to both.
        if (!found.has(resolved.provider))
          found.set(resolved.provider, {
            ...deferred.site,
            provider: resolved.provider,
            api: resolved.api,
            host: resolved.host ?? deferred.site.host,
          });
      }
      out.push(...found.values());
    }
    return out;
  }

  /** `fn(x)` / `llm.complete(x)` on a parameter: the functions and methods the callers hand over. */
  calleesOf(file: string, call: LocalCall): FunctionRef[] {
    const out: FunctionRef[] = [];
    if (call.calleeParam) {
      for (const { value, rest } of this.valuesOf(file, call.calleeParam)) {
        if (rest.length) continue;
        if (value.kind === 'function') out.push(value.ref);
        // An object called like a function runs its `__call__` (a sampler, a grader, a chain).
        else if (value.kind === 'instance')
          out.push(...this.host.methodsOf(value.file, value.className, '__call__', value.importedFrom, value.importedName));
      }
    }
    if (call.calleeTable) {
      // `judges[kind](x)` / `for judge in judges: judge(x)`: the functions of the tables the callers pass.
      for (const { value, rest } of this.valuesOf(file, call.calleeTable))
        if (!rest.length && value.kind === 'function') out.push(value.ref);
    }
    if (call.receiverParam) {
      const method = call.name.split('.').pop()!;
      for (const { value, rest } of this.valuesOf(file, call.receiverParam)) {
        if (value.kind === 'instance' && !rest.length)
          out.push(...this.host.methodsOf(value.file, value.className, method, value.importedFrom, value.importedName));
      }
    }
    return out;
  }

  /**
   * The values a parameter of a function in `file` is bound to by the workspace's calls, each with
   * the segments of `param.segments` still to read off it (an options object's property is
   * consumed by the binding: `new Service({ client })` then `options.client.chat…`).
   */
  private valuesOf(file: string, param: ParamRef, depth = 0): Bound[] {
    // The callers' index first, whole, before any value is worked out (and remembered) from it.
    this.indexCallers();
    const key = `${file}\u0000${param.fn}\u0000${param.index}\u0000${param.key ?? ''}\u0000${param.name}\u0000${param.segments.join('.')}`;
    const known = this.memo.get(key);
    if (known) return known;
    if (this.inProgress.has(key) || depth > MAX_DEPTH) return [];
    this.inProgress.add(key);
    const out: Bound[] = [];
    for (const target of this.host.lookup(file, param.fn)) {
      for (const caller of this.callersOf(target.fn)) {
        for (const arg of caller.call.args ?? []) {
          const rest = bindingRest(arg, param);
          if (rest === undefined) continue;
          // A table of functions handed over (a registry of 25 generators) may add all it holds.
          const cap = arg.value.kind === 'functions' ? MAX_VALUES + MAX_TABLE_MEMBERS : MAX_VALUES;
          for (const bound of this.resolveArgument(caller, arg.value, rest, depth)) if (out.length < cap) out.push(bound);
        }
      }
    }
    this.inProgress.delete(key);
    this.memo.set(key, out);
    return out;
  }

  private resolveArgument(caller: Caller, value: ArgValue, rest: string[], depth: number): Bound[] {
    const { file } = caller;
    switch (value.kind) {
      case 'client': {
        const client = clientObject(value.sdk, value.type, value.provider, value.host);
        return client ? [{ value: { kind: 'client', client }, rest }] : [];
      }
      case 'param':
        // The caller hands on its own parameter (or a member of it): what its callers pass.
        return this.valuesOf(file, { ...value.ref, segments: [...value.ref.segments, ...rest] }, depth + 1);
      case 'instance':
        return [
          {
            value: {
              kind: 'instance',
              file,
              className: value.className,
              importedFrom: value.importedFrom,
              importedName: value.importedName,
            },
            rest,
          },
        ];
      case 'function':
        return this.functionsNamed(caller, value.name, value.importedFrom, value.importedName, rest);
      case 'functions':
        return value.members.flatMap((m) => this.functionsNamed(caller, m.name, m.importedFrom, m.importedName, rest));
      case 'import': {
        const start = clientOfRef(file, value.ref, this.host.files, this.host.resolveModule);
        const object = start ? walkMembers(start.client, start.rest) : undefined;
        if (object && 'object' in object) return [{ value: { kind: 'client', client: object.object }, rest }];
        if (value.ref.segments.length) return [];
        // An imported function handed over by name (`pool.map(generate, rows)` through a helper).
        return this.functionsNamed(caller, value.ref.importedName, value.ref.source, value.ref.importedName, rest);
      }
    }
  }

  /** The workspace functions a caller hands over by name, resolved as a call to that name would be. */
  private functionsNamed(
    caller: Caller,
    name: string,
    importedFrom: string | undefined,
    importedName: string | undefined,
    rest: string[],
  ): Bound[] {
    return this.host
      .resolveByName(caller.file, { name, importedFrom, importedName, range: caller.call.range, repetition: [] })
      .map((ref) => ({ value: { kind: 'function', ref }, rest }));
  }

  /** The calls with arguments that reach `fn`, by name or through a table of functions. */
  callersOf(fn: FunctionFacts): Caller[] {
    this.indexCallers();
    return this.callers?.get(fn) ?? [];
  }

  /**
   * Every call in the workspace that reaches a function by name, indexed once; then the calls
   * through tables of functions, whose callees are found from that index. Values worked out while
   * the index was incomplete are forgotten.
   */
  private indexCallers(): void {
    if (!this.callers) {
      const callers = new Map<FunctionFacts, Caller[]>();
      this.callers = callers;
      const add = (ref: FunctionRef, caller: Caller) => {
        const list = callers.get(ref.fn);
        if (list) list.push(caller);
        else callers.set(ref.fn, [caller]);
      };
      const throughTables: Caller[] = [];
      for (const [file, facts] of this.host.files) {
        for (const call of facts.localCalls) {
          if (!call.args) continue;
          for (const ref of this.host.resolveByName(file, call)) add(ref, { file, call });
          if (call.calleeTable) throughTables.push({ file, call });
        }
      }
      // `method_map[category](self, …)`: its arguments reach the functions of the tables the
      // callers hand over, found with the calls by name indexed above.
      for (const caller of throughTables) for (const ref of this.calleesOf(caller.file, caller.call)) add(ref, caller);
      if (throughTables.length) this.memo.clear();
    }
  }
}

/**
 * Whether an argument lands in the parameter, and the parameter's segments left to read off the
 * argument's value: `run({ openai })` binds `{ openai }` of `function run({ openai })` fully, and
 * `options.client.chat…` of `constructor(options)` is `chat…` read off the `client` property.
 */
function bindingRest(arg: CallArgument, param: ParamRef): string[] | undefined {
  if (param.key !== undefined) return arg.index === param.index && arg.key === param.key ? param.segments : undefined;
  if (arg.name !== undefined) return arg.name === param.name ? param.segments : undefined;
  if (arg.index !== param.index) return undefined;
  if (arg.key === undefined) return param.segments;
  return param.segments[0] === arg.key ? param.segments.slice(1) : undefined;
}
