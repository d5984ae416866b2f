import type { RunView } from '@tandem/shared';
import type { runs } from '../schema.ts';

/** A run row as drizzle reads it. */
export type RunRow = typeof runs.$inferSelect;

/** A run in a list: the run view plus the name of its pipeline. */
export interface RunListItem extends RunView {
  pipelineName: string;
}

/** Maps a `runs` row to the wire `RunView`, leaving absent optional fields out. */
export function toRunView(row: RunRow, restore: <T>(value: T) => T = (value) => value): RunView {
  const view: RunView = {
    id: row.id,
    pipelineId: row.pipelineId,
    version: row.version,
    status: row.status,
    inputs: restore(row.inputs),
    outputs: row.outputs ?? {},
    startedAt: row.startedAt,
  };
  if (row.error !== null) view.error = row.error;
  if (row.finishedAt !== null) view.finishedAt = row.finishedAt;
  if (row.parentRunId !== null) view.parentRunId = row.parentRunId;
  if (row.overrides !== null) view.overrides = row.overrides;
  if (row.experimentId !== null) view.experimentId = row.experimentId;
  return view;
}
