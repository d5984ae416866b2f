import type { LanguageModelV3FinishReason, LanguageModelV3StreamPart, LanguageModelV3Usage } from '@ai-sdk/provider';

/** How often (simulated milliseconds) a paced stream flushes the tokens that became due. */
export const pacingBatchMs = 16;

/** The reason a signal was aborted, or a standard `AbortError` when it has none. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Waits `milliseconds`, rejecting with the abort reason as soon as `signal` aborts. */
export function abortableSleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits until `signal` aborts (forever without one): the simulator's injected timeout. */
export function waitForAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(abortReason(signal));
    else signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}

/** What a paced stream emits. */
export interface PacedStreamInput {
  tokens: readonly string[];
  usage: LanguageModelV3Usage;
  finishReason: LanguageModelV3FinishReason;
  tokensPerSecond: number;
  firstTokenMs: number;
  signal: AbortSignal | undefined;
  /** When true the stream never produces text and only ends when aborted. */
  hang: boolean;
}

/**
 * Streams tokens like a real server: nothing for `firstTokenMs`, then token
 * `i` becomes due at `firstTokenMs + i / tokensPerSecond`. Due tokens are
 * flushed together every {@link pacingBatchMs} ms, so a fast model costs a
 * timer per batch, not per token. Aborting errors the stream at once.
 */
export function createPacedStream(input: PacedStreamInput): ReadableStream<LanguageModelV3StreamPart> {
  const { tokens, signal } = input;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let emitted = 0;
  let onAbort: (() => void) | undefined;
  const stop = (): void => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  };
  return new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      if (signal?.aborted) {
        controller.error(abortReason(signal));
        return;
      }
      onAbort = () => {
        stop();
        controller.error(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      controller.enqueue({ type: 'stream-start', warnings: [] });
      if (input.hang) return;
      const startedAt = performance.now();
      const millisecondsPerToken = 1000 / input.tokensPerSecond;
      const tick = (): void => {
        const elapsed = performance.now() - startedAt;
        // 1 ms of slack: timers and performance.now() use different clocks, and a tick a hair early must not cost a batch.
        const sinceFirstToken = elapsed + 1 - input.firstTokenMs;
        const due =
          sinceFirstToken < 0
            ? 0
            : millisecondsPerToken === 0
              ? tokens.length
              : Math.min(tokens.length, Math.floor(sinceFirstToken / millisecondsPerToken) + 1);
        if (due > emitted) {
          if (emitted === 0) controller.enqueue({ type: 'text-start', id: 'text-0' });
          controller.enqueue({ type: 'text-delta', id: 'text-0', delta: tokens.slice(emitted, due).join('') });
          emitted = due;
        }
        if (emitted >= tokens.length) {
          stop();
          if (tokens.length > 0) controller.enqueue({ type: 'text-end', id: 'text-0' });
          controller.enqueue({ type: 'finish', finishReason: input.finishReason, usage: input.usage });
          controller.close();
          return;
        }
        const nextDueAt = input.firstTokenMs + emitted * millisecondsPerToken;
        timer = setTimeout(tick, Math.max(pacingBatchMs, nextDueAt - elapsed));
      };
      timer = setTimeout(tick, input.firstTokenMs);
    },
    cancel() {
      stop();
    },
  });
}
