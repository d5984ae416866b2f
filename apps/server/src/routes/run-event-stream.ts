import type { Context } from 'hono';
import { terminalRunStatuses, type RunEvent, type SecretRedactor } from '@tandem/shared';
import { sseFrame, type EventHub, type LiveEvent } from '../services/event-hub.ts';
import { openSse } from './sse-channel.ts';

/** What one run's live stream needs. */
export interface RunEventStreamOptions {
  runId: string;
  /** The last seq the client has (`Last-Event-ID`); 0 replays the whole log. */
  afterSeq: number;
  /** Committed events of the run after a seq, at most `limit`. */
  readEvents(runId: string, afterSeq: number, limit: number): RunEvent[];
  hub: EventHub;
  heartbeatMs?: number;
  /** Masks known secrets in frames written straight to the socket. */
  secrets?: SecretRedactor;
}

const pageSize = 500;
const endsRun = (event: RunEvent) => event.type.startsWith('run.') && terminalRunStatuses.includes(event.type.slice(4) as (typeof terminalRunStatuses)[number]);

/**
 * Streams a run's events as SSE with `id: seq`: first what the client missed, read from the database,
 * then each commit as the event hub fans it out (serialised once for every watcher). Events reach the
 * client in seq order with no gap and no repeat; a run's end (read from its own terminal event) sends
 * `event: end` and closes the stream.
 */
export function streamRunEvents(c: Context, options: RunEventStreamOptions) {
  const { runId, hub, readEvents } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  return openSse(c, async (stream) => {
    let lastSeq = options.afterSeq;
    let pending = '';
    let ended = false;
    let wake: (() => void) | undefined;

    const take = (live: readonly LiveEvent[]) => {
      for (const { event, frame } of live) {
        if (ended || event.seq <= lastSeq) continue;
        // A commit the hub delivered before this one was read (a reconnect racing a commit): fill in from the log.
        if (event.seq > lastSeq + 1) readFrom(lastSeq, event.seq - 1);
        if (ended || event.seq <= lastSeq) continue;
        pending += frame;
        lastSeq = event.seq;
        if (endsRun(event)) end(event);
      }
    };
    const readFrom = (afterSeq: number, untilSeq = Number.POSITIVE_INFINITY) => {
      for (;;) {
        const events = readEvents(runId, afterSeq, pageSize).filter((event) => event.seq <= untilSeq);
        take(events.map((event) => ({ event, frame: sseFrame(event) })));
        if (events.length < pageSize || ended) return;
        afterSeq = events.at(-1)!.seq;
      }
    };
    const end = (event: RunEvent) => {
      ended = true;
      pending += `event: end\ndata: ${JSON.stringify({ status: event.type.slice(4) })}\n\n`;
    };

    const unsubscribe = hub.subscribe(runId, (live) => {
      take(live);
      wake?.();
    });
    stream.onClose(() => wake?.());
    try {
      readFrom(lastSeq);
      while (!stream.closed) {
        if (pending) {
          const text = pending;
          pending = '';
          await stream.write(text);
          continue;
        }
        if (ended) break;
        const woken = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), heartbeatMs);
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        wake = undefined;
        if (!woken && !stream.closed) await stream.write(': keep-alive\n\n');
      }
    } finally {
      unsubscribe();
    }
  }, options.secrets);
}
