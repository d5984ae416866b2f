import type { RunEvent, SecretRedactor } from '@tandem/shared';
import type { BatchingWriter } from '@tandem/db';

/**
 * The last line before the event log: every event written through this writer has every known
 * secret masked (events are the trace, the SSE stream, the run's error and the exports' source).
 * With no secret known it hands events through untouched.
 */
export function createRedactingWriter(inner: BatchingWriter, secrets: SecretRedactor): BatchingWriter {
  const redact = (event: RunEvent): RunEvent => {
    if (secrets.size === 0) return event;
    const data = secrets.redactValue(event.data);
    return data === event.data ? event : { ...event, data };
  };
  return {
    write: (event) => inner.write(redact(event)),
    flush: () => inner.flush(),
    flushSync: () => inner.flushSync(),
    onFlushed: (listener) => inner.onFlushed(listener),
    onError: (listener) => inner.onError(listener),
    get pendingCount() {
      return inner.pendingCount;
    },
    close: () => inner.close(),
  };
}
