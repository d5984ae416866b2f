import type { RunEvent } from '@tandem/shared';

/** One committed event as a subscriber receives it: the event, and its SSE frame serialised once for all. */
export interface LiveEvent {
  event: RunEvent;
  /** `id: <seq>\ndata: <json>\n\n`, shared by every subscriber of the run. */
  frame: string;
}

/** Called with a run's events of one commit, in seq order. */
export type LiveListener = (events: readonly LiveEvent[]) => void;

/**
 * Fans committed run events out to the live streams of each run. The writer publishes every commit
 * once; each event is serialised once, however many streams watch its run. Subscribers receive
 * only committed events, in order; a subscriber that joins late reads what it missed from the
 * database first (see `run-event-stream.ts`).
 */
export interface EventHub {
  /** Called after a commit with the committed events. */
  publish(events: readonly RunEvent[]): void;
  /** Calls `listener` with the events of `runId` of each commit; returns an unsubscribe function. */
  subscribe(runId: string, listener: LiveListener): () => void;
  /** Number of open subscriptions (for metrics and tests). */
  readonly size: number;
}

/** The SSE frame of one event. */
export function sseFrame(event: RunEvent): string {
  return `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
}

export function createEventHub(): EventHub {
  const listeners = new Map<string, Set<LiveListener>>();
  let size = 0;
  return {
    publish(events) {
      if (size === 0) return;
      let byRun: Map<string, LiveEvent[]> | undefined;
      for (const event of events) {
        if (!listeners.has(event.runId)) continue;
        byRun ??= new Map();
        let batch = byRun.get(event.runId);
        if (!batch) byRun.set(event.runId, (batch = []));
        batch.push({ event, frame: sseFrame(event) });
      }
      if (!byRun) return;
      for (const [runId, batch] of byRun) for (const listener of listeners.get(runId) ?? []) listener(batch);
    },
    subscribe(runId, listener) {
      let set = listeners.get(runId);
      if (!set) listeners.set(runId, (set = new Set()));
      set.add(listener);
      size++;
      return () => {
        if (!set.delete(listener)) return;
        size--;
        if (set.size === 0 && listeners.get(runId) === set) listeners.delete(runId);
      };
    },
    get size() {
      return size;
    },
  };
}
