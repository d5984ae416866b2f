import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';

/** What evalCode/callFunction return: a value handle or an error handle. */
type QuickJSContextResult = ReturnType<QuickJSContext['evalCode']>;

/** One evaluation request, as sent to a sandbox worker. Input and output cross as JSON text only. */
export interface SandboxJob {
  code: string;
  inputJson: string;
  timeoutMs: number;
  memoryLimitBytes: number;
  maxStackBytes: number;
  maxOutputBytes: number;
}

/** The result of one evaluation: the JSON text of the value (undefined for `undefined`) or a coded error. */
export type SandboxOutcome =
  | { ok: true; json: string | undefined }
  | { ok: false; code: 'SANDBOX_TIMEOUT' | 'SANDBOX_MEMORY' | 'SANDBOX_ERROR'; message: string };

/** An outcome, plus whether the WASM module may be corrupt (a host-side trap) and must be thrown away. */
export interface EvaluationResult {
  outcome: SandboxOutcome;
  poisoned: boolean;
}

const fileName = 'code.js';
const maxMessageLength = 300;

/** An exception thrown inside the VM; the handle is owned by the evaluation's handle list. */
class GuestError {
  constructor(readonly handle: QuickJSHandle) {}
}

function truncate(text: string): string {
  return text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}…` : text;
}

/** Reads a string or number property without letting a throwing getter escape. */
function readProperty(context: QuickJSContext, handle: QuickJSHandle, key: string): string | number | undefined {
  try {
    const value = context.getProp(handle, key);
    try {
      const type = context.typeof(value);
      if (type === 'string') return context.getString(value);
      if (type === 'number') return context.getNumber(value);
      return undefined;
    } finally {
      value.dispose();
    }
  } catch {
    return undefined;
  }
}

/** Maps a VM exception to an outcome: interrupt → timeout, out of memory → memory, else a short message with the line. */
function describeGuestError(context: QuickJSContext, handle: QuickJSHandle, interrupted: boolean, job: SandboxJob): SandboxOutcome {
  if (interrupted) return { ok: false, code: 'SANDBOX_TIMEOUT', message: `The code ran longer than ${job.timeoutMs} ms` };
  const name = context.typeof(handle) === 'object' ? readProperty(context, handle, 'name') : undefined;
  const message = context.typeof(handle) === 'object' ? String(readProperty(context, handle, 'message') ?? '') : '';
  if (name === undefined && message === '') {
    let thrown = 'exception';
    try {
      const dumped: unknown = context.dump(handle);
      thrown = typeof dumped === 'string' ? dumped : (JSON.stringify(dumped) ?? String(dumped));
    } catch {
      // keep the generic text
    }
    return { ok: false, code: 'SANDBOX_ERROR', message: truncate(`Uncaught ${thrown}`) };
  }
  if (message === 'out of memory') {
    return { ok: false, code: 'SANDBOX_MEMORY', message: `The code used more than ${job.memoryLimitBytes} bytes of memory` };
  }
  if (message === 'interrupted') return { ok: false, code: 'SANDBOX_TIMEOUT', message: `The code ran longer than ${job.timeoutMs} ms` };
  if (message === 'stack overflow') return { ok: false, code: 'SANDBOX_ERROR', message: 'Maximum call stack size exceeded' };
  const stack = readProperty(context, handle, 'stack');
  const line = readProperty(context, handle, 'lineNumber') ?? (typeof stack === 'string' ? /code\.js:(\d+)/.exec(stack)?.[1] : undefined);
  const text = typeof name === 'string' && name !== '' ? `${name}: ${message}` : message || 'Uncaught exception';
  return { ok: false, code: 'SANDBOX_ERROR', message: truncate(text) + (line !== undefined ? ` (line ${line})` : '') };
}

/** Runs the job inside a fresh context; VM exceptions become GuestError, host failures propagate. */
function runInContext(runtime: QuickJSRuntime, context: QuickJSContext, job: SandboxJob, handles: QuickJSHandle[]): SandboxOutcome {
  const track = (handle: QuickJSHandle) => {
    handles.push(handle);
    return handle;
  };
  const guest = (result: QuickJSContextResult) => {
    if (result.error) throw new GuestError(track(result.error));
    return track(result.value);
  };
  const isSyntaxError = (result: QuickJSContextResult) =>
    result.error !== undefined && readProperty(context, result.error, 'name') === 'SyntaxError';

  // Capture the real JSON functions before user code can replace them, and give a no-op console
  // defined inside the VM (no host function is ever exposed).
  const parse = guest(context.evalCode('JSON.parse'));
  const stringify = guest(context.evalCode('JSON.stringify'));
  guest(context.evalCode('globalThis.console = (() => { const n = () => undefined; return Object.freeze({ log: n, info: n, warn: n, error: n, debug: n }); })()'));
  const input = guest(context.callFunction(parse, context.undefined, track(context.newString(job.inputJson))));

  // The code is a function body (`return …`) or a bare expression; the wrapper keeps line 1 on line 1.
  const expression = job.code.replace(/[\s;]+$/, '');
  let compiled = context.evalCode(`(function (input) { return (${expression}\n) })`, fileName);
  if (isSyntaxError(compiled)) {
    compiled.dispose();
    compiled = context.evalCode(`(function (input) {${job.code}\n})`, fileName);
  }
  const fn = guest(compiled);
  if (context.typeof(fn) !== 'function') {
    return { ok: false, code: 'SANDBOX_ERROR', message: 'The code must be a function body or an expression' };
  }

  let value = guest(context.callFunction(fn, context.undefined, input));
  const jobs = runtime.executePendingJobs();
  if (jobs.error) throw new GuestError(track(jobs.error));
  const state = context.getPromiseState(value);
  if (state.type === 'pending') return { ok: false, code: 'SANDBOX_ERROR', message: 'The code returned a promise that never settled' };
  if (state.type === 'rejected') throw new GuestError(track(state.error));
  if (!state.notAPromise) value = track(state.value);

  const json = guest(context.callFunction(stringify, context.undefined, value));
  if (context.typeof(json) !== 'string') return { ok: true, json: undefined };
  const length = Number(readProperty(context, json, 'length') ?? 0);
  const tooLarge = { ok: false, code: 'SANDBOX_ERROR', message: `The result is larger than ${job.maxOutputBytes} bytes` } as const;
  if (length > job.maxOutputBytes) return tooLarge;
  const text = context.getString(json);
  return Buffer.byteLength(text) > job.maxOutputBytes ? tooLarge : { ok: true, json: text };
}

/** Classifies an exception thrown on the host side of the WASM boundary. */
function describeHostError(error: unknown, interrupted: boolean, job: SandboxJob): SandboxOutcome {
  if (interrupted) return { ok: false, code: 'SANDBOX_TIMEOUT', message: `The code ran longer than ${job.timeoutMs} ms` };
  const message = error instanceof Error ? error.message : String(error);
  if (/out of memory/i.test(message)) {
    return { ok: false, code: 'SANDBOX_MEMORY', message: `The code used more than ${job.memoryLimitBytes} bytes of memory` };
  }
  if (error instanceof RangeError) return { ok: false, code: 'SANDBOX_ERROR', message: 'Maximum call stack size exceeded' };
  return { ok: false, code: 'SANDBOX_ERROR', message: truncate(`The sandbox failed: ${message}`) };
}

/**
 * Evaluates `job.code` in a fresh QuickJS runtime and context with a memory limit, a stack limit
 * and an interrupt deadline, then disposes every handle, the context and the runtime. Synchronous:
 * run it in a worker thread (see sandbox.ts), since a runaway builtin can overshoot the deadline.
 */
export function evaluateInQuickJs(quickjs: QuickJSWASMModule, job: SandboxJob): EvaluationResult {
  const runtime = quickjs.newRuntime();
  const handles: QuickJSHandle[] = [];
  let context: QuickJSContext | undefined;
  let interrupted = false;
  let poisoned = false;
  let outcome: SandboxOutcome;
  try {
    runtime.setMemoryLimit(job.memoryLimitBytes);
    runtime.setMaxStackSize(job.maxStackBytes);
    const deadline = Date.now() + job.timeoutMs;
    runtime.setInterruptHandler(() => {
      if (Date.now() >= deadline) interrupted = true;
      return interrupted;
    });
    context = runtime.newContext();
    try {
      outcome = runInContext(runtime, context, job, handles);
    } catch (error) {
      if (!(error instanceof GuestError)) throw error;
      outcome = describeGuestError(context, error.handle, interrupted, job);
    }
  } catch (error) {
    // A trap or a native stack overflow on the host side: the module's state is unknown.
    poisoned = true;
    outcome = describeHostError(error, interrupted, job);
  } finally {
    try {
      for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
      context?.dispose();
      runtime.dispose();
    } catch {
      poisoned = true;
    }
  }
  return { outcome, poisoned };
}
