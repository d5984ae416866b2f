import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** Options of {@link createRunAdmission}. */
export interface RunAdmissionOptions {
  /** Runs that always start at once, saturated or not. Default 32 (never more than `maxActive`). */
  minActive?: number;
  /** Runs executing at most; later ones queue. Default 5,000. */
  maxActive?: number;
  /** Whether the process is saturated now (new runs then queue). Default: the event loop busy ≥ 90 % lately. */
  isSaturated?: () => boolean;
  /** How often queued runs are reconsidered while some wait, ms. Default 20. */
  drainEveryMs?: number;
}

/**
 * Admission control: when the process is saturated, new runs wait their turn (first come, first
 * served) instead of slowing down every run already executing. A waiting run is durable as it is:
 * its row says `queued`, and a restart resumes it like any other interrupted run.
 */
export interface RunAdmission {
  /** Starts the run now, or queues it; `start` is called once, when the run is admitted. */
  admit(runId: string, start: () => Promise<unknown>): void;
  /** Takes a queued run out of the queue; true when it was waiting there. */
  withdraw(runId: string): boolean;
  /** Runs executing through admission now. */
  readonly active: number;
  /** Runs waiting to start. */
  readonly queued: number;
  /** Stops reconsidering the queue (the process is closing). */
  close(): void;
}

/** Saturation from the event loop: busy at least `threshold` of the time since the last question (≥ 20 ms ago). */
export function eventLoopSaturation(threshold = 0.9): () => boolean {
  let since: EventLoopUtilization = performance.eventLoopUtilization();
  let saturated = false;
  return () => {
    const now = performance.eventLoopUtilization();
    const window = performance.eventLoopUtilization(now, since);
    if (window.idle + window.active < 20) return saturated;
    saturated = window.utilization >= threshold;
    since = now;
    return saturated;
  };
}

export function createRunAdmission(options: RunAdmissionOptions = {}): RunAdmission {
  const maxActive = options.maxActive ?? 5000;
  const minActive = Math.min(options.minActive ?? 32, maxActive);
  const isSaturated = options.isSaturated ?? eventLoopSaturation();
  const drainEveryMs = options.drainEveryMs ?? 20;
  const waiting = new Map<string, () => Promise<unknown>>();
  let active = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const mayStart = () => active < minActive || (active < maxActive && !isSaturated());

  function begin(start: () => Promise<unknown>): void {
    active++;
    void start()
      .catch(() => undefined)
      .finally(() => {
        active--;
        drain();
      });
  }

  function drain(): void {
    for (const [runId, start] of waiting) {
      if (!mayStart()) break;
      waiting.delete(runId);
      begin(start);
    }
    if (waiting.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    } else if (waiting.size > 0 && !timer) {
      timer = setInterval(drain, drainEveryMs);
      timer.unref();
    }
  }

  return {
    admit(runId, start) {
      if (waiting.size === 0 && mayStart()) return begin(start);
      waiting.set(runId, start);
      drain();
    },
    withdraw: (runId) => waiting.delete(runId),
    get active() {
      return active;
    },
    get queued() {
      return waiting.size;
    },
    close() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
