import type { Context } from 'hono';
import { terminalRunStatuses, type RunEvent, type SecretRedactor } from '@tandem/shared';
import type { RunStore } from '@tandem/db';
import { sseFrame } from '../services/event-hub.ts';
import { openSse } from '../routes/sse-channel.ts';
import type { ClusterSignals } from './cluster-signals.ts';

/** What one run's stream needs on a web node of a cluster. */
export interface StoredRunStreamOptions {
  runId: string;
  /** The last seq the client has (`Last-Event-ID`); 0 replays the whole log. */
  afterSeq: number;
  store: RunStore;
  signals: ClusterSignals;
  heartbeatMs?: number;
  /** Reads the table again this often even when no signal came (a lost notification only delays). Default 2 s. */
  pollMs?: number;
  secrets?: SecretRedactor;
}

const pageSize = 500;
const endsRun = (event: RunEvent) => event.type.startsWith('run.') && terminalRunStatuses.includes(event.type.slice(4) as (typeof terminalRunStatuses)[number]);

/**
 * Streams a run's events as SSE with `id: seq`, reading them from the event table whoever wrote them:
 * a commit by a worker on any host wakes the stream (LISTEN/NOTIFY), which then reads what follows the
 * last seq it sent. Events reach the client in order with no gap and no repeat, and `Last-Event-ID`
 * resumes exactly; the run's terminal event sends `event: end` and closes the stream.
 */
export function streamStoredRunEvents(c: Context, options: StoredRunStreamOptions) {
  const { runId, store, signals } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const pollMs = options.pollMs ?? 2_000;
  return openSse(
    c,
    async (stream) => {
      let lastSeq = options.afterSeq;
      let dirty = true;
      let wake: (() => void) | undefined;
      let lastWriteAt = Date.now();
      const unsubscribe = signals.onRunCommitted(runId, () => {
        dirty = true;
        wake?.();
      });
      stream.onClose(() => wake?.());
      try {
        while (!stream.closed) {
          if (dirty) {
            dirty = false;
            for (;;) {
              const events = await store.readEvents(runId, lastSeq, pageSize);
              let text = '';
              let ended = false;
              for (const event of events) {
                text += sseFrame(event);
                lastSeq = event.seq;
                if (endsRun(event)) {
                  text += `event: end\ndata: ${JSON.stringify({ status: event.type.slice(4) })}\n\n`;
                  ended = true;
                  break;
                }
              }
              if (text) {
                await stream.write(text);
                lastWriteAt = Date.now();
              }
              if (ended) return;
              if (events.length < pageSize || stream.closed) break;
            }
            continue;
          }
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), Math.min(pollMs, heartbeatMs));
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
            if (dirty) wake();
          });
          wake = undefined;
          if (!woken) {
            dirty = true;
            if (Date.now() - lastWriteAt >= heartbeatMs && !stream.closed) {
              await stream.write(': keep-alive\n\n');
              lastWriteAt = Date.now();
            }
          }
        }
      } finally {
        unsubscribe();
      }
    },
    options.secrets,
  );
}
