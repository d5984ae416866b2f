import type { NewRun } from '@tandem/db';
import type { RunView, StudioError } from '@tandem/shared';

/** Options of {@link createGroupedRunCreation}. */
export interface GroupedRunCreationOptions {
  /** Commit as soon as this many runs wait. Default 256. */
  maxGroup?: number;
}

/** Creates runs in groups: each run row is committed with the others asked for in the same turn of the event loop. */
export interface GroupedRunCreation {
  /** Resolves with the run once its row is committed; rejects with what refused it (or what failed the commit). */
  create(run: NewRun): Promise<RunView>;
  /** Runs waiting for their group's commit. */
  readonly pending: number;
  /** Commits the waiting runs now. */
  flush(): void;
}

interface Waiting {
  run: NewRun;
  resolve(view: RunView): void;
  reject(error: unknown): void;
}

/**
 * Group commit of run creation. Requests that arrive together (read in one poll of the event loop) each
 * ask for a run; their rows go into ONE transaction on the next turn of the loop (`setImmediate`), so a
 * burst of starts costs one commit instead of one each. A caller hears back only after the commit, so
 * nothing answers for a run whose row is not durable yet; a run refused by its checks fails alone.
 */
export function createGroupedRunCreation(
  createRuns: (runs: readonly NewRun[]) => (RunView | StudioError)[],
  options: GroupedRunCreationOptions = {},
): GroupedRunCreation {
  const maxGroup = Math.max(1, options.maxGroup ?? 256);
  let waiting: Waiting[] = [];
  let scheduled: ReturnType<typeof setImmediate> | undefined;

  function flush(): void {
    if (scheduled !== undefined) clearImmediate(scheduled);
    scheduled = undefined;
    if (waiting.length === 0) return;
    const group = waiting;
    waiting = [];
    let answers: (RunView | StudioError)[];
    try {
      answers = createRuns(group.map((entry) => entry.run));
    } catch (error) {
      for (const entry of group) entry.reject(error);
      return;
    }
    group.forEach((entry, index) => {
      const answer = answers[index]!;
      if (answer instanceof Error) entry.reject(answer);
      else entry.resolve(answer);
    });
  }

  return {
    create(run) {
      return new Promise<RunView>((resolve, reject) => {
        waiting.push({ run, resolve, reject });
        if (waiting.length >= maxGroup) flush();
        else scheduled ??= setImmediate(flush);
      });
    },
    get pending() {
      return waiting.length;
    },
    flush,
  };
}
