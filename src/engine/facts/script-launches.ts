// A workspace script run as a program from a loop (`for model in MODELS:
// subprocess.run(["python", "generate.py", "--model", model])`, `spawnSync("node", ["gen.mjs", m])`):
// each run repeats the script's requests, so the loop drives the script's entry functions. The
// launchers are rows of ../process-launchers.ts.
import type { SyntaxNode } from '../parse/syntax-tree';
import type { LocalCall } from '../types';
import { processLauncherFor } from '../process-launchers';
import type { Resolver } from './resolver';
import { argumentsOf, calleeOf, memberPath, unwrapExpression } from './syntax';

/** A script path as a command names it: a file with a source extension the engine analyses. */
const SCRIPT_PATH = /(?:^|[\s"'`,[(=])((?:\.{0,2}\/)?(?:[\w@.-]+\/)*[\w-]+\.(?:py|mjs|cjs|js|mts|ts))(?=$|[\s"'`,\])])/;
/** `python -m package.module`: the module run as a script. */
const SCRIPT_MODULE = /(?:^|[\s"'`,[])-m["'`]?\s*,?\s*["'`]?([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)/;

/** The launcher a call is, when its callee is one of the table's functions from the module it names. */
function isLauncher(call: SyntaxNode, resolver: Resolver): boolean {
  const path = memberPath(calleeOf(call));
  if (!path || path.length > 2) return false;
  const binding = resolver.imports.find((i) => i.localName === path[0]);
  if (!binding) return false;
  const name = path.length === 2 ? path[1] : binding.importedName;
  return !!processLauncherFor(binding.source, name);
}

/** The text of the command: the arguments, and the definitions of the names among them (`cmd = [...]`). */
function commandText(call: SyntaxNode, resolver: Resolver): string {
  const parts: string[] = [];
  for (const arg of argumentsOf(call).positional.slice(0, 2)) {
    const value = unwrapExpression(arg);
    if (!value) continue;
    parts.push(value.text);
    if (value.type === 'identifier') for (const def of resolver.definitionsOf(value.text, value).slice(0, 2)) parts.push(def.text);
  }
  return parts.join(' ');
}

/** The script a launcher call runs, as written: a path or a `-m` module. */
export function launchedScript(call: SyntaxNode, resolver: Resolver): LocalCall['launches'] {
  if (!isLauncher(call, resolver)) return undefined;
  const text = commandText(call, resolver);
  const path = SCRIPT_PATH.exec(text)?.[1];
  if (path) return { path };
  const module = SCRIPT_MODULE.exec(text)?.[1];
  return module ? { module } : undefined;
}
