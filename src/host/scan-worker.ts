// A worker thread of the CLI's parallel scan: runs a ChunkScanner (src/host/chunk-scanner.ts) on
// the files the main thread hands it. Linking and analysis stay on the main thread. Grammars load
// once per worker; trees are deleted by analyseOne.
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkScanner } from './chunk-scanner';
import type { FromWorker, ScanWorkerData, ToWorker } from './scan-protocol';

const data = workerData as ScanWorkerData;
const scanner = new ChunkScanner(data);

function fail(e: unknown, context: string): void {
  const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
  parentPort!.postMessage({ type: 'failed', message: `${context}: ${message}` } satisfies FromWorker);
}

parentPort!.on('message', (message: ToWorker) => {
  // A test's stand-in for a worker that dies (out of memory, a crash in native code): the main
  // thread must lose none of its files. Only set by tests through scanFilesInParallel's options.
  const exit = data.exitWhen;
  if (exit?.request === message.type && (message.type !== 'scan' || !exit.file || message.files.some((f) => f.file === exit.file)))
    process.exit(70);
  scanner.handle(message).then(
    (reply) => {
      try {
        parentPort!.postMessage(reply);
      } catch (e) {
        // Facts must be plain data; name the file whose facts are not, rather than dying silently.
        const bad = 'outcomes' in reply ? reply.outcomes.find((o) => !cloneable(o)) : undefined;
        fail(e, `facts of ${bad?.file ?? 'a file'} cannot be sent to the main thread`);
      }
    },
    (e) => fail(e, 'scan failed'),
  );
});

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
