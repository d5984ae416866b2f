import PgBoss from 'pg-boss';
import type { RunJobHandler, RunQueue } from './run-queue.ts';

/** The pg-boss queue runs are sent to. */
export const runQueueName = 'tandem.runs';

/** Options of {@link createPgBossRunQueue}. */
export interface PgBossRunQueueOptions {
  /** The Postgres connection string (pg-boss keeps its tables in the `pgboss` schema). */
  url: string;
  /** Connections pg-boss may open (default 4). */
  maxConnections?: number;
  /**
   * Only workers maintain the queue (expiring, archiving); web nodes just send. Default false.
   * pg-boss elects one maintainer among all supervising processes.
   */
  supervise?: boolean;
  /** How long an idle consumer waits before asking again when nothing woke it (default 1000 ms). */
  pollIntervalMs?: number;
  /** Called after each enqueue, to wake idle consumers on every host (a NOTIFY); optional. */
  announce?: () => Promise<void>;
  /** Registers a listener woken by `announce` from any process; answers an unsubscribe function. */
  onAnnounced?: (listener: () => void) => () => void;
  /**
   * Runs pg-boss's start (which creates or upgrades its schema) one process at a time: started together,
   * several processes can otherwise deadlock in it. Default: no serialisation.
   */
  serializeStart?: (start: () => Promise<void>) => Promise<void>;
}

/**
 * The run queue across processes and hosts, on pg-boss over the same Postgres. Consumers fetch as many
 * jobs as they have free slots (`SKIP LOCKED` inside pg-boss), complete each when its run settled and
 * fail it when the handler threw. A job whose worker died stays active in pg-boss until it expires;
 * the run itself is taken over sooner, through its lease (see run-worker.ts).
 */
export async function createPgBossRunQueue(options: PgBossRunQueueOptions): Promise<RunQueue> {
  const boss = new PgBoss({
    connectionString: options.url,
    max: options.maxConnections ?? 4,
    application_name: 'tandem-queue',
    supervise: options.supervise ?? false,
    schedule: false,
    // The lease, not the job, decides who executes a run: an expired job is not retried.
    retryLimit: 0,
    expireInHours: 4,
    retentionDays: 1,
  });
  boss.on('error', (error) => console.error('Run queue error', error.message));
  const startBoss = async () => {
    await boss.start();
    await boss.createQueue(runQueueName);
  };
  await (options.serializeStart ? options.serializeStart(startBoss) : startBoss());

  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  let closed = false;
  let stopWake: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const nudge = () => wake?.();

  async function consumeLoop(handler: RunJobHandler, concurrency: number): Promise<void> {
    let running = 0;
    stopWake = options.onAnnounced?.(nudge);
    while (!closed) {
      const free = concurrency - running;
      let fetched = 0;
      if (free > 0) {
        try {
          const jobs = await boss.fetch<{ runId: string }>(runQueueName, { batchSize: free });
          fetched = jobs.length;
          for (const job of jobs) {
            running++;
            void handler(job.data.runId)
              .then(
                () => boss.complete(runQueueName, job.id),
                (error: unknown) => {
                  console.error(`Run ${job.data.runId} could not be executed`, error);
                  return boss.fail(runQueueName, job.id, { message: (error as Error).message });
                },
              )
              .catch((error: unknown) => console.error('Could not record a run job', (error as Error).message))
              .finally(() => {
                running--;
                nudge();
              });
          }
        } catch (error) {
          if (!closed) console.error('Could not fetch run jobs', (error as Error).message);
        }
      }
      // A full batch may leave more waiting: ask again at once while there are free slots.
      if (fetched > 0 && fetched === free) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    async enqueue(runId) {
      await boss.send(runQueueName, { runId });
      await options.announce?.();
    },
    async consume(handler, { concurrency }) {
      loop = consumeLoop(handler, Math.max(1, concurrency));
    },
    async close() {
      if (closed) return;
      closed = true;
      stopWake?.();
      nudge();
      await boss.stop({ graceful: false, wait: true });
      await loop?.catch(() => undefined);
    },
  };
}
