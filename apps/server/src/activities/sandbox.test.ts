import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '@tandem/shared';
import { createQuickJsSandbox } from './sandbox.ts';

const sandbox = createQuickJsSandbox({ timeoutMs: 500, maxWorkers: 2 });
afterAll(() => sandbox.close());

async function failure(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(
    (value) => new Error(`expected a failure, got ${JSON.stringify(value)}`),
    (caught: unknown) => caught,
  );
  if (!StudioError.is(error)) throw error;
  return error;
}

describe('createQuickJsSandbox: results', () => {
  it('runs a predicate as a function body or a bare expression', async () => {
    expect(await sandbox.run('return input.value.length > 3', { value: 'hello' })).toBe(true);
    expect(await sandbox.run('input.value.length > 3', { value: 'hi' })).toBe(false);
    expect(await sandbox.run('input.value.length > 3;\n', { value: 'hello' })).toBe(true);
    expect(await sandbox.run('// a comment\nconst n = input.n * 2;\nreturn n', { n: 21 })).toBe(42);
  });

  it('returns objects as plain deep-cloned JSON', async () => {
    const result = await sandbox.run('({ words: input.text.split(" "), at: new Date(0), skip: undefined, f() {} })', { text: 'a b' });
    expect(result).toEqual({ words: ['a', 'b'], at: '1970-01-01T00:00:00.000Z' });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(await sandbox.run('return undefined', null)).toBeUndefined();
    expect(await sandbox.run('input', undefined)).toBeNull();
  });

  it('awaits promises that settle inside the VM', async () => {
    expect(await sandbox.run('Promise.resolve(input + 1)', 1)).toBe(2);
    expect((await failure(sandbox.run('Promise.reject(new Error("nope"))', null))).message).toContain('nope');
    expect((await failure(sandbox.run('new Promise(() => {})', null))).message).toMatch(/never settled/);
  });

  it('captures console calls without a host bridge', async () => {
    expect(await sandbox.run('console.log("hi"); return typeof console.log', null)).toBe('function');
  });
});

describe('createQuickJsSandbox: errors', () => {
  it('reports syntax errors with a line number', async () => {
    const error = await failure(sandbox.run('const a = 1;\nreturn a +;', null));
    expect(error.code).toBe('SANDBOX_ERROR');
    expect(error.message).toMatch(/^SyntaxError: .*\(line 2\)$/);
  });

  it('reports runtime errors and thrown values', async () => {
    const error = await failure(sandbox.run('\n\nreturn input.missing.field', {}));
    expect(error.code).toBe('SANDBOX_ERROR');
    expect(error.message).toMatch(/^TypeError: .*\(line 3\)$/);
    expect((await failure(sandbox.run('throw 42', null))).message).toBe('Uncaught 42');
    expect((await failure(sandbox.run('throw { reason: "bad" }', null))).message).toBe('Uncaught {"reason":"bad"}');
  });

  it('stops an endless loop with SANDBOX_TIMEOUT and keeps working', async () => {
    const error = await failure(sandbox.run('while (true) {}', null, { timeoutMs: 200 }));
    expect(error.code).toBe('SANDBOX_TIMEOUT');
    expect(await sandbox.run('1 + 1', null)).toBe(2);
  });

  it('stops catastrophic regex backtracking', async () => {
    const error = await failure(sandbox.run("/(a+)+$/.test('a'.repeat(40) + 'b')", null, { timeoutMs: 200 }));
    expect(error.code).toBe('SANDBOX_TIMEOUT');
  });

  it('stops a memory bomb with SANDBOX_MEMORY or SANDBOX_TIMEOUT', async () => {
    const error = await failure(sandbox.run("let a = []; while (true) a.push('x'.repeat(1e5))", null));
    expect(['SANDBOX_MEMORY', 'SANDBOX_TIMEOUT']).toContain(error.code);
    expect((await failure(sandbox.run('new ArrayBuffer(1e9)', null))).code).toBe('SANDBOX_MEMORY');
    expect((await failure(sandbox.run("'x'.repeat(1e9).length", null))).code).toBe('SANDBOX_MEMORY');
  });

  it('turns deep recursion into an error, not a crash', async () => {
    const error = await failure(sandbox.run('function f(n) { return f(n + 1) + 1 } return f(0)', null));
    expect(error.code).toBe('SANDBOX_ERROR');
    expect(error.message).toMatch(/call stack/);
    expect(await sandbox.run('2 * 21', null)).toBe(42);
  });

  it('caps the output size', async () => {
    const small = createQuickJsSandbox({ maxOutputBytes: 1000, maxWorkers: 1 });
    try {
      expect((await failure(small.run("'x'.repeat(2000)", null))).message).toMatch(/larger than 1000 bytes/);
      expect(await small.run("'x'.repeat(10)", null)).toBe('xxxxxxxxxx');
    } finally {
      await small.close();
    }
  });

  it('honours an abort signal, queued or running', async () => {
    const controller = new AbortController();
    const running = sandbox.run('while (true) {}', null, { timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect((await failure(running)).code).toBe('RUN_ABORTED');
    const already = AbortSignal.abort();
    expect((await failure(sandbox.run('1', null, { signal: already }))).code).toBe('RUN_ABORTED');
  });

  it('queues calls beyond maxWorkers and replaces a killed worker', async () => {
    const single = createQuickJsSandbox({ maxWorkers: 1, timeoutMs: 200, killGraceMs: 0 });
    const results = await Promise.allSettled([single.run('while (true) {}', null), single.run('1 + 1', null), single.run('input * 3', 3)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as StudioError).code))).toEqual(['SANDBOX_TIMEOUT', 2, 9]);
    await single.close();
    expect((await failure(single.run('1', null))).message).toMatch(/closed/);
  });

  it('fails a call with SANDBOX_BUSY when the queue is full, instead of stalling it', async () => {
    const small = createQuickJsSandbox({ maxWorkers: 1, maxQueuedCalls: 1, timeoutMs: 300, killGraceMs: 0 });
    try {
      const hostile = small.run('while (true) {}', null);
      const queued = small.run('input + 1', 1);
      const refused = await failure(small.run('input + 2', 1));
      expect(refused.code).toBe('SANDBOX_BUSY');
      expect(refused.message).toMatch(/busy/);
      expect((await failure(hostile)).code).toBe('SANDBOX_TIMEOUT');
      expect(await queued).toBe(2);
    } finally {
      await small.close();
    }
  });

  it('fails a call with SANDBOX_BUSY when no worker frees up in time', async () => {
    const small = createQuickJsSandbox({ maxWorkers: 1, maxQueueWaitMs: 50, timeoutMs: 2000 });
    try {
      const hostile = small.run('while (true) {}', null);
      expect((await failure(small.run('1', null))).code).toBe('SANDBOX_BUSY');
      expect((await failure(hostile)).code).toBe('SANDBOX_TIMEOUT');
    } finally {
      await small.close();
    }
  });

  it('rejects input that is not JSON', async () => {
    expect((await failure(sandbox.run('1', { n: 1n }))).code).toBe('SANDBOX_ERROR');
  });
});

describe('createQuickJsSandbox: escape corpus', () => {
  it.each([
    "this.constructor.constructor('return typeof process')()",
    "(function () { return this })().constructor.constructor('return typeof process')()",
    "({}).constructor.constructor('return typeof require')()",
    'typeof require',
    'typeof process',
    'typeof fetch',
    'typeof globalThis.process',
    'typeof module',
    'typeof Buffer',
    'typeof setTimeout',
    'typeof std',
    'typeof os',
    'typeof WebAssembly',
  ])('%s sees no host global', async (code) => {
    expect(await sandbox.run(code, null)).toBe('undefined');
  });

  it.each([
    "this.constructor.constructor('return process')().mainModule.require('child_process')",
    "import('fs').then((fs) => fs.readFileSync('/etc/passwd', 'utf8'))",
    "import('node:child_process')",
    'process.exit(1)',
    'require("fs")',
  ])('%s fails inside the VM', async (code) => {
    expect((await failure(sandbox.run(code, null))).code).toBe('SANDBOX_ERROR');
  });

  it('keeps host prototypes unchanged', async () => {
    const result = await sandbox.run(
      `Object.prototype.polluted = 'yes'; Array.prototype.map = null; JSON.stringify = () => '"hacked"';
       return JSON.parse('{"__proto__": {"polluted": "deep"}, "ok": true}')`,
      null,
    );
    expect(result).toEqual({ ok: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(typeof [].map).toBe('function');
    // Each call gets a fresh context: the pollution does not leak into the next run either.
    expect(await sandbox.run("typeof Object.prototype.polluted + ',' + typeof [].map", null)).toBe('undefined,function');
  });
});
