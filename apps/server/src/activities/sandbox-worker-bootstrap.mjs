// Worker-thread entry for the QuickJS sandbox pool (sandbox.ts). Plain JavaScript so that a bare
// Node worker can start it: when the worker module is TypeScript (source checkout run with tsx or
// vitest), tsx's ESM loader is registered for this thread first. workerData.entry is its file URL.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
