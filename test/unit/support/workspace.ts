// Test support: a throwaway workspace folder written from a map of relative path → text.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScanResult } from '../../../src/engine/scan';
import { scanFolder } from './scan';

/** A file with one provider call in a loop over a prompts file: a workload every scan reports. */
export const LOOP_PY = [
  'import anthropic',
  'client = anthropic.Anthropic()',
  'for row in open("prompts.txt"):',
  '    client.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=[{"role": "user", "content": row}])',
  '',
].join('\n');

export function writeWorkspace(files: Record<string, string>): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ppr-unit-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Scans a throwaway workspace made of `files`, then removes it. */
export async function scanWorkspaceFiles(files: Record<string, string>, today: string): Promise<ScanResult> {
  const ws = writeWorkspace(files);
  try {
    return await scanFolder(ws.dir, {}, today);
  } finally {
    ws.remove();
  }
}
