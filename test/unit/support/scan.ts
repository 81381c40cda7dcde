// Test support: scan a folder of the repository with the real engine, grammars and file walker.
import path from 'node:path';
import { scanFiles, type ScanResult } from '../../../src/engine/scan';
import { defaultConfig, type ResolvedConfig } from '../../../src/engine/config';
import { listSourceFiles } from '../../../src/host/node-files';
import { createNodeHost } from '../../../src/host/node-host';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export function repoPath(...parts: string[]): string {
  return path.join(REPO_ROOT, ...parts);
}

export async function scanFolder(folder: string, config: Partial<ResolvedConfig> = {}, today = '2026-11-25'): Promise<ScanResult> {
  const full = folder;
  const resolved = { ...defaultConfig(), ...config };
  const files = await listSourceFiles(full, { include: resolved.include, exclude: resolved.exclude });
  return scanFiles(files, createNodeHost(full), { config: resolved, today });
}
