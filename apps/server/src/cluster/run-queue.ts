/** Executes one run (claims it, resumes it from its log, releases it); resolves when the run settled or was skipped. */
export type RunJobHandler = (runId: string) => Promise<void>;

/**
 * The seam between starting runs and executing them (DESIGN.md §8). A web node enqueues the id of a
 * run it created; a worker consumes ids and executes them. Jobs carry only the run id: everything else
 * is read from the database, and the run's lease (not the job) decides who executes it, so a job
 * delivered twice is harmless.
 */
export interface RunQueue {
  /** Asks for `runId` to be executed by some worker. */
  enqueue(runId: string): Promise<void>;
  /** Hands enqueued ids to `handler`, at most `concurrency` at a time, until `close()`. */
  consume(handler: RunJobHandler, options: { concurrency: number }): Promise<void>;
  /** Stops consuming (running handlers finish on their own) and releases the queue's connections. */
  close(): Promise<void>;
}
