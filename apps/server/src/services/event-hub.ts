import type { RunEvent } from '@tandem/shared';

/** Wakes the SSE streams of a run when its events have been committed. */
export interface EventHub {
  /** Called after a commit with the committed events. */
  publish(events: readonly RunEvent[]): void;
  /** Calls `listener` whenever new events of `runId` were committed; returns an unsubscribe function. */
  subscribe(runId: string, listener: () => void): () => void;
  /** Number of open subscriptions (for metrics and tests). */
  readonly size: number;
}

export function createEventHub(): EventHub {
  const listeners = new Map<string, Set<() => void>>();
  let size = 0;
  return {
    publish(events) {
      const runIds = new Set(events.map((event) => event.runId));
      for (const runId of runIds) for (const listener of listeners.get(runId) ?? []) listener();
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
