// Prompt templates read at run time: the files the code's reads name (facts/prompt-file-reads.ts)
// are read from the workspace and searched for the same prompt phrases as string literals
// (reasoning elicitation, rubric grading, system-prompt extraction, …). A feature found in a
// template is placed on the read, so the workload whose function reads it (or names the constant
// holding it) carries the feature as if the text were written there.
import { posix } from 'node:path';
import type { FileFacts, PromptFeature, PromptFileRead } from './types';
import { promptPhrasesIn } from './phrases';
import { redactSecrets } from './secrets';

/** What reading templates needs from the host: a file by its workspace path, and a folder's file names. */
export interface PromptFileHost {
  readFile(file: string): Promise<Uint8Array>;
  /** The names of the files directly inside a folder (for `prompts/*.md`); left out, such reads are not followed. */
  listFolder?(folder: string): Promise<string[]>;
}

/** A template bigger than this is data, not a prompt. */
const MAX_TEMPLATE_BYTES = 256 * 1024;
/** Files one wildcard read may name (a folder of per-task templates). */
const MAX_FILES_PER_READ = 40;
const EXCERPT_CHARS = 80;

/** The workspace paths a read may name: from the file's folder, or the workspace root. */
function candidates(file: string, read: PromptFileRead): string[] {
  const folder = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const bases = read.fromFileDir ? [folder] : [...new Set([folder, ''])];
  return bases.map((base) => posix.normalize(posix.join(base || '.', read.path))).filter((p) => !p.startsWith('../'));
}

function wildcardPattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
}

/** The template files a read names, as they exist in the workspace. */
async function filesOf(file: string, read: PromptFileRead, host: PromptFileHost): Promise<string[]> {
  for (const path of candidates(file, read)) {
    if (!path.includes('*')) {
      try {
        await host.readFile(path);
        return [path];
      } catch {
        continue;
      }
    }
    const folder = posix.dirname(path);
    if (folder.includes('*') || !host.listFolder) continue;
    let names: string[];
    try {
      names = await host.listFolder(folder === '.' ? '' : folder);
    } catch {
      continue;
    }
    const pattern = wildcardPattern(posix.basename(path));
    const matched = names.filter((n) => pattern.test(n)).sort();
    if (matched.length) return matched.slice(0, MAX_FILES_PER_READ).map((n) => (folder === '.' ? n : `${folder}/${n}`));
  }
  return [];
}

async function textOf(path: string, host: PromptFileHost): Promise<string | undefined> {
  try {
    const bytes = await host.readFile(path);
    return bytes.byteLength > MAX_TEMPLATE_BYTES ? undefined : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The prompt features of the templates one file's code reads, placed on the reads. */
export async function promptFileFeatures(file: string, facts: FileFacts, host: PromptFileHost): Promise<PromptFeature[]> {
  const out: PromptFeature[] = [];
  for (const read of facts.promptFileReads ?? []) {
    const found = new Set<string>();
    for (const path of await filesOf(file, read, host)) {
      const text = await textOf(path, host);
      if (!text) continue;
      for (const { kind, index } of promptPhrasesIn(text)) {
        if (found.has(kind)) continue;
        found.add(kind);
        const excerpt = text
          .slice(index, index + EXCERPT_CHARS)
          .replace(/\s+/g, ' ')
          .trim();
        out.push({
          range: read.range,
          kind,
          text: redactSecrets(`${path}: ${excerpt}`),
          ...(read.assignedTo ? { assignedTo: read.assignedTo } : {}),
        });
      }
    }
  }
  return out;
}

/** Facts that already carry their templates' features: adding them again would count them twice. */
const withTemplates = new WeakSet<FileFacts>();

/**
 * Gives each file's facts the features of the templates its code reads. New objects replace the
 * entries: facts as extracted (and cached by the file's text) stay as they were.
 */
export async function withPromptFiles(facts: Map<string, FileFacts>, host: PromptFileHost): Promise<void> {
  for (const [file, fileFacts] of facts) {
    if (!fileFacts.promptFileReads?.length || withTemplates.has(fileFacts)) continue;
    const features = await promptFileFeatures(file, fileFacts, host);
    const next = features.length ? { ...fileFacts, promptFeatures: [...fileFacts.promptFeatures, ...features] } : fileFacts;
    withTemplates.add(next);
    facts.set(file, next);
  }
}
