import { StudioError } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { createEventStore } from '../repositories/event-store.ts';
import { createFeedbackRepository } from '../repositories/feedback-repository.ts';
import { createInboxRepository } from '../repositories/inbox-repository.ts';
import { createPipelinesRepository } from '../repositories/pipelines-repository.ts';
import { createRunsRepository } from '../repositories/runs-repository.ts';
import type { RunStore, StoredRun } from './run-store.ts';

interface LeaseRow {
  status: string;
  last_seq: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
}

/**
 * The run store over the single-process SQLite database: the synchronous repositories behind the
 * asynchronous port, plus leases on the `runs` row. Fenced appends check the lease inside the event
 * store's own transaction.
 */
export function createSqliteRunStore(database: TandemDatabase): RunStore {
  const { sqlite } = database;
  const pipelines = createPipelinesRepository(database);
  const runs = createRunsRepository(database);
  const events = createEventStore(database);
  const inbox = createInboxRepository(database);
  const feedback = createFeedbackRepository(database);

  const selectLease = sqlite.prepare<[string], LeaseRow>('SELECT status, last_seq, lease_owner, lease_expires_at FROM runs WHERE id = ?');
  const takeLease = sqlite.prepare<[string, number, string, string, number]>(
    `UPDATE runs SET lease_owner = ?, lease_expires_at = ?
       WHERE id = ? AND status IN ('queued', 'running') AND (lease_owner IS NULL OR lease_owner = ? OR lease_expires_at < ?)`,
  );
  const renewLease = sqlite.prepare<[number, string, string]>(
    'UPDATE runs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ?',
  );
  const dropLease = sqlite.prepare<[string, string]>('UPDATE runs SET lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ?');
  const selectOrphans = sqlite
    .prepare<[number, number, number], string>(
      `SELECT id FROM runs WHERE status IN ('queued', 'running')
         AND ((lease_owner IS NOT NULL AND lease_expires_at < ?) OR (lease_owner IS NULL AND (status = 'running' OR started_at < ?)))
         ORDER BY started_at, id LIMIT ?`,
    )
    .pluck();

  const appendFenced = sqlite.transaction((...args: Parameters<RunStore['append']>) => {
    const [batch, projections, fence] = args;
    if (fence) {
      const now = fence.now ?? Date.now();
      for (const runId of new Set(batch.map((event) => event.runId))) {
        const lease = selectLease.get(runId);
        if (lease) assertFence(runId, lease, fence.leaseOwner, now);
      }
    }
    events.append(batch, projections);
  });

  function toStoredRun(runId: string): StoredRun | undefined {
    const record = runs.getRecord(runId);
    if (!record) return undefined;
    const { updatedAt: _updatedAt, parentNodeId: _parentNodeId, metrics: _metrics, ...view } = record;
    const lease = selectLease.get(runId)!;
    const stored: StoredRun = { ...view, lastSeq: record.lastSeq };
    if (lease.lease_owner !== null) stored.leaseOwner = lease.lease_owner;
    if (lease.lease_expires_at !== null) stored.leaseExpiresAt = lease.lease_expires_at;
    return stored;
  }

  return {
    createPipeline: async (document) => pipelines.createPipeline(document),
    latestVersion: async (pipelineId) => pipelines.latestVersion(pipelineId),
    getDocument: async (pipelineId, version) => pipelines.getDocument(pipelineId, version),
    createRun: async (run) => runs.createRun(run),
    getRun: async (runId) => toStoredRun(runId),
    async append(batch, projections, fence) {
      if (batch.length === 0) return;
      appendFenced.immediate(batch, projections, fence);
    },
    readEvents: async (runId, afterSeq, limit) => events.readEvents(runId, afterSeq, limit),
    getWaitpoint: async (runId, nodeId) => inbox.getWaitpoint(runId, nodeId),
    async claim(runId, owner, ttlMs, now = Date.now()) {
      if (takeLease.run(owner, now + ttlMs, runId, owner, now).changes !== 1) return undefined;
      return toStoredRun(runId);
    },
    async renew(owner, runIds, ttlMs, now = Date.now()) {
      return runIds.filter((runId) => renewLease.run(now + ttlMs, runId, owner).changes === 1);
    },
    async release(runId, owner) {
      dropLease.run(runId, owner);
    },
    async listOrphaned({ now, queuedGraceMs, limit }) {
      return selectOrphans.all(now, now - queuedGraceMs, limit);
    },
    listRuns: async (query) => runs.list(query),
    listWaiting: async () => inbox.listWaiting(),
    addFeedback: async (runId, body) => feedback.add(runId, body),
    listFeedback: async (runId) => feedback.list(runId),
  };
}

/**
 * Refuses a batch whose worker no longer owns the run (another took it over), or a web node's batch while a
 * worker's lease is current. A worker whose lease lapsed but was not taken over still owns the run: taking
 * it over changes the owner in one statement, so ownership is what fences.
 */
export function assertFence(runId: string, lease: Omit<LeaseRow, 'status' | 'last_seq'>, leaseOwner: string | undefined, now: number): void {
  const live = lease.lease_owner !== null && lease.lease_expires_at !== null && lease.lease_expires_at >= now;
  const allowed = leaseOwner === undefined ? !live : lease.lease_owner === leaseOwner;
  if (!allowed) {
    throw new StudioError('RUN_LEASE_LOST', leaseOwner === undefined ? `Run "${runId}" is being executed by a worker` : `The lease of run "${runId}" is no longer held by this worker`, {
      details: { runId, leaseOwner: lease.lease_owner },
    });
  }
}
