// Cross-file linking: which workspace functions reach a provider call (wrappers), and the call
// sites their callers make, with the callers' loops added to the wrapper's own repetition.
import type { CallSite, FileFacts, FunctionFacts, FunctionMember, LocalCall, Repetition, Sink } from './types';
import { sinkOfCall } from './facts/sinks';
import { resolveDeferredCalls, submoduleSource } from './workspace-clients';
import { ModulePaths } from './module-paths';
import { STARTED_RUNS } from './task-runners';
import { routeFilePattern } from './facts/route-requests';
import { MAX_REEXPORTS, throughReexports } from './reexports';
import { type Caller, ParameterFlow, type FunctionRef } from './parameter-flow';

/** A call site as the rules see it: direct, or a call to a wrapper that reaches one. */
export interface LinkedCallSite extends CallSite {
  /** The provider call the chain ends in (itself for direct sites). */
  target: CallSite;
  /** Repetitions added by the outermost caller (0 for direct sites and for calls outside loops). */
  callerRepetitions: number;
  /**
   * Repetitions of a helper's loop that runs a function it was handed (`map_with_progress(fn,
   * items)`): they belong to whoever hands the function over, like the caller's own loops.
   */
  handedRepetitions?: number;
}

const MAX_CHAIN = 5;
const NO_REFS: FunctionRef[] = Object.freeze([]) as unknown as FunctionRef[];

export class WorkspaceIndex {
  private readonly functionsByFile = new Map<string, Map<string, FunctionFacts[]>>();
  private readonly reach = new Map<FunctionFacts, LinkedCallSite[]>();
  private readonly inProgress = new Set<FunctionFacts>();
  /** Each file's provider calls: its own, plus calls on clients imported from other files. */
  private readonly sitesByFile = new Map<string, CallSite[]>();
  private readonly sinksByFile = new Map<string, Sink[]>();
  private writers?: Set<string>;
  /** Base class or interface name → the classes deriving from or implementing it. */
  private derived?: Map<string, { file: string; name: string }[]>;
  private readonly modulePaths: ModulePaths;
  private readonly byName = new WeakMap<LocalCall, { file: string; refs: FunctionRef[] }>();
  /** Clients, functions and objects handed to parameters, bound to the callers' arguments. */
  private readonly flow: ParameterFlow;

  constructor(private readonly files: Map<string, FileFacts>) {
    this.modulePaths = new ModulePaths(files);
    for (const [file, facts] of files) {
      const byName = new Map<string, FunctionFacts[]>();
      for (const fn of facts.functions) {
        // `import anyName from './llm'` reaches the module's default export under the key `default`.
        for (const key of new Set([fn.name, fn.qualifiedName, ...(fn.defaultExport ? ['default'] : [])])) {
          const list = byName.get(key) ?? [];
          list.push(fn);
          byName.set(key, list);
        }
      }
      this.functionsByFile.set(file, byName);
    }
    const resolveModule = (from: string, source: string) => this.resolveModule(from, source);
    this.flow = new ParameterFlow({
      files,
      resolveModule,
      resolveByName: (file, call) => this.resolveByName(file, call),
      lookup: (file, name) => this.lookup(file, name),
      methodsOf: (file, cls, method, importedFrom, importedName) => this.methodsOf(file, cls, method, importedFrom, importedName),
    });
    for (const [file, facts] of files) {
      const imported = [...resolveDeferredCalls(facts, files, resolveModule), ...this.flow.callSitesOf(facts)];
      this.sitesByFile.set(file, imported.length ? [...facts.callSites, ...imported] : facts.callSites);
    }
  }

  /**
   * A file's sinks: its own writes, and its calls to workspace functions that write what they are
   * given (sink summaries: `utils.jdump(rows, "regen.json")`).
   */
  sinksOf(file: string): Sink[] {
    const known = this.sinksByFile.get(file);
    if (known) return known;
    const facts = this.files.get(file);
    const sinks = [...(facts?.sinks ?? [])];
    const writers = this.writerNames();
    for (const call of writers.size ? (facts?.localCalls ?? []) : []) {
      if (!call.output || !writers.has(call.name.split('.').pop()!)) continue;
      for (const ref of this.resolveCall(file, call)) {
        const sink = ref.fn.writes ? sinkOfCall(call, ref.fn.writes) : undefined;
        if (sink) {
          sinks.push(sink);
          break;
        }
      }
    }
    this.sinksByFile.set(file, sinks);
    return sinks;
  }

  /** Names of the workspace functions that write what they are given (few): calls by other names are not resolved for sinks. */
  private writerNames(): Set<string> {
    this.writers ??= new Set([...this.files.values()].flatMap((f) => f.functions.filter((fn) => fn.writes).map((fn) => fn.name)));
    return this.writers;
  }

  /** A file's provider calls, including those on clients imported from other workspace files. */
  callSitesOf(file: string): CallSite[] {
    return this.sitesByFile.get(file) ?? [];
  }

  /** Every call site: the direct ones and those reached through wrappers, located at the caller. */
  linkedCallSites(): LinkedCallSite[] {
    const out: LinkedCallSite[] = [];
    for (const facts of this.files.values()) {
      for (const site of this.callSitesOf(facts.file))
        out.push(inArm({ ...site, target: site, callerRepetitions: 0 }, facts.file, site.branch));
      for (const call of facts.localCalls)
        out.push(...this.sitesThroughCall(facts.file, call).map((s) => inArm(s, facts.file, call.branch)));
    }
    return out;
  }

  /**
   * Functions that reach a provider call, with the wrapper chain (for inventory and hovers). A
   * method is listed under its class's name too: callers write `new Generator().run(x)` or
   * `Generator().run(x)`, and a method name like `run` is too common to look for on its own.
   */
  wrappers(): { file: string; fn: FunctionFacts; sites: LinkedCallSite[] }[] {
    const out: { file: string; fn: FunctionFacts; sites: LinkedCallSite[] }[] = [];
    for (const [file, facts] of this.files) {
      const classes = new Set<string>();
      for (const fn of facts.functions) {
        const sites = this.reachOf({ file, fn });
        if (!sites.length) continue;
        out.push({ file, fn, sites });
        const cls = fn.qualifiedName.slice(0, -fn.name.length - 1);
        if (cls && /^[A-Z]\w*$/.test(cls) && !classes.has(cls)) {
          classes.add(cls);
          out.push({ file, fn: { ...fn, name: cls }, sites });
        }
      }
    }
    return out;
  }

  private sitesThroughCall(file: string, call: LocalCall): LinkedCallSite[] {
    const callees = this.resolveCall(file, call);
    const out: LinkedCallSite[] = [];
    const seen = new Set<string>();
    // One call reaching methods of several classes is a dispatch: its sites are alternatives.
    const classes = new Set(
      callees.map((r) =>
        r.fn.qualifiedName.includes('.') ? `${r.file}:${r.fn.qualifiedName.slice(0, r.fn.qualifiedName.lastIndexOf('.'))}` : '',
      ),
    );
    // So is a call through a table of functions, whichever function it picks.
    const alternativeGroup =
      call.dispatch || (callees.length >= 2 && classes.size >= 2 && !classes.has(''))
        ? `${file}:${call.range.startLine}:${call.range.startColumn}`
        : undefined;
    for (const ref of callees) {
      for (const inner of this.reachOf(ref)) {
        const key = `${inner.target.file}:${inner.target.range.startLine}:${inner.target.range.startColumn}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const chain = [ref.fn.qualifiedName, ...(inner.viaWrapper?.chain ?? [])];
        if (chain.length > MAX_CHAIN) continue;
        const handed = call.calleeParam ? call.repetition.length + (inner.handedRepetitions ?? 0) : 0;
        const underLimiter = inner.underLimiter || call.underLimiter;
        const repetition = [...inner.repetition, ...call.repetition];
        out.push({
          ...inner,
          // A dispatch picks one function, whatever that function picks in turn: its group wins.
          ...(alternativeGroup && (call.dispatch || !inner.alternativeGroup) ? { alternativeGroup } : {}),
          file,
          range: call.range,
          callee: call.name,
          enclosingFunction: call.enclosingFunction,
          // A callee that runs under its own semaphore limits the caller's fan-out to it.
          repetition: underLimiter ? limited(repetition) : repetition,
          underLimiter,
          inRequestHandler: call.inRequestHandler || inner.inRequestHandler,
          inTest: call.inTest,
          resultName: call.resultName,
          viaWrapper: { chain, definedAt: { file: inner.target.file, line: inner.target.range.startLine } },
          target: inner.target,
          callerRepetitions: call.calleeParam ? 0 : call.repetition.length + (inner.handedRepetitions ?? 0),
          ...(handed ? { handedRepetitions: handed } : {}),
        });
      }
    }
    return out;
  }

  /** Provider calls a function reaches, with repetition inside the function (memoised, cycle-safe). */
  private reachOf(ref: FunctionRef): LinkedCallSite[] {
    const cached = this.reach.get(ref.fn);
    if (cached) return cached;
    if (this.inProgress.has(ref.fn)) return [];
    this.inProgress.add(ref.fn);
    const sites: LinkedCallSite[] = [];
    for (const site of this.callSitesOf(ref.file)) {
      if (site.enclosingFunction === ref.fn.qualifiedName && within(site.range, ref.fn.range))
        sites.push(inArm({ ...site, target: site, callerRepetitions: 0 }, ref.file, site.branch));
    }
    for (const call of ref.fn.calls) {
      if (!within(call.range, ref.fn.range)) continue;
      sites.push(...this.sitesThroughCall(ref.file, call).map((s) => inArm(s, ref.file, call.branch)));
    }
    this.inProgress.delete(ref.fn);
    this.reach.set(ref.fn, sites);
    return sites;
  }

  /**
   * The calls with arguments that reach the function `qualifiedName` of `file`, including those
   * through a table of functions handed over as an argument (`method_map[category](self)`).
   */
  callersOf(file: string, qualifiedName: string): Caller[] {
    const fn = this.files.get(file)?.functions.find((f) => f.qualifiedName === qualifiedName);
    return fn ? this.flow.callersOf(fn) : [];
  }

  /**
   * The workspace functions a local call may reach: by its name (same file, or the imported
   * module's file), and for a call on a parameter, what the callers hand over.
   */
  resolveCall(file: string, call: LocalCall): FunctionRef[] {
    const byName = this.resolveByName(file, call);
    if (!call.calleeParam && !call.receiverParam && !call.calleeTable) return byName;
    const flowing = this.flow.calleesOf(file, call);
    return flowing.length ? [...new Set([...flowing, ...byName])] : byName;
  }

  /**
   * The workspace functions a call reaches by its name alone; a class's constructor for `new X()` /
   * `X()`. Memoised per call: linking, parameter flow and several rules resolve the same calls.
   */
  private resolveByName(file: string, call: LocalCall): FunctionRef[] {
    const known = this.byName.get(call);
    if (known?.file === file) return known.refs;
    const refs = this.resolveByNameUncached(file, call);
    this.byName.set(call, { file, refs });
    return refs;
  }

  private resolveByNameUncached(file: string, call: LocalCall): FunctionRef[] {
    if (call.fromTable) return this.throughImportedTable(file, call);
    if (call.returnedFunction) return this.throughReturnedFunctions(file, call);
    if (call.launches) return this.throughLaunchedScript(file, call.launches);
    if (call.requestsRoute) return this.throughOwnRoute(call.requestsRoute);
    const found = this.resolveNamed(file, call);
    if (found.length || !call.constructs) return found;
    const cls = call.name.split('.').pop()!;
    return ['__init__', 'constructor'].flatMap((method) => this.methodsOf(file, cls, method, call.importedFrom, call.importedName));
  }

  /** Methods of a class as `file` names it: defined there, or imported (`from .llm import Generator`). */
  private methodsOf(file: string, cls: string, method: string, importedFrom?: string, importedName?: string): FunctionRef[] {
    const own = this.ownMethodsOf(file, cls, method, importedFrom, importedName);
    if (!own.length) {
      const started = this.startedRun(file, cls, method, importedFrom, importedName);
      if (started.length) return started;
    }
    // A base class or an interface: the implementations' methods run too (the base's is often abstract).
    if (method === '__init__' || method === 'constructor') return own;
    const overrides = this.implementationsOf(cls).flatMap((sub) => this.lookup(sub.file, `${sub.name}.${method}`));
    return overrides.length ? [...new Set([...own, ...overrides])] : own;
  }

  /** `worker.start()` on a `Thread` subclass that does not define `start`: its own `run()` runs. */
  private startedRun(file: string, cls: string, method: string, importedFrom?: string, importedName?: string): FunctionRef[] {
    for (const row of STARTED_RUNS) {
      if (row.start !== method) continue;
      const runs = this.ownMethodsOf(file, cls, row.runs, importedFrom, importedName);
      // The class as its file names it (`from .workers import Worker as W` calls it `W` here).
      const defined = runs[0]?.fn.qualifiedName.split('.')[0];
      const bases = defined ? this.files.get(runs[0].file)?.classes?.find((c) => c.name === defined)?.bases : undefined;
      if (bases?.some((b) => row.bases.includes(b))) return runs;
    }
    return NO_REFS;
  }

  private ownMethodsOf(file: string, cls: string, method: string, importedFrom?: string, importedName?: string): FunctionRef[] {
    if (!importedFrom) return this.lookup(file, `${cls}.${method}`);
    const target = this.resolveModule(file, importedFrom);
    if (!target) return [];
    const exported = importedName && importedName !== '*' && importedName !== 'default' ? importedName : cls;
    return this.lookupExported(target, `${exported}.${method}`);
  }

  /** Classes deriving from or implementing `base` (by name, a few levels down), anywhere in the workspace. */
  private implementationsOf(base: string): { file: string; name: string }[] {
    if (!this.derived) {
      this.derived = new Map();
      for (const [file, facts] of this.files) {
        for (const cls of facts.classes ?? []) {
          for (const b of cls.bases) {
            const list = this.derived.get(b) ?? [];
            list.push({ file, name: cls.name });
            this.derived.set(b, list);
          }
        }
      }
    }
    const out: { file: string; name: string }[] = [];
    const seen = new Set<string>([base]);
    let level = [base];
    for (let depth = 0; depth < 3 && level.length; depth++) {
      const next: string[] = [];
      for (const name of level) {
        for (const sub of this.derived.get(name) ?? []) {
          out.push(sub);
          if (!seen.has(sub.name)) {
            seen.add(sub.name);
            next.push(sub.name);
          }
        }
      }
      level = next;
    }
    return out;
  }

  /** `from utils.queries import *` then `query_cot(...)`: the function of that name a star-imported workspace module exports. */
  private starImported(file: string, name: string): FunctionRef[] {
    for (const imp of this.files.get(file)?.imports ?? []) {
      if (imp.localName !== '*' || imp.importedName !== '*') continue;
      const target = this.resolveModule(file, imp.source);
      const found = target ? this.lookupExported(target, name) : [];
      if (found.length) return found;
    }
    return [];
  }

  private resolveNamed(file: string, call: LocalCall): FunctionRef[] {
    const parts = call.name.split('.');
    const leaf = parts[parts.length - 1];
    // A method of a known class (made here, imported, or declared as a field's or parameter's type).
    if (call.receiverClass) {
      const viaClass = this.methodsOf(file, call.receiverClass, leaf, call.importedFrom, call.importedName?.split('.')[0]);
      if (viaClass.length) return viaClass;
    }
    if (call.receiverFactory) return this.throughFactory(file, call.receiverFactory, leaf, call);
    if (call.importedFrom) {
      const target = this.resolveModule(file, call.importedFrom);
      // `from llm import client` then `client.complete()`: `client` is the module llm/client.py.
      const sub = call.importedName && parts.length > 1 ? submoduleSource(call.importedFrom, call.importedName.split('.')[0]) : undefined;
      const subTarget = sub ? this.resolveModule(file, sub) : undefined;
      if (subTarget) {
        const inSub = this.lookup(subTarget, leaf);
        if (inSub.length) return inSub;
      }
      const name =
        call.importedName && call.importedName !== '*' && (call.importedName !== 'default' || parts.length === 1)
          ? call.importedName
          : leaf;
      const wanted = parts.length > 2 ? leaf : name;
      if (!target) return [];
      const direct = this.lookupExported(target, wanted);
      if (direct.length) return direct;
      // `import X from './llm'` then `X.generate()` / `new X().generate()`
      return this.lookupExported(target, leaf);
    }
    if (parts.length === 1) {
      const own = this.lookup(file, leaf);
      return own.length ? own : this.starImported(file, leaf);
    }
    if (parts[0] === 'self' || parts[0] === 'this' || parts[0] === 'cls') return this.lookup(file, leaf);
    // `generator.run(...)` on an object of a class defined here or imported: methods of that name.
    const local = this.lookup(file, leaf).filter((r) => r.fn.qualifiedName.includes('.'));
    if (local.length) return local;
    // `model = model_map[name](key); model.call_api(x)`: a method of a class this file imports by
    // name from a workspace module (the receiver's class is picked at run time).
    if (parts.length !== 2) return [];
    const out: FunctionRef[] = [];
    for (const imp of this.files.get(file)?.imports ?? []) {
      if (!/^[A-Z]/.test(imp.importedName ?? '')) continue;
      const target = this.resolveModule(file, imp.source);
      if (target) out.push(...this.lookup(target, `${imp.importedName}.${leaf}`));
    }
    return out;
  }

  /** `registry[kind](x)` with `registry` imported: the members of that table in the module defining it. */
  private throughImportedTable(file: string, call: LocalCall): FunctionRef[] {
    const target = call.importedFrom ? this.resolveModule(file, call.importedFrom) : file;
    const table = target ? this.tableExported(target, call.importedName ?? call.name, 0) : undefined;
    return table ? this.membersCalled(table.file, table.members, call) : NO_REFS;
  }

  /** `get_api_function(p)(x)`: whatever the workspace functions of that name return. */
  private throughReturnedFunctions(file: string, call: LocalCall): FunctionRef[] {
    const { returnedFunction: _, ...factoryCall } = call;
    const factories = this.resolveNamed(file, factoryCall);
    return factories.flatMap((f) => (f.fn.returnsFunctions ? this.membersCalled(f.file, f.fn.returnsFunctions, call) : []));
  }

  /**
   * A script run as a program: the functions its module-level code calls (`main()`,
   * `asyncio.run(main())`), found by the path as written from the launching file's folder or the
   * workspace root, or by the `-m` module.
   */
  /**
   * The handler of one of the project's routes a request reaches: the exported function named for
   * the method in an app-router `route.ts`, the default export of a pages-router file.
   */
  private throughOwnRoute(route: NonNullable<LocalCall['requestsRoute']>): FunctionRef[] {
    const pattern = routeFilePattern(route.path);
    const out: FunctionRef[] = [];
    for (const [file, facts] of this.files) {
      if (!pattern.test(file)) continue;
      const handlers = facts.functions.filter((fn) => fn.name === route.method || (fn.defaultExport && !/\/route\.[^/]+$/.test(file)));
      out.push(...handlers.map((fn) => ({ file, fn })));
    }
    return out;
  }

  private throughLaunchedScript(file: string, launches: NonNullable<LocalCall['launches']>): FunctionRef[] {
    const script = this.modulePaths.launched(file, launches);
    const facts = script ? this.files.get(script) : undefined;
    if (!script || !facts) return NO_REFS;
    const entries = facts.localCalls.filter((c) => !c.enclosingFunction && !c.importedFrom && !c.name.includes('.') && !c.launches);
    const out = entries.flatMap((c) => this.lookup(script, c.name));
    return out.length ? [...new Set(out)] : this.lookup(script, 'main');
  }

  /** `summarizer = make_summarizer(); summarizer.summarize(x)`: the method of the class each factory returns. */
  private throughFactory(file: string, factory: NonNullable<LocalCall['receiverFactory']>, method: string, call: LocalCall): FunctionRef[] {
    const out: FunctionRef[] = [];
    for (const made of this.resolveNamed(file, { ...factory, range: call.range, repetition: call.repetition })) {
      const cls = made.fn.returnsInstanceOf;
      const source = cls ? this.files.get(made.file)?.imports.find((i) => i.localName === cls) : undefined;
      if (cls) out.push(...this.methodsOf(made.file, cls, method, source?.source, source?.importedName));
    }
    return out;
  }

  /** The functions that members of a table (or returned names), as `file` names them, are. */
  private membersCalled(file: string, members: FunctionMember[], call: LocalCall): FunctionRef[] {
    const seen = new Set<FunctionFacts>();
    const out: FunctionRef[] = [];
    for (const member of members) {
      for (const ref of this.resolveNamed(file, { ...member, range: call.range, repetition: call.repetition })) {
        if (!seen.has(ref.fn) && seen.add(ref.fn)) out.push(ref);
      }
    }
    return out;
  }

  /** The table `name` as a module exports it: defined there or re-exported, a few modules deep. */
  private tableExported(file: string, name: string, depth: number): { file: string; members: FunctionMember[] } | undefined {
    const own = this.files.get(file)?.functionTables?.[name];
    if (own) return { file, members: own };
    if (depth >= MAX_REEXPORTS) return undefined;
    for (const imp of this.files.get(file)?.imports ?? []) {
      if (imp.localName !== name && imp.localName !== '*') continue;
      const source = this.resolveModule(file, imp.source);
      if (!source || source === file) continue;
      const found = this.tableExported(source, imp.localName === '*' ? name : imp.importedName, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private lookup(file: string, name: string): FunctionRef[] {
    const fns = this.functionsByFile.get(file)?.get(name);
    // Most lookups find nothing: they share one empty list (frozen, so no caller can fill it).
    return fns ? fns.map((fn) => ({ file, fn })) : NO_REFS;
  }

  /** `name` as a module exports it: defined there or re-exported (`reexports.ts`). */
  private lookupExported(file: string, name: string): FunctionRef[] {
    const resolve = (from: string, source: string) => this.resolveModule(from, source);
    const own = (at: string, wanted: string) => {
      const refs = this.lookup(at, wanted);
      return refs.length ? refs : undefined;
    };
    return throughReexports(file, name, this.files, resolve, own) ?? NO_REFS;
  }

  /** Maps an import source to a workspace file: relative TS/JS paths, Python dotted modules. */
  resolveModule(fromFile: string, source: string): string | undefined {
    return this.modulePaths.resolve(fromFile, source);
  }
}

/** The concurrent repetitions marked limited (copies: repetitions are shared between sites). */
function limited(reps: Repetition[]): Repetition[] {
  return reps.map((r) => (r.concurrent && !r.limited ? { ...r, limited: true } : r));
}

/** A range inside another, by lines. */
export function within(inner: { startLine: number; endLine: number }, outer: { startLine: number; endLine: number }): boolean {
  return inner.startLine >= outer.startLine && inner.endLine <= outer.endLine;
}

/** A site reached from an arm of a conditional chain: one of the chain's alternatives, unless already one of a dispatch's. */
function inArm(site: LinkedCallSite, file: string, branch: string | undefined): LinkedCallSite {
  return branch && !site.alternativeGroup ? { ...site, alternativeGroup: `${file}:branch:${branch}` } : site;
}
