/** Wakes the listeners of a key (an experiment's SSE streams) after something about it was committed. */
export interface WakeHub {
  wake(key: string): void;
  /** Calls `listener` on every wake of `key`; answers an unsubscribe function. */
  subscribe(key: string, listener: () => void): () => void;
}

export function createWakeHub(): WakeHub {
  const listeners = new Map<string, Set<() => void>>();
  return {
    wake(key) {
      for (const listener of [...(listeners.get(key) ?? [])]) listener();
    },
    subscribe(key, listener) {
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(key) === set) listeners.delete(key);
      };
    },
  };
}
