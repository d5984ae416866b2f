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
 * `event: end` and closes the stream. A commit is written from the hub's call itself (one socket write
 * per watcher, no promise or timer per commit); one interval per stream sends keep-alives while it is idle.
 */
export function streamRunEvents(c: Context, options: RunEventStreamOptions) {
  const { runId, hub, readEvents } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  return openSse(c, (stream) => new Promise<void>((resolve) => {
    let lastSeq = options.afterSeq;
    let pending = '';
    let ended = false;
    let waitingForDrain = false;
    let finished = false;
    let wroteSinceBeat = false;

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
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(heartbeat);
      unsubscribe();
      // The stream closes when this resolves: only after what was sent went out.
      void stream.drained().then(resolve, resolve);
    };
    /** Writes what is pending unless the socket is still draining; finishes once the run's end went out. */
    const pump = () => {
      if (finished || waitingForDrain) return;
      if (stream.closed) return finish();
      if (pending) {
        const text = pending;
        pending = '';
        wroteSinceBeat = true;
        // The run ended: its last frames and the end of the response leave in one write.
        if (ended) {
          stream.end(text);
          return finish();
        }
        if (!stream.send(text)) {
          waitingForDrain = true;
          void stream.drained().then(() => {
            waitingForDrain = false;
            pump();
          });
          return;
        }
      }
      if (ended) finish();
    };

    const unsubscribe = hub.subscribe(runId, (live) => {
      // Called from the writer's commit: a stream that fails ends alone, the other watchers and listeners go on.
      try {
        take(live);
        pump();
      } catch (error) {
        console.error('A live stream failed', error);
        finish();
      }
    });
    // Ticks twice per heartbeat: a stream never stays silent for longer than `heartbeatMs`.
    const heartbeat = setInterval(() => {
      if (!wroteSinceBeat && !waitingForDrain && !stream.closed) stream.send(': keep-alive\n\n');
      wroteSinceBeat = false;
    }, heartbeatMs / 2);
    stream.onClose(finish);
    try {
      readFrom(lastSeq);
    } catch (error) {
      finish();
      throw error;
    }
    pump();
  }), options.secrets);
}
