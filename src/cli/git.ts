// What `scan --since` and `scan --staged` ask of git, through the git binary: argument arrays, no
// shell, and only the read-only subcommands in GIT_SUBCOMMANDS (test/unit/no-network.test.ts holds
// the CLI to them). Settings that could start a program (an fsmonitor hook) are switched off, and
// a partial clone is never allowed to fetch a missing blob: the scan stays offline.
import { spawn } from 'node:child_process';
import { UsageError } from './errors';

/** Every git subcommand the CLI may run. */
export const GIT_SUBCOMMANDS = ['rev-parse', 'diff', 'ls-files', 'cat-file', 'hash-object'] as const;
export type GitSubcommand = (typeof GIT_SUBCOMMANDS)[number];

const GLOBAL_OPTIONS = ['--no-optional-locks', '-c', 'core.fsmonitor=false', '-c', 'core.quotepath=off'];

const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  // git 2.44+: a blob missing from a partial clone is an error instead of a fetch.
  GIT_NO_LAZY_FETCH: '1',
  GIT_PAGER: 'cat',
  LC_ALL: 'C',
};

/** One entry of `git diff --raw`: a path and the blob on each side (null where the path is absent). */
export interface RawChange {
  path: string;
  /** The blob on the "from" side (the commit, or the index for index-vs-worktree), null when added. */
  before: string | null;
  /** The file mode on the "from" side (100644, 100755, 120000 for a symlink, 160000 for a submodule). */
  beforeMode: string;
  /** The blob on the "to" side; null when deleted, or when the side is the working tree (git does not hash it). */
  after: string | null;
  status: string;
}

export class GitRepository {
  private constructor(readonly top: string) {}

  /** The repository holding `dir`, or a usage error naming what is wrong (no git, not a repository). */
  static async open(dir: string): Promise<GitRepository> {
    const top = (await runGit(dir, 'rev-parse', ['--show-toplevel'])).toString('utf8').trim();
    if (!top) throw new UsageError(`${dir} is not inside a git work tree`);
    return new GitRepository(top);
  }

  /** The commit a ref names, as a full object id. */
  async resolveCommit(ref: string): Promise<string> {
    try {
      return (await runGit(this.top, 'rev-parse', ['--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).toString('utf8').trim();
    } catch {
      throw new UsageError(
        `"${ref}" is not a commit in this repository (in a shallow CI checkout, fetch more history, e.g. fetch-depth: 0)`,
      );
    }
  }

  /** HEAD's commit, or undefined before the first commit. */
  async head(): Promise<string | undefined> {
    try {
      return (await runGit(this.top, 'rev-parse', ['--verify', '--quiet', 'HEAD^{commit}'])).toString('utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  }

  /** The empty tree's id in this repository's hash (what a commit-less HEAD is compared as). */
  async emptyTree(): Promise<string> {
    return (await runGit(this.top, 'hash-object', ['-t', 'tree', '--stdin'], Buffer.alloc(0))).toString('utf8').trim();
  }

  /** `from` (a commit or tree) against the working tree. */
  commitVsWorkingTree(from: string): Promise<RawChange[]> {
    return this.diffRaw(['--end-of-options', from]);
  }

  /** `from` (a commit or tree) against the index. */
  commitVsIndex(from: string): Promise<RawChange[]> {
    return this.diffRaw(['--cached', '--end-of-options', from]);
  }

  /** The index against the working tree (unstaged edits). */
  indexVsWorkingTree(): Promise<RawChange[]> {
    return this.diffRaw([]);
  }

  /** Untracked files git does not ignore, relative to the repository's top. */
  async untrackedFiles(): Promise<string[]> {
    const out = await runGit(this.top, 'ls-files', ['--others', '--exclude-standard', '-z', '--full-name']);
    return splitNul(out);
  }

  /** Blob contents by id, read in one `git cat-file --batch`. */
  async readBlobs(ids: Iterable<string>): Promise<Map<string, Buffer>> {
    const wanted = [...new Set(ids)];
    const blobs = new Map<string, Buffer>();
    if (!wanted.length) return blobs;
    const out = await runGit(this.top, 'cat-file', ['--batch'], Buffer.from(wanted.join('\n') + '\n'));
    let at = 0;
    while (at < out.length) {
      const eol = out.indexOf(0x0a, at);
      if (eol < 0) break;
      const header = out.subarray(at, eol).toString('utf8').split(' ');
      at = eol + 1;
      if (header[1] === 'missing' || header.length < 3) continue;
      const size = Number(header[2]);
      blobs.set(header[0], out.subarray(at, at + size));
      at += size + 1;
    }
    for (const id of wanted)
      if (!blobs.has(id)) throw new UsageError(`git cannot read object ${id} (a partial or shallow clone may lack it)`);
    return blobs;
  }

  private async diffRaw(args: string[]): Promise<RawChange[]> {
    // Options that pin the output whatever the user's diff settings (relative paths, renames, colour).
    const out = await runGit(this.top, 'diff', [
      '--raw',
      '-z',
      '--no-abbrev',
      '--no-renames',
      '--no-color',
      '--no-ext-diff',
      '--no-relative',
      '--ignore-submodules=all',
      ...args,
      '--',
    ]);
    const fields = splitNul(out);
    const changes: RawChange[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const [beforeMode, , before, after, status] = fields[i].replace(/^:/, '').split(' ');
      const absent = (id: string) => (/^0+$/.test(id) ? null : id);
      changes.push({ path: fields[i + 1], before: absent(before), beforeMode, after: absent(after), status });
    }
    return changes;
  }
}

function splitNul(out: Buffer): string[] {
  return out
    .toString('utf8')
    .split('\0')
    .filter((s) => s.length > 0);
}

/** Runs one git subcommand in `cwd`; resolves with its standard output, rejects with a usage error. */
function runGit(cwd: string, subcommand: GitSubcommand, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...GLOBAL_OPTIONS, subcommand, ...args], {
      cwd,
      env: GIT_ENV,
      shell: false,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        new UsageError(
          e.code === 'ENOENT' ? 'git is not installed or not on PATH (needed by --since and --staged)' : `cannot run git: ${e.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new UsageError(`git ${subcommand} failed: ${Buffer.concat(err).toString('utf8').trim().split('\n')[0] || `exit code ${code}`}`),
        );
    });
    child.stdin.on('error', () => undefined); // git may exit before reading all of it; its exit code tells
    child.stdin.end(input ?? Buffer.alloc(0));
  });
}
