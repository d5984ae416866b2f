import { and, asc, eq, isNull, notInArray } from 'drizzle-orm';
import { terminalRunStatuses, type InboxItem } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { pipelines, runs, waitpoints } from '../schema.ts';

/** A `user` step's durable pause, open or answered. */
export interface Waitpoint {
  runId: string;
  nodeId: string;
  title: string;
  instructions?: string;
  value: unknown;
  createdAt: number;
  submittedAt?: number;
  decision?: 'approved' | 'rejected';
  submittedValue?: unknown;
}

/** Reads the waitpoints that `user.waiting` / `user.submitted` events maintain. */
export interface InboxRepository {
  /** Open waitpoints of runs that are not finished, oldest first. */
  listWaiting(): InboxItem[];
  /** One waitpoint, open or answered, or undefined. */
  getWaitpoint(runId: string, nodeId: string): Waitpoint | undefined;
}

/** Creates the inbox repository over an open database. */
export function createInboxRepository(database: TandemDatabase): InboxRepository {
  const { db } = database;
  return {
    listWaiting() {
      return db
        .select({
          runId: waitpoints.runId,
          nodeId: waitpoints.nodeId,
          pipelineId: runs.pipelineId,
          pipelineName: pipelines.name,
          title: waitpoints.title,
          instructions: waitpoints.instructions,
          value: waitpoints.value,
          since: waitpoints.createdAt,
        })
        .from(waitpoints)
        .innerJoin(runs, eq(runs.id, waitpoints.runId))
        .innerJoin(pipelines, eq(pipelines.id, runs.pipelineId))
        .where(and(isNull(waitpoints.submittedAt), notInArray(runs.status, [...terminalRunStatuses])))
        .orderBy(asc(waitpoints.createdAt), asc(waitpoints.runId), asc(waitpoints.nodeId))
        .all()
        .map(({ instructions, value, ...rest }) => {
          const item: InboxItem = { ...rest, value: value ?? null };
          if (instructions !== null) item.instructions = instructions;
          return item;
        });
    },
    getWaitpoint(runId, nodeId) {
      const row = db
        .select()
        .from(waitpoints)
        .where(and(eq(waitpoints.runId, runId), eq(waitpoints.nodeId, nodeId)))
        .get();
      if (!row) return undefined;
      const waitpoint: Waitpoint = {
        runId: row.runId,
        nodeId: row.nodeId,
        title: row.title,
        value: row.value ?? null,
        createdAt: row.createdAt,
      };
      if (row.instructions !== null) waitpoint.instructions = row.instructions;
      if (row.submittedAt !== null) waitpoint.submittedAt = row.submittedAt;
      if (row.decision !== null) waitpoint.decision = row.decision;
      if (row.submittedValue !== null) waitpoint.submittedValue = row.submittedValue;
      return waitpoint;
    },
  };
}
