// Functions of the languages' own libraries and built-ins. None of them returns what a model said:
// a value made by `os.getenv(...)`, `open(...)` or `JSON.parse(...)` carries model output only when
// its arguments do, which the data flow follows on its own. Treating these calls as possible
// wrappers made every file handle and environment value of a file with one model call "output".

/** Names listed in a block of text, separated by white space. */
function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Top-level Python standard-library modules that code calls into. */
const PYTHON_MODULES = words(`
  abc argparse array ast asyncio base64 bisect bz2 calendar codecs collections concurrent configparser
  contextlib copy csv ctypes dataclasses datetime decimal difflib enum errno fnmatch fractions functools
  getpass gettext glob gzip hashlib heapq hmac html http importlib inspect io ipaddress itertools json
  keyword locale logging lzma math mimetypes multiprocessing numbers operator os pathlib pickle platform
  pprint queue random re secrets select shlex shutil signal socket sqlite3 ssl stat statistics string
  struct subprocess sys tarfile tempfile textwrap threading time timeit tokenize traceback types typing
  unicodedata unittest urllib uuid warnings weakref xml zipfile zlib
`);

/** Node's built-in modules, with or without the `node:` prefix. */
const NODE_MODULES = words(`
  assert buffer child_process cluster crypto dns events fs fs/promises http https net os path perf_hooks
  process querystring readline stream string_decoder timers timers/promises tls url util v8 vm
  worker_threads zlib
`);

/** Built-in functions and global objects called without an import: Python's, then JavaScript's. */
const BUILTINS = words(`
  abs all any bool bytes dict dir divmod enumerate float format frozenset getattr hasattr hash id
  input int isinstance issubclass iter len list max min next open ord chr pow print range repr
  reversed round set setattr sorted str sum tuple type vars zip Array Boolean Buffer Date JSON Math Number
  Object Promise Reflect RegExp String console parseFloat parseInt performance process require setInterval setTimeout
  structuredClone
`);

const STANDARD_MODULES = new Set([...PYTHON_MODULES, ...NODE_MODULES]);
const BUILTIN_NAMES = new Set(BUILTINS);

/** A call into the language's own library (`os.getenv`, `fs.readFileSync`, `open`, `JSON.parse`), by how it was written. */
export function callsStandardLibrary(call: { name: string; importedFrom?: string }): boolean {
  if (call.importedFrom !== undefined) {
    const source = call.importedFrom.replace(/^node:/, '');
    return STANDARD_MODULES.has(source) || STANDARD_MODULES.has(source.split('.')[0]);
  }
  return BUILTIN_NAMES.has(call.name.split('.')[0]);
}
