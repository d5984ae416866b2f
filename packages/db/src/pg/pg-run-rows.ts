import type { RunView } from '@tandem/shared';
import type { StoredRunError } from '../schema.ts';

/** The columns of a `runs` row that make its wire view (shared with the runs list). */
export interface RunViewRow {
  id: string;
  pipeline_id: string;
  version: number;
  status: RunView['status'];
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  error: StoredRunError | null;
  parent_run_id: string | null;
  overrides: RunView['overrides'] | null;
  experiment_id: string | null;
  started_at: number;
  finished_at: number | null;
}

/** A run row as its wire view. */
export function toRunView(row: RunViewRow): RunView {
  const run: RunView = {
    id: row.id,
    pipelineId: row.pipeline_id,
    version: row.version,
    status: row.status,
    inputs: row.inputs,
    outputs: row.outputs ?? {},
    startedAt: row.started_at,
  };
  if (row.error !== null) run.error = row.error;
  if (row.finished_at !== null) run.finishedAt = row.finished_at;
  if (row.parent_run_id !== null) run.parentRunId = row.parent_run_id;
  if (row.overrides !== null) run.overrides = row.overrides;
  if (row.experiment_id !== null) run.experimentId = row.experiment_id;
  return run;
}
