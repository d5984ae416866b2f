import { describe, expect, it } from 'vitest';
import { createInstantStream } from './instant-stream.ts';
import { readAllParts } from '../__fixtures__/stream-parts.ts';

describe('createInstantStream', () => {
  it('reads its parts through getReader() and for await, and passes instanceof ReadableStream', async () => {
    expect(createInstantStream([1, 2, 3])).toBeInstanceOf(ReadableStream);
    expect(await readAllParts(createInstantStream([1, 2, 3]))).toEqual([1, 2, 3]);
    const iterated: number[] = [];
    for await (const part of createInstantStream([4, 5])) iterated.push(part);
    expect(iterated).toEqual([4, 5]);
  });

  it('switches to a real ReadableStream for pipeThrough, keeping only the unread parts', async () => {
    const stream = createInstantStream(['a', 'b', 'c']);
    const reader = stream.getReader();
    expect(stream.locked).toBe(true);
    expect(await reader.read()).toEqual({ done: false, value: 'a' });
    expect(() => stream.pipeThrough(new TransformStream())).toThrow(TypeError);
    reader.releaseLock();
    const upper = stream.pipeThrough(
      new TransformStream<string, string>({ transform: (chunk, controller) => controller.enqueue(chunk.toUpperCase()) }),
    );
    expect(await readAllParts(upper)).toEqual(['B', 'C']);
  });

  it('ends early when cancelled', async () => {
    const stream = createInstantStream([1, 2, 3]);
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it('supports tee()', async () => {
    const [left, right] = createInstantStream([7, 8]).tee();
    expect(await readAllParts(left)).toEqual([7, 8]);
    expect(await readAllParts(right)).toEqual([7, 8]);
  });
});
