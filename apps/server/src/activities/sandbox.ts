import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { StudioError } from '@tandem/shared';
import type { Sandbox } from '@tandem/engine';
import type { SandboxJob } from './quickjs-evaluate.ts';
import type { WorkerRequest, WorkerResponse } from './sandbox-worker.ts';

/** Options of {@link createQuickJsSandbox}. */
export interface QuickJsSandboxOptions {
  /** Default time limit per call (a call may pass its own); default 1000 ms. */
  timeoutMs?: number;
  /** QuickJS heap limit per call; default 32 MiB. */
  memoryLimitBytes?: number;
  /** QuickJS stack limit; default 512 KiB, clamped to 1 MiB (the worker's native stack must stay larger). */
  maxStackBytes?: number;
  /** Largest JSON result accepted; default 1 MiB. */
  maxOutputBytes?: number;
  /** Largest code accepted; default 256 KiB. */
  maxCodeBytes?: number;
  /** Worker threads kept at most; default the machine's available parallelism (at least 2). Further calls queue. */
  maxWorkers?: number;
  /** Calls that may wait for a worker; default 4 per worker. A call beyond it fails at once with SANDBOX_BUSY. */
  maxQueuedCalls?: number;
  /** How long a call may wait for a worker before it fails with SANDBOX_BUSY; default four time limits plus 1 s. */
  maxQueueWaitMs?: number;
  /** Extra time after the deadline before the worker thread is terminated; default 100 ms. */
  killGraceMs?: number;
  /** An idle worker is stopped after this long; default 30 s. */
  idleTimeoutMs?: number;
}

/** A {@link Sandbox} backed by a small pool of worker threads; `close()` stops them. */
export interface QuickJsSandbox extends Sandbox {
  close(): Promise<void>;
}

interface PendingCall {
  id: number;
  job: SandboxJob;
  resolve: (value: unknown) => void;
  reject: (error: StudioError) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  timer?: NodeJS.Timeout;
  /** Fails the call with SANDBOX_BUSY when no worker took it in time. */
  queueTimer?: NodeJS.Timeout;
}

interface PooledWorker {
  worker: Worker;
  ready: boolean;
  call?: PendingCall;
  idleTimer?: NodeJS.Timeout;
  failure?: Error;
}

const MiB = 1024 * 1024;
const workerEntry = new URL(import.meta.url.endsWith('.ts') ? './sandbox-worker.ts' : './sandbox-worker.js', import.meta.url).href;
const bootstrap = new URL('./sandbox-worker-bootstrap.mjs', import.meta.url);

const busy = (reason: string) => new StudioError('SANDBOX_BUSY', `The sandbox is busy: ${reason}; try again later`, { details: { retryable: true } });

/** Parses the VM's JSON on the host: a plain, deep-cloned value; `__proto__` keys are dropped. */
function parseResult(json: string | undefined): unknown {
  if (json === undefined) return undefined;
  return JSON.parse(json, (key, value: unknown) => (key === '__proto__' ? undefined : value));
}

/**
 * Creates the user-JS sandbox: QuickJS (WASM) with no host functions, JSON in and out, limits on
 * time, memory, stack and output size.
 *
 * Decision (RELIABILITY.md §4.3): QuickJS runs in worker threads, not on the server thread. Measured
 * on Node 20: (1) the interrupt handler is only polled between bytecodes, so builtins overshoot a 1 s
 * deadline by seconds (`a.push(new Array(1e5).fill(1))` loops ran 7 s); (2) recursion with a 512 KiB
 * QuickJS stack overflows V8's ~1 MB main-thread stack first and throws out of the WASM module,
 * leaving it corrupt; (3) a synchronous run blocks the event loop for the whole timeout. A worker has
 * its own 8 MB native stack, is terminated at deadline + grace (a hard wall-clock kill that also
 * serves `signal`), and is replaced after any crash. Workers are pooled to amortise the ~0.2 s start.
 */
export function createQuickJsSandbox(options: QuickJsSandboxOptions = {}): QuickJsSandbox {
  const defaults = {
    timeoutMs: options.timeoutMs ?? 1000,
    memoryLimitBytes: options.memoryLimitBytes ?? 32 * MiB,
    maxStackBytes: Math.min(options.maxStackBytes ?? 512 * 1024, MiB),
    maxOutputBytes: options.maxOutputBytes ?? MiB,
  };
  const maxCodeBytes = options.maxCodeBytes ?? 256 * 1024;
  const maxWorkers = Math.max(1, options.maxWorkers ?? Math.max(2, availableParallelism()));
  const maxQueuedCalls = Math.max(0, options.maxQueuedCalls ?? maxWorkers * 4);
  // Long enough for the calls ahead to use their time and a killed worker to be replaced.
  const maxQueueWaitMs = options.maxQueueWaitMs ?? defaults.timeoutMs * 4 + 1000;
  const killGraceMs = options.killGraceMs ?? 100;
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  const workers: PooledWorker[] = [];
  const queue: PendingCall[] = [];
  let nextId = 1;
  let closed = false;

  function settle(call: PendingCall): void {
    clearTimeout(call.timer);
    clearTimeout(call.queueTimer);
    call.signal?.removeEventListener('abort', call.onAbort);
  }

  function retire(pooled: PooledWorker): void {
    const index = workers.indexOf(pooled);
    if (index >= 0) workers.splice(index, 1);
    clearTimeout(pooled.idleTimer);
    void pooled.worker.terminate();
  }

  /** Ends a running call by terminating its worker (deadline passed or caller aborted). */
  function kill(pooled: PooledWorker, error: StudioError): void {
    const call = pooled.call;
    pooled.call = undefined;
    retire(pooled);
    if (call) {
      settle(call);
      call.reject(error);
    }
    pump();
  }

  function onMessage(pooled: PooledWorker, message: WorkerResponse): void {
    if (message.type === 'ready') {
      pooled.ready = true;
      pump();
      if (!pooled.call) goIdle(pooled);
      return;
    }
    const call = pooled.call;
    if (!call || call.id !== message.id) return;
    pooled.call = undefined;
    settle(call);
    const { outcome } = message;
    if (!outcome.ok) call.reject(new StudioError(outcome.code, outcome.message));
    else {
      try {
        call.resolve(parseResult(outcome.json));
      } catch {
        call.reject(new StudioError('SANDBOX_ERROR', 'The result is not valid JSON'));
      }
    }
    if (message.poisoned) retire(pooled);
    pump();
    if (workers.includes(pooled) && !pooled.call) goIdle(pooled);
  }

  function onExit(pooled: PooledWorker): void {
    if (!workers.includes(pooled)) return; // retired on purpose
    workers.splice(workers.indexOf(pooled), 1);
    clearTimeout(pooled.idleTimer);
    const reason = pooled.failure?.message ?? 'it exited';
    if (pooled.call) {
      const call = pooled.call;
      settle(call);
      const outOfMemory = (pooled.failure as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      call.reject(
        outOfMemory
          ? new StudioError('SANDBOX_MEMORY', 'The sandbox ran out of memory')
          : new StudioError('SANDBOX_ERROR', `The sandbox crashed: ${reason}`),
      );
    }
    if (!pooled.ready) {
      // Failed to start: fail what is waiting instead of respawning in a loop.
      for (const call of queue.splice(0)) {
        settle(call);
        call.reject(new StudioError('SANDBOX_ERROR', `The sandbox failed to start: ${reason}`));
      }
      return;
    }
    pump();
  }

  function spawn(): void {
    const worker = new Worker(bootstrap, {
      workerData: { entry: workerEntry },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16, stackSizeMb: 8 },
    });
    const pooled: PooledWorker = { worker, ready: false };
    workers.push(pooled);
    worker.on('message', (message: WorkerResponse) => onMessage(pooled, message));
    worker.on('error', (error) => (pooled.failure = error));
    worker.on('exit', () => onExit(pooled));
  }

  function goIdle(pooled: PooledWorker): void {
    pooled.worker.unref();
    clearTimeout(pooled.idleTimer);
    pooled.idleTimer = setTimeout(() => retire(pooled), idleTimeoutMs);
    pooled.idleTimer.unref();
  }

  function assign(pooled: PooledWorker, call: PendingCall): void {
    clearTimeout(call.queueTimer);
    call.queueTimer = undefined;
    clearTimeout(pooled.idleTimer);
    pooled.worker.ref();
    pooled.call = call;
    call.timer = setTimeout(
      () => kill(pooled, new StudioError('SANDBOX_TIMEOUT', `The code ran longer than ${call.job.timeoutMs} ms`)),
      call.job.timeoutMs + killGraceMs,
    );
    pooled.worker.postMessage({ id: call.id, job: call.job } satisfies WorkerRequest);
  }

  /** Hands queued calls to idle workers, and starts workers (up to the cap) for the rest. */
  function pump(): void {
    if (closed) return;
    const idle = () => workers.find((pooled) => pooled.ready && !pooled.call);
    for (let free = idle(); free && queue.length > 0; free = idle()) assign(free, queue.shift() as PendingCall);
    let starting = workers.filter((pooled) => !pooled.ready).length;
    for (; queue.length > starting && workers.length < maxWorkers; starting++) spawn();
    // Every worker is up and busy: what still waits gets a deadline. Time spent starting or replacing
    // a worker does not count, so a slow start is not mistaken for a busy pool.
    const saturated = workers.length >= maxWorkers && starting === 0;
    for (const call of queue) {
      if (saturated) armQueueDeadline(call);
      else {
        clearTimeout(call.queueTimer);
        call.queueTimer = undefined;
      }
    }
  }

  function armQueueDeadline(call: PendingCall): void {
    if (call.queueTimer) return;
    call.queueTimer = setTimeout(() => {
      const index = queue.indexOf(call);
      if (index < 0) return;
      queue.splice(index, 1);
      settle(call);
      call.reject(busy(`no sandbox worker was free within ${maxQueueWaitMs} ms`));
    }, maxQueueWaitMs);
    call.queueTimer.unref();
  }

  return {
    run(code, input, runOptions = {}) {
      const { signal } = runOptions;
      if (closed) return Promise.reject(new StudioError('SANDBOX_ERROR', 'The sandbox is closed'));
      if (signal?.aborted) return Promise.reject(new StudioError('RUN_ABORTED', 'The run was cancelled'));
      if (typeof code !== 'string' || Buffer.byteLength(code) > maxCodeBytes) {
        return Promise.reject(new StudioError('SANDBOX_ERROR', `The code must be a string of at most ${maxCodeBytes} bytes`));
      }
      let inputJson: string;
      try {
        inputJson = input === undefined ? 'null' : JSON.stringify(input);
      } catch (error) {
        return Promise.reject(new StudioError('SANDBOX_ERROR', 'The input is not JSON-serialisable', { cause: error }));
      }
      const timeoutMs = runOptions.timeoutMs !== undefined && runOptions.timeoutMs > 0 ? runOptions.timeoutMs : defaults.timeoutMs;
      return new Promise<unknown>((resolve, reject) => {
        const call: PendingCall = {
          id: nextId++,
          job: { ...defaults, timeoutMs, code, inputJson },
          resolve,
          reject,
          signal,
          onAbort: () => {
            const aborted = new StudioError('RUN_ABORTED', 'The run was cancelled');
            const running = workers.find((pooled) => pooled.call === call);
            if (running) return kill(running, aborted);
            const index = queue.indexOf(call);
            if (index >= 0) queue.splice(index, 1);
            settle(call);
            reject(aborted);
          },
        };
        // A full queue is a clear failure, not a stall: hostile scripts cannot delay every step without bound.
        const running = workers.filter((pooled) => pooled.call).length;
        if (running + queue.length >= maxWorkers + maxQueuedCalls) {
          reject(busy(`all ${maxWorkers} sandbox workers are busy and ${queue.length} calls are waiting`));
          return;
        }
        signal?.addEventListener('abort', call.onAbort, { once: true });
        queue.push(call);
        pump();
      });
    },

    async close() {
      closed = true;
      for (const call of queue.splice(0)) {
        settle(call);
        call.reject(new StudioError('SANDBOX_ERROR', 'The sandbox is closed'));
      }
      const running = [...workers];
      for (const pooled of running) {
        if (pooled.call) kill(pooled, new StudioError('SANDBOX_ERROR', 'The sandbox is closed'));
        else retire(pooled);
      }
      await Promise.all(running.map((pooled) => pooled.worker.terminate()));
    },
  };
}
