import type { ReadableStreamReadResult, ReadableWritablePair, StreamPipeOptions } from 'node:stream/web';

/** The reader of an {@link InstantPartStream}: methods on a prototype, so taking one builds no closures. */
class InstantPartReader<Part> {
  private released = false;
  readonly closed: Promise<undefined> = Promise.resolve(undefined);

  constructor(private readonly stream: InstantPartStream<Part>) {}

  read(): Promise<ReadableStreamReadResult<Part>> {
    return this.released ? Promise.reject(new TypeError('The reader was released')) : this.stream.next();
  }

  releaseLock(): void {
    this.released = true;
    this.stream.reading = false;
  }

  cancel(): Promise<void> {
    return this.stream.cancel();
  }
}

/**
 * A stream of parts that already exist, for the instant simulator.
 *
 * Why not `new ReadableStream()`: on Node 20 its constructor alone costs about
 * 10 µs, a third of the engine's per-step budget in the benchmark. This object
 * serves the two ways model streams are consumed, `getReader().read()` and
 * `for await`, straight from an array. Every other use (`pipeThrough`,
 * `pipeTo`, `tee`, `values`) switches to a real ReadableStream holding the parts
 * not read yet. It inherits from `ReadableStream.prototype`, so `instanceof`
 * holds. Node APIs that check internal slots (`Readable.fromWeb`, `new
 * Response(stream)`) need `.pipeThrough(new TransformStream())` first.
 */
class InstantPartStream<Part> {
  private index = 0;
  /** Whether an {@link InstantPartReader} holds the stream. */
  reading = false;
  private cancelled = false;
  private realStream: ReadableStream<Part> | undefined;

  constructor(private readonly parts: readonly Part[]) {}

  get locked(): boolean {
    return this.reading || (this.realStream?.locked ?? false);
  }

  /** The next part, for the reader. */
  next(): Promise<ReadableStreamReadResult<Part>> {
    if (this.cancelled || this.index >= this.parts.length) return Promise.resolve({ done: true, value: undefined });
    return Promise.resolve({ done: false, value: this.parts[this.index++] as Part });
  }

  private materialize(): ReadableStream<Part> {
    if (this.reading) throw new TypeError('ReadableStream is locked');
    if (this.realStream === undefined) {
      const remaining = this.cancelled ? [] : this.parts.slice(this.index);
      this.index = this.parts.length;
      this.realStream = new ReadableStream<Part>({
        start(controller) {
          for (const part of remaining) controller.enqueue(part);
          controller.close();
        },
      });
    }
    return this.realStream;
  }

  getReader(): ReadableStreamDefaultReader<Part> {
    if (this.realStream !== undefined) return this.realStream.getReader();
    if (this.reading) throw new TypeError('ReadableStream is locked');
    this.reading = true;
    return new InstantPartReader(this) as unknown as ReadableStreamDefaultReader<Part>;
  }

  cancel(): Promise<void> {
    this.cancelled = true;
    return Promise.resolve();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Part, void, undefined> {
    const reader = this.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }

  values(options?: { preventCancel?: boolean }): AsyncIterableIterator<Part> {
    return (this.materialize() as unknown as { values(options?: object): AsyncIterableIterator<Part> }).values(options);
  }

  pipeThrough<Output>(transform: ReadableWritablePair<Output, Part>, options?: StreamPipeOptions): ReadableStream<Output> {
    return this.materialize().pipeThrough(transform, options);
  }

  pipeTo(destination: WritableStream<Part>, options?: StreamPipeOptions): Promise<void> {
    return this.materialize().pipeTo(destination, options);
  }

  tee(): [ReadableStream<Part>, ReadableStream<Part>] {
    return this.materialize().tee();
  }
}

Object.setPrototypeOf(InstantPartStream.prototype, ReadableStream.prototype);

/** Wraps parts that already exist as a ReadableStream-compatible stream without constructing a ReadableStream (see {@link InstantPartStream}). */
export function createInstantStream<Part>(parts: readonly Part[]): ReadableStream<Part> {
  return new InstantPartStream(parts) as unknown as ReadableStream<Part>;
}
