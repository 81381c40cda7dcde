// Rebuilds the real-world benchmark corpus (three SDK and framework monorepos at pinned commits)
// from local snapshots of those repositories: bare git repositories, read with `git ls-tree -r`
// and `git cat-file --batch`, so nothing is cloned, checked out or fetched, and no third-party code
// is ever committed here.
//   node bench/real-corpus.mjs <mirrors-dir> [<out-dir>]      (default out-dir: bench/.work/real)
// <mirrors-dir> holds one bare repository per project, found as <owner>+<name>, <owner>+<name>/repo,
// <owner>/<name>, <name>.git or <name> (a clone with --mirror or --bare, or any snapshot of one).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REAL_CORPUS = [
  { repo: 'vercel/ai', commit: 'ed857f50' },
  { repo: 'langchain-ai/langchainjs', commit: '62fc484b' },
  { repo: 'crewAIInc/crewAI', commit: 'f4731f50' },
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function gitDirOf(mirrors, repo) {
  const [owner, name] = repo.split('/');
  const candidates = [`${owner}+${name}/repo`, `${owner}+${name}`, `${owner}/${name}`, `${owner}/${name}.git`, `${name}.git`, name].map(
    (c) => path.join(mirrors, c),
  );
  return candidates.find((dir) => spawnSync('git', ['--git-dir', dir, 'rev-parse', '--git-dir'], { stdio: 'ignore' }).status === 0);
}

function git(gitDir, args) {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Writes every regular file of `commit` under `out` (symlinks and submodules are left out). */
async function extract(gitDir, commit, out) {
  const entries = git(gitDir, ['ls-tree', '-r', '-z', '--full-tree', commit])
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .flatMap((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, object] = line.slice(0, tab).split(' ');
      return type === 'blob' && (mode === '100644' || mode === '100755') ? [{ object, file: line.slice(tab + 1) }] : [];
    });
  // One cat-file process for every blob: its output is "<oid> blob <size>\n<bytes>\n" per object, in order.
  const cat = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = Buffer.alloc(0);
  let next = 0;
  const missing = [];
  const written = new Promise((resolve, reject) => {
    cat.stdout.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        const eol = buffer.indexOf(10);
        if (eol < 0) return;
        const header = buffer.subarray(0, eol).toString('utf8').split(' ');
        if (next >= entries.length) throw new Error(`unexpected cat-file output: ${header.join(' ')}`);
        if (header[1] === 'missing') {
          // A snapshot may leave out its largest blobs: the file is left out too, and counted.
          missing.push(entries[next++].file);
          buffer = buffer.subarray(eol + 1);
          continue;
        }
        const size = Number(header[2]);
        if (buffer.length < eol + 1 + size + 1) return;
        const target = path.join(out, entries[next++].file);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, buffer.subarray(eol + 1, eol + 1 + size));
        buffer = buffer.subarray(eol + 1 + size + 1);
      }
    });
    cat.on('close', (code) =>
      code === 0 && next === entries.length
        ? resolve({ files: entries.length - missing.length, missing })
        : reject(new Error(`git cat-file ended with ${code} after ${next} of ${entries.length} files`)),
    );
  });
  cat.stdin.end(entries.map((e) => e.object).join('\n') + '\n');
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [mirrors, outArg] = process.argv.slice(2);
  if (!mirrors || !existsSync(mirrors)) {
    console.error(
      'usage: node bench/real-corpus.mjs <mirrors-dir> [<out-dir>]   (a folder of bare git repositories of the projects below)',
    );
    for (const { repo, commit } of REAL_CORPUS) console.error(`  ${repo} at ${commit}`);
    process.exit(2);
  }
  const out = path.resolve(outArg ?? path.join(root, 'bench', '.work', 'real'));
  for (const { repo, commit } of REAL_CORPUS) {
    const gitDir = gitDirOf(path.resolve(mirrors), repo);
    if (!gitDir) {
      console.error(`real-corpus: no snapshot of ${repo} in ${mirrors}`);
      process.exit(2);
    }
    const dir = path.join(out, repo.replace('/', '+'));
    rmSync(dir, { recursive: true, force: true });
    const { files, missing } = await extract(gitDir, commit, dir);
    const notInSnapshot = missing.length
      ? `; ${missing.length} not in the snapshot (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''})`
      : '';
    console.log(`real-corpus: ${repo} ${commit}: ${files} files in ${path.relative(process.cwd(), dir) || dir}${notInSnapshot}`);
  }
}
