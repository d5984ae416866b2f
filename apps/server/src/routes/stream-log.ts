import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

const heartbeatMs = 15_000;
const pageSize = 500;

/** An append-only log served over SSE: run events and experiment events. */
export interface LogSource<Entry extends { seq: number }> {
  /** Calls `wake` whenever new entries were committed; answers an unsubscribe function. */
  subscribe(wake: () => void): () => void;
  /** Committed entries after `afterSeq`, in order, at most `limit`. */
  read(afterSeq: number, limit: number): Entry[] | Promise<Entry[]>;
  /** Set once the log is over at `lastSeq`: the stream then sends an `end` message with this data and closes. */
  ended(lastSeq: number): Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;
}

/** The seq a client resumes after: `Last-Event-ID`, else `?after=`, else 0. */
export function resumeSeq(c: Context): number {
  const resumeFrom = Number(c.req.header('Last-Event-ID') ?? c.req.query('after') ?? 0);
  return Number.isInteger(resumeFrom) && resumeFrom > 0 ? resumeFrom : 0;
}

/**
 * Streams a log as SSE with `id: seq`, always read from the database, so a client only sees committed
 * entries, in order, with no gaps, and a reconnect with `Last-Event-ID` receives exactly what it missed.
 */
export function streamLog<Entry extends { seq: number }>(c: Context, source: LogSource<Entry>) {
  let lastSeq = resumeSeq(c);
  return streamSSE(c, async (stream) => {
    let wake: (() => void) | undefined;
    let dirty = true;
    const unsubscribe = source.subscribe(() => {
      dirty = true;
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    try {
      while (!stream.aborted) {
        if (dirty) {
          dirty = false;
          for (;;) {
            const entries = await source.read(lastSeq, pageSize);
            for (const entry of entries) {
              await stream.writeSSE({ id: String(entry.seq), data: JSON.stringify(entry) });
              lastSeq = entry.seq;
            }
            if (entries.length < pageSize) break;
          }
          const end = await source.ended(lastSeq);
          if (end) {
            await stream.writeSSE({ event: 'end', data: JSON.stringify(end) });
            break;
          }
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, heartbeatMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
        if (!dirty && !stream.aborted) await stream.write(': keep-alive\n\n');
      }
    } finally {
      unsubscribe();
    }
  });
}
