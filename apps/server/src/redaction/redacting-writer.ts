import type { RunEvent, SecretRedactor } from '@tandem/shared';
import type { BatchingWriter } from '@tandem/db';

/**
 * The last line before the event log: every event written through this writer has every known
 * secret masked (events are the trace, the SSE stream, the run's error and the exports' source).
 * With no secret known it hands events through untouched.
 */
export function createRedactingWriter(inner: BatchingWriter, secrets: SecretRedactor): BatchingWriter {
  // The whole event (its data holds the prompts, outputs and errors); the same object when clean.
  const redact = (event: RunEvent): RunEvent => (secrets.size === 0 ? event : secrets.redactValue(event));
  return {
    write: (event) => inner.write(redact(event)),
    flush: () => inner.flush(),
    whenCommitted: () => inner.whenCommitted(),
    flushSync: () => inner.flushSync(),
    onFlushed: (listener) => inner.onFlushed(listener),
    onError: (listener) => inner.onError(listener),
    get pendingCount() {
      return inner.pendingCount;
    },
    close: () => inner.close(),
  };
}
