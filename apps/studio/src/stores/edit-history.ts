/**
 * Decides which document changes become their own undo step. Each edit may carry a coalesce key:
 * consecutive edits with the same key make one step — typing into one field (`field:llm:prompt`)
 * while the edits keep coming within `burstMs` of each other, or every move of one drag
 * (`gesture:…` keys, which never time out). An edit without a key is always its own step.
 */
export interface EditHistory {
  /** Runs `edit` with `key` as the coalesce key of the changes it makes. */
  withKey<Result>(key: string | undefined, edit: () => Result): Result;
  /** True when the change being recorded continues the previous step instead of starting one. */
  continuesLastStep(): boolean;
  /** Forgets the last key, so the next edit starts a new step (after undo, redo or a save). */
  breakBurst(): void;
}

export interface EditHistoryOptions {
  /** How long a pause ends a burst of typing. */
  burstMs?: number;
  now?: () => number;
}

/** Creates the coalescing rules of one store's undo history. */
export function createEditHistory({ burstMs = 1000, now = Date.now }: EditHistoryOptions = {}): EditHistory {
  let pending: string | undefined;
  let last: { key: string; at: number } | undefined;
  return {
    withKey(key, edit) {
      const previous = pending;
      pending = key;
      try {
        return edit();
      } finally {
        pending = previous;
      }
    },
    continuesLastStep() {
      const at = now();
      const key = pending;
      const continues = key !== undefined && last?.key === key && (key.startsWith('gesture:') || at - last.at <= burstMs);
      last = key === undefined ? undefined : { key, at };
      return continues;
    },
    breakBurst() {
      last = undefined;
    },
  };
}
