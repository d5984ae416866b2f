import { parentPort } from 'node:worker_threads';
import { getQuickJS } from 'quickjs-emscripten';
import { evaluateInQuickJs } from './quickjs-evaluate.ts';
import type { SandboxJob, SandboxOutcome } from './quickjs-evaluate.ts';

/** A message from the pool to a sandbox worker. */
export interface WorkerRequest {
  id: number;
  job: SandboxJob;
}

/** A message from a sandbox worker to the pool. */
export type WorkerResponse = { type: 'ready' } | { type: 'result'; id: number; outcome: SandboxOutcome; poisoned: boolean };

// Worker-thread entry (loaded by sandbox-worker-bootstrap.mjs). The QuickJS module is loaded once
// per worker; every job gets a fresh runtime and context. A poisoned module is reported so the
// pool terminates this worker instead of reusing it.
const port = parentPort;
if (!port) throw new Error('sandbox-worker.ts must run in a worker thread');
const quickjs = await getQuickJS();
port.on('message', (request: WorkerRequest) => {
  const { outcome, poisoned } = evaluateInQuickJs(quickjs, request.job);
  port.postMessage({ type: 'result', id: request.id, outcome, poisoned } satisfies WorkerResponse);
});
port.postMessage({ type: 'ready' } satisfies WorkerResponse);
