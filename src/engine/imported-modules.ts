// Workspace modules that name no SDK, so the pre-filter never sends them to the parser, yet take
// part in a workload through what parsed files import from them:
// - modules that hold prompts (`from prompts import EVOLVE_PROMPT`, `import { SYSTEM_PROMPT } from
//   './prompts'`): the prompt features of a workload (chain-of-thought requests, capability
//   sweeps, counts of items asked for) often live only there;
// - modules whose functions or classes are handed a client, an object or a function
//   (`Generator(client)`, `new LlmService(openai)`, `run_all(generate, rows)`): the calls on that
//   client, or the loop that runs that function, live there.
// - a package's entry module (`index.ts`, `__init__.py`) that parsed files import from: it names no
//   SDK, yet re-exports the factories and classes that do (`export { createAgent } from './agent.js'`).
// After the wrapper rounds, those modules are parsed too.
import type { FileFacts } from './types';
import { ModulePaths } from './module-paths';

/** A package's entry module, which re-exports what its other modules define. */
const PACKAGE_ENTRY = /(^|\/)(index\.[cm]?[jt]sx?|__init__\.py)$/;
/** A constant (`EVOLVE_PROMPT`, `templates`) or any name about prompts, templates or instructions. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]{2,}$/;
const ABOUT_PROMPTS = /prompt|template|instruction|persona|few_?shot|examples?$|seed_?tasks|system_?message/i;
const promptLike = (name: string) => CONSTANT_NAME.test(name) || ABOUT_PROMPTS.test(name);

/**
 * Files among `candidates` (not parsed yet) that parsed files import prompt-like names from, or
 * hand a client to, in `candidates` order.
 */
export function importedModulesToParse(
  facts: Map<string, FileFacts>,
  allFiles: readonly string[],
  candidates: ReadonlySet<string>,
): string[] {
  if (!candidates.size) return [];
  const modulePaths = new ModulePaths(new Set(allFiles));
  const wanted = new Set<string>();
  for (const [file, fileFacts] of facts) {
    for (const call of fileFacts.localCalls) {
      // Clients, objects and functions handed over (a callback to a pool helper) all carry model calls there.
      if (!call.importedFrom || !call.args?.some((a) => a.value.kind !== 'import')) continue;
      for (const source of moduleSources(call.importedFrom, call.importedName ?? '')) {
        const target = modulePaths.resolve(file, source);
        if (target && candidates.has(target)) wanted.add(target);
      }
    }
    for (const imp of fileFacts.imports) {
      const names = [imp.localName, imp.importedName, imp.source.split(/[./]/).pop() ?? ''];
      const prompts = names.some(promptLike);
      for (const source of moduleSources(imp.source, imp.importedName)) {
        const target = modulePaths.resolve(file, source);
        if (target && candidates.has(target) && (prompts || PACKAGE_ENTRY.test(target))) wanted.add(target);
      }
    }
  }
  return [...candidates].filter((f) => wanted.has(f));
}

/** `from pkg import prompts` names a module; `from pkg.prompts import X` names a member: both are tried. */
function moduleSources(source: string, importedName: string): string[] {
  const name = importedName.split('.')[0];
  const member =
    /^\w+$/.test(name) && name !== 'default' && !source.includes('/') ? [`${source}${source.endsWith('.') ? '' : '.'}${name}`] : [];
  return [source, ...member];
}
