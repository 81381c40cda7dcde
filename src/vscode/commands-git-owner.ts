// The owner the "Document this workload" skeleton proposes: `user.name <user.email>` from the
// repository's .git/config, else ~/.gitconfig. Read as files only — git is never executed (the
// workspace may be untrusted, and a configured git hook or alias could run code).
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface GitIdentity {
  name?: string;
  email?: string;
}

/** `[user]` name and email from git config text (INI: sections, `key = value`, `;`/`#` comments). */
export function parseGitIdentity(text: string): GitIdentity {
  const identity: GitIdentity = {};
  let inUser = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, '');
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[([^\]\s"]+)(?:\s+"[^"]*")?\]/.exec(line);
    if (section) {
      inUser = section[1].toLowerCase() === 'user';
      continue;
    }
    if (!inUser) continue;
    const kv = /^(name|email)\s*=\s*(.*?)\s*$/i.exec(line);
    if (kv) identity[kv[1].toLowerCase() as 'name' | 'email'] = kv[2].replace(/^"(.*)"$/, '$1');
  }
  return identity;
}

export function formatOwner(identity: GitIdentity): string | undefined {
  if (identity.name && identity.email) return `${identity.name} <${identity.email}>`;
  return identity.email ?? identity.name;
}

/** The repository config of the folder (or an ancestor) wins over the global one, like git. */
export function gitOwnerFor(folderPath: string | undefined, home = os.homedir()): string | undefined {
  const files: string[] = [];
  for (let dir = folderPath; dir; ) {
    files.push(path.join(dir, '.git', 'config'));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  let identity: GitIdentity = {};
  for (const file of [path.join(home, '.gitconfig'), ...files.reverse()]) {
    try {
      if (!statSync(file).isFile()) continue;
      const found = parseGitIdentity(readFileSync(file, 'utf8'));
      identity = { name: found.name ?? identity.name, email: found.email ?? identity.email };
    } catch {
      // Missing or unreadable (virtual file systems, the browser): no owner from this file.
    }
  }
  return formatOwner(identity);
}
