import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StudioError } from '@tandem/shared';
import { createFunctionRegistry, defineServerFunction } from './function-registry.ts';

const signal = new AbortController().signal;

const greet = defineServerFunction({
  name: 'greet',
  description: 'Says hello',
  argsSchema: z.object({ name: z.string().min(1), times: z.number().int().min(1).default(1) }),
  run: ({ name, times }) => Array.from({ length: times }, () => `hello ${name}`).join(' '),
});
const echo = defineServerFunction({ name: 'echo', description: 'Returns its arguments', run: (args: unknown) => args });
const boom = defineServerFunction({
  name: 'boom',
  description: 'Fails',
  run: () => {
    throw new Error('kaput');
  },
});

async function failure(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(() => new Error('expected a failure'), (caught: unknown) => caught);
  if (!StudioError.is(error)) throw error;
  return error;
}

describe('createFunctionRegistry', () => {
  const registry = createFunctionRegistry([greet, echo, boom]);

  it('lists the functions', () => {
    expect(registry.list()).toEqual([
      { name: 'greet', description: 'Says hello' },
      { name: 'echo', description: 'Returns its arguments' },
      { name: 'boom', description: 'Fails' },
    ]);
  });

  it('calls a function with validated (and defaulted) arguments', async () => {
    expect(await registry.call('greet', { name: 'Ann' }, { signal })).toBe('hello Ann');
    expect(await registry.call('greet', { name: 'Bo', times: 2 }, { signal })).toBe('hello Bo hello Bo');
    expect(await registry.call('echo', [1, 2], { signal })).toEqual([1, 2]);
  });

  it('rejects invalid arguments naming the field', async () => {
    const error = await failure(registry.call('greet', { name: 'Ann', times: 0 }, { signal }));
    expect(error.code).toBe('NODE_CONFIG_INVALID');
    expect(error.message).toMatch(/^Invalid arguments for "greet": times: /);
    expect(error.details).toMatchObject({ function: 'greet', issues: [{ path: 'times' }] });
    expect((await failure(registry.call('greet', undefined, { signal }))).message).toMatch(/name: /);
  });

  it('rejects an unknown name listing the known ones', async () => {
    const error = await failure(registry.call('nope', {}, { signal }));
    expect(error.code).toBe('FUNCTION_UNKNOWN');
    expect(error.message).toContain('boom, echo, greet');
  });

  it('wraps plain errors and honours an aborted signal', async () => {
    const error = await failure(registry.call('boom', {}, { signal }));
    expect([error.code, error.message]).toEqual(['NODE_RUN_FAILED', 'kaput']);
    expect((await failure(registry.call('echo', {}, { signal: AbortSignal.abort() }))).code).toBe('RUN_ABORTED');
  });

  it('refuses duplicate names', () => {
    expect(() => createFunctionRegistry([echo, echo])).toThrow(/registered twice/);
  });
});
