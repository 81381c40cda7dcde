// Modules that hold prompts: `from prompts import EVOLVE_PROMPT`, `import { SYSTEM_PROMPT } from
// './prompts'`. They name no SDK, so the pre-filter never sends them to the parser, yet the prompt
// features of a workload (chain-of-thought requests, capability sweeps, counts of items asked
// for) often live only there. After the wrapper rounds, the workspace modules that parsed files
// import prompt-like names from are parsed too.
import type { FileFacts } from './types';
import { ModulePaths } from './module-paths';

/** A constant (`EVOLVE_PROMPT`, `templates`) or any name about prompts, templates or instructions. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]{2,}$/;
const ABOUT_PROMPTS = /prompt|template|instruction|persona|few_?shot|examples?$|seed_?tasks|system_?message/i;
const promptLike = (name: string) => CONSTANT_NAME.test(name) || ABOUT_PROMPTS.test(name);

/** Files among `candidates` (not parsed yet) that parsed files import prompt-like names from, in `candidates` order. */
export function promptModulesToParse(facts: Map<string, FileFacts>, allFiles: readonly string[], candidates: ReadonlySet<string>): string[] {
  if (!candidates.size) return [];
  const modulePaths = new ModulePaths(new Set(allFiles));
  const wanted = new Set<string>();
  for (const [file, fileFacts] of facts) {
    for (const imp of fileFacts.imports) {
      const names = [imp.localName, imp.importedName, imp.source.split(/[./]/).pop() ?? ''];
      if (!names.some(promptLike)) continue;
      // `from pkg import prompts` names a module; `from pkg.prompts import X` names a member.
      const member = /^\w+$/.test(imp.importedName) && !imp.source.includes('/') ? [`${imp.source}${imp.source.endsWith('.') ? '' : '.'}${imp.importedName}`] : [];
      for (const source of [imp.source, ...member]) {
        const target = modulePaths.resolve(file, source);
        if (target && candidates.has(target)) wanted.add(target);
      }
    }
  }
  return [...candidates].filter((f) => wanted.has(f));
}
