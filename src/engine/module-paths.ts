// Import source → workspace file. Python dotted imports and `@/` aliases may name a module under
// any folder, so lookups go through an index of files by their last path segment: a scan of every
// path per import was a third of a cold scan's CPU time on a 20,000-file tree.
// A one-name Python import (`import logging`, `from utils import x`) is found the way Python finds
// it: next to the importing script or in a folder above it (the working directory a script runs
// from), or in such a folder's `src/`. Matching it anywhere made `import logging` reach a
// package's own `utilities/logging.py` from every file of a large framework, which tied most of
// its files into one dependency set.
import { posix } from 'node:path';

import { isNotebookFile, languageForFile } from './parse/languages';

const JS_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** The files a JS/TS module path may name: itself, with an extension, or its folder's index. */
const jsCandidates = (base: string) => [base, ...JS_EXTENSIONS.map((e) => base + e), ...JS_EXTENSIONS.map((e) => `${base}/index${e}`)];

export class ModulePaths {
  private readonly byBaseName = new Map<string, string[]>();
  /** Resolutions of sources that do not depend on the importing file's folder, keyed `py:` for Python importers. */
  private readonly absolute = new Map<string, string | undefined>();

  /** Workspace packages by their package.json name (from the files' facts, when given facts). */
  private readonly packages = new Map<string, { root: string; entries: string[] }>();

  constructor(private readonly files: ReadonlySet<string> | ReadonlyMap<string, unknown>) {
    for (const file of files.keys()) {
      const base = file.slice(file.lastIndexOf('/') + 1);
      const list = this.byBaseName.get(base);
      if (list) list.push(file);
      else this.byBaseName.set(base, [file]);
    }
    if (files instanceof Map) {
      for (const facts of files.values()) {
        const pkg = (facts as { package?: { name: string; root: string; entries: string[] } } | undefined)?.package;
        if (pkg?.name && !this.packages.has(pkg.name)) this.packages.set(pkg.name, pkg);
      }
    }
  }

  /**
   * The workspace script a launcher runs (`python tools/gen.py`, `tsx scripts/gen.ts`, `-m tools.gen`):
   * the path from the launching file's folder or the workspace root (a compiled `.js` by its `.ts`
   * source), else the one file whose path ends so.
   */
  launched(fromFile: string, launches: { path?: string; module?: string }): string | undefined {
    if (launches.module) return this.resolve(fromFile, launches.module);
    const relative = posix.normalize((launches.path ?? '').replace(/\\/g, '/'));
    const candidates = [posix.join(posix.dirname(fromFile), relative), relative];
    if (/\.js$/.test(relative)) candidates.push(...candidates.map((c) => c.replace(/\.js$/, '.ts')));
    const found = candidates.find((c) => this.files.has(c));
    if (found) return found;
    const tail = relative.replace(/^(\.\.?\/)+/, '');
    const ending = (this.byBaseName.get(posix.basename(tail)) ?? []).filter((f) => f === tail || f.endsWith('/' + tail));
    return ending.length === 1 ? ending[0] : undefined;
  }

  /**
   * Resolutions of relative sources by the importing file's folder, and of other sources by the
   * tsconfig aliases that apply to the importing file (one list per package, shared by its files):
   * the analysis resolves the same import of a module once per call made through it.
   */
  private readonly relative = new Map<string, Map<string, string | undefined>>();
  private readonly byAliases = new Map<object | undefined, Map<string, string | undefined>>();

  /** Maps an import source to a workspace file: relative TS/JS paths, Python dotted modules, `@/` aliases. */
  resolve(fromFile: string, source: string): string | undefined {
    const dir = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/')) : '';
    let known: Map<string, string | undefined> | undefined;
    if (isRelative(source) || (PYTHON_MODULE_NAME.test(source) && isPython(fromFile))) {
      known = this.relative.get(dir);
      if (!known) this.relative.set(dir, (known = new Map()));
    } else {
      const aliases = this.packageOf(fromFile)?.aliases;
      known = this.byAliases.get(aliases);
      if (!known) this.byAliases.set(aliases, (known = new Map()));
    }
    if (known.has(source)) return known.get(source);
    const resolved = this.resolveUncached(fromFile, dir, source);
    known.set(source, resolved);
    return resolved;
  }

  /** The package facts of a file, whose aliases decide how its non-relative imports resolve. */
  private packageOf(fromFile: string): { root: string; aliases?: [string, string[]][] } | undefined {
    return this.files instanceof Map
      ? (this.files.get(fromFile) as { package?: { root: string; aliases?: [string, string[]][] } } | undefined)?.package
      : undefined;
  }

  private resolveUncached(fromFile: string, dir: string, source: string): string | undefined {
    if (source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..') {
      const base = normalise(join(dir, source)).replace(/\.(js|mjs|cjs|jsx)$/, '');
      return jsCandidates(base).find((c) => this.files.has(c));
    }
    if (/^\.+[\w.]*$/.test(source)) {
      // Python relative: `.llm`, `..pkg.llm`.
      const dots = /^\.*/.exec(source)![0].length;
      const rest = source.slice(dots).replace(/\./g, '/');
      let base = dir;
      for (let i = 1; i < dots; i++) base = base.includes('/') ? base.slice(0, base.lastIndexOf('/')) : '';
      const path = rest ? join(base, rest) : base;
      return [`${path}.py`, `${path}/__init__.py`].find((c) => this.files.has(c));
    }
    if (PYTHON_MODULE_NAME.test(source) && isPython(fromFile)) return this.resolveTopLevelModule(dir, source);
    const aliased = this.resolveAlias(fromFile, source);
    if (aliased) return aliased;
    const python = isPython(fromFile);
    const key = python ? `py:${source}` : source;
    if (this.absolute.has(key)) return this.absolute.get(key);
    const resolved = this.resolveAbsolute(source, python);
    this.absolute.set(key, resolved);
    return resolved;
  }

  /** `import utils`: `utils.py` or `utils/__init__.py` beside the importer, in a folder above it, or in their `src/`. */
  private resolveTopLevelModule(dir: string, name: string): string | undefined {
    for (let folder: string | undefined = dir; folder !== undefined; folder = parentOf(folder)) {
      for (const root of [folder, join(folder, 'src')]) {
        const found = [join(root, `${name}.py`), join(root, `${name}/__init__.py`)].find((c) => this.files.has(c));
        if (found) return found;
      }
    }
    return undefined;
  }

  private resolveAbsolute(source: string, python: boolean): string | undefined {
    const fromPackage = this.resolvePackage(source);
    if (fromPackage) return fromPackage;
    if (python && /^[\w.]+$/.test(source)) {
      // Python `pkg.llm`, from a root or any package folder.
      const rest = source.replace(/\./g, '/');
      for (const candidate of [`${rest}.py`, `${rest}/__init__.py`]) {
        if (this.files.has(candidate)) return candidate;
        const found = this.withSuffix(candidate);
        if (found) return found;
      }
      return undefined;
    }
    if (source.startsWith('@/') || source.startsWith('~/')) {
      const rest = source.slice(2);
      for (const e of JS_EXTENSIONS) {
        const found = this.withSuffix(`${rest}${e}`) ?? this.withSuffix(`${rest}/index${e}`);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** `@lib/openai` through the importing file's tsconfig `paths` (`"@lib/*": ["src/lib/*"]`). */
  private resolveAlias(fromFile: string, source: string): string | undefined {
    const pkg = this.packageOf(fromFile);
    for (const [pattern, targets] of pkg?.aliases ?? []) {
      const star = pattern.indexOf('*');
      const head = star < 0 ? pattern : pattern.slice(0, star);
      const tail = star < 0 ? '' : pattern.slice(star + 1);
      if (star < 0 ? source !== pattern : !(source.startsWith(head) && source.endsWith(tail) && source.length >= head.length + tail.length))
        continue;
      const matched = star < 0 ? '' : source.slice(head.length, source.length - tail.length);
      for (const target of targets) {
        const base = normalise(join(pkg!.root, target.replace('*', matched))).replace(/\.(js|mjs|cjs|jsx)$/, '');
        const found = jsCandidates(base).find((c) => this.files.has(c));
        if (found) return found;
      }
    }
    return undefined;
  }

  /**
   * `@acme/llm` / `@acme/llm/prompts`: a workspace package by name, at its declared entry or its
   * `src/index`; a subpath under `src/` or the package folder.
   */
  private resolvePackage(source: string): string | undefined {
    if (!this.packages.size || source.startsWith('.')) return undefined;
    const parts = source.split('/');
    const nameLength = source.startsWith('@') ? 2 : 1;
    const pkg = this.packages.get(parts.slice(0, nameLength).join('/'));
    if (!pkg) return undefined;
    const sub = parts.slice(nameLength).join('/');
    const within = (p: string) => (pkg.root ? `${pkg.root}/${p}` : p);
    const bases = sub
      ? [`src/${sub}`, sub, `lib/${sub}`]
      : [...pkg.entries.map((e) => e.replace(/^(dist|build|lib|out)\//, 'src/')), ...pkg.entries, 'src/index', 'index', 'lib/index'];
    for (const base of bases) {
      for (const candidate of jsCandidates(base)) {
        const file = within(candidate);
        if (this.files.has(file)) return file;
      }
    }
    return undefined;
  }

  /** The first file (in workspace order) whose path ends with `suffix` at a folder boundary. */
  private withSuffix(suffix: string): string | undefined {
    const base = suffix.slice(suffix.lastIndexOf('/') + 1);
    return this.byBaseName.get(base)?.find((file) => file === suffix || file.endsWith('/' + suffix));
  }
}

/** A top-level Python module name: one identifier, no dots. */
const PYTHON_MODULE_NAME = /^[A-Za-z_]\w*$/;

const isPython = (file: string) => languageForFile(file) === 'python' || isNotebookFile(file);

/** The folder above `folder` (`''` is the workspace root, whose parent is none). */
function parentOf(folder: string): string | undefined {
  if (folder === '') return undefined;
  return folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '';
}

/** Sources resolved from the importing file's folder: `./x`, `../x`, `.`, `..`, Python's `.x`, `..pkg.x`. */
function isRelative(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..' || /^\.+[\w.]*$/.test(source);
}

function join(a: string, b: string): string {
  return a ? `${a}/${b}` : b;
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
