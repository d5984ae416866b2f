import type { InboxItem, PipelineDocument, RunEvent, RunFeedback, RunFeedbackBody, RunView } from '@tandem/shared';
import type { SavedPipelineVersion } from '../repositories/pipelines-repository.ts';
import type { NewRun, RunListQuery } from '../repositories/runs-repository.ts';
import type { RunListItem } from '../repositories/run-views.ts';
import type { RunProjection } from '../repositories/run-projections.ts';
import type { Waitpoint } from '../repositories/inbox-repository.ts';
import type { StoredPipelineDocument } from '../schema.ts';

/** A run as a worker or web node reads it: the wire view plus the log's progress and the worker holding it. */
export interface StoredRun extends RunView {
  lastSeq: number;
  /** The worker whose lease covers the run, while it lasts. */
  leaseOwner?: string;
  leaseExpiresAt?: number;
}

/** How an append is fenced. */
export interface AppendFence {
  /**
   * The worker appending: the batch commits only while its lease on the run is current (a worker that lost
   * its lease to another cannot write). Without it, the append commits only while no worker holds a lease
   * (a web node answering a person or cancelling a run that is not executing).
   */
  leaseOwner?: string;
  /** Time of the check (default `Date.now()`). */
  now?: number;
}

/** Which runs need a worker: `queued` or `running` with no live lease. */
export interface OrphanQuery {
  now: number;
  /** A queued run nobody claimed for this long is handed out again (its enqueue may have been lost). */
  queuedGraceMs: number;
  limit: number;
}

/**
 * What executing runs across processes needs from storage (DESIGN.md §8): pipelines read, runs created
 * and read, the event log appended with a contiguous per-run seq and read back, person requests, and
 * leases. Every method is asynchronous so that the same port is served by SQLite (one process) and
 * Postgres (web nodes and workers). The single-process server keeps using the synchronous repositories
 * on its hot path; this port is what cluster mode is written against.
 */
export interface RunStore {
  /** Creates pipeline `document.id` at version 1 (CONFLICT when it exists). */
  createPipeline(document: PipelineDocument): Promise<SavedPipelineVersion>;
  /** The latest version of a non-deleted pipeline, or undefined. */
  latestVersion(pipelineId: string): Promise<number | undefined>;
  /** The document of an exact version (even of a deleted pipeline), as written, or undefined. */
  getDocument(pipelineId: string, version: number): Promise<StoredPipelineDocument | undefined>;
  /** Creates a queued run (PIPELINE_NOT_FOUND, RUN_NOT_FOUND for a missing parent, CONFLICT for a taken id). */
  createRun(run: NewRun): Promise<RunView>;
  /** The run, or undefined. */
  getRun(runId: string): Promise<StoredRun | undefined>;
  /**
   * Appends events with their projections in one transaction. Per run the seqs must continue the log
   * exactly (CONFLICT otherwise, RUN_NOT_FOUND for an unknown run), and the batch must pass `fence`
   * (RUN_LEASE_LOST otherwise); nothing of a refused batch is written. Watchers are told after the commit.
   */
  append(events: readonly RunEvent[], projections: readonly RunProjection[], fence?: AppendFence): Promise<void>;
  /** Events of a run with `seq > afterSeq`, in order, at most `limit`, checked against the event contract. */
  readEvents(runId: string, afterSeq?: number, limit?: number): Promise<RunEvent[]>;
  /** A `user` step's waitpoint, or undefined. */
  getWaitpoint(runId: string, nodeId: string): Promise<Waitpoint | undefined>;
  /**
   * Takes (or renews) the lease of a `queued` or `running` run for `owner` until `now + ttlMs`, when no
   * other worker's lease is current. Answers the run when taken, undefined when it is finished, paused,
   * missing or held by another worker.
   */
  claim(runId: string, owner: string, ttlMs: number, now?: number): Promise<StoredRun | undefined>;
  /** Extends `owner`'s leases of `runIds`; answers the ids it still holds (a lost one must stop executing). */
  renew(owner: string, runIds: readonly string[], ttlMs: number, now?: number): Promise<string[]>;
  /** Gives up `owner`'s lease of a run (no-op when it does not hold it). */
  release(runId: string, owner: string): Promise<void>;
  /** Runs that need a worker: running or queued with an expired lease, or queued too long with none. */
  listOrphaned(query: OrphanQuery): Promise<string[]>;
  /** Runs newest first (by start time, then id), with their pipeline's name; `before` pages on from a run id. */
  listRuns(query?: RunListQuery): Promise<RunListItem[]>;
  /** Open person requests of runs that are not finished, oldest first (the inbox). */
  listWaiting(): Promise<InboxItem[]>;
  /** Records a person's feedback on a run (RUN_NOT_FOUND). */
  addFeedback(runId: string, feedback: RunFeedbackBody): Promise<RunFeedback>;
  /** A run's feedback, oldest first. */
  listFeedback(runId: string): Promise<RunFeedback[]>;
}
