import type {
  ExperimentArm,
  ExperimentArmsSpec,
  ExperimentEvent,
  ExperimentEventType,
  ExperimentProgress,
  ExperimentStatus,
  ExperimentStopReason,
  Scorer,
} from '@tandem/shared';
import type { SqliteConnection } from '../client.ts';

/** An experiment row with its counters, as the repositories read it. */
export interface ExperimentRecord {
  id: string;
  name: string;
  pipelineId: string;
  datasetId: string;
  datasetVersion: number;
  armsSpec: ExperimentArmsSpec;
  arms: ExperimentArm[];
  baseline: string;
  repeats: number;
  concurrency: number;
  budgetUsd?: number;
  scorers: Scorer[];
  mapping: { inputs: Record<string, string>; expected?: string };
  status: ExperimentStatus;
  stopReason?: ExperimentStopReason;
  total: number;
  /** Trials taken from the queue (running or ended). */
  started: number;
  done: number;
  failed: number;
  skipped: number;
  costUsd: number;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  updatedAt: number;
  lastSeq: number;
}

/** The `experiments` row as SQLite answers it. */
export interface ExperimentRow {
  id: string;
  name: string;
  pipeline_id: string;
  dataset_id: string;
  dataset_version: number;
  arms_spec: string;
  arms: string;
  baseline: string;
  repeats: number;
  concurrency: number;
  budget_usd: number | null;
  scorers: string;
  mapping: string;
  status: ExperimentStatus;
  stop_reason: ExperimentStopReason | null;
  total: number;
  started: number;
  done: number;
  failed: number;
  skipped: number;
  cost_usd: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  last_seq: number;
}

/** The `experiments` row as Postgres answers it: its JSON columns already parsed. */
export type ParsedExperimentRow = Omit<ExperimentRow, 'arms_spec' | 'arms' | 'scorers' | 'mapping'> & { arms_spec: unknown; arms: unknown; scorers: unknown; mapping: unknown };

// SQLite answers JSON columns as text, Postgres as values; none of these columns holds a bare string.
const fromJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** Maps a row (of either database) to a record, leaving absent optional fields out. */
export function toExperimentRecord(row: ExperimentRow | ParsedExperimentRow): ExperimentRecord {
  const record: ExperimentRecord = {
    id: row.id,
    name: row.name,
    pipelineId: row.pipeline_id,
    datasetId: row.dataset_id,
    datasetVersion: row.dataset_version,
    armsSpec: fromJson<ExperimentArmsSpec>(row.arms_spec),
    arms: fromJson<ExperimentArm[]>(row.arms),
    baseline: row.baseline,
    repeats: row.repeats,
    concurrency: row.concurrency,
    scorers: fromJson<Scorer[]>(row.scorers),
    mapping: fromJson<ExperimentRecord['mapping']>(row.mapping),
    status: row.status,
    total: row.total,
    started: row.started,
    done: row.done,
    failed: row.failed,
    skipped: row.skipped,
    costUsd: row.cost_usd,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSeq: row.last_seq,
  };
  if (row.budget_usd !== null) record.budgetUsd = row.budget_usd;
  if (row.stop_reason !== null) record.stopReason = row.stop_reason;
  if (row.started_at !== null) record.startedAt = row.started_at;
  if (row.finished_at !== null) record.finishedAt = row.finished_at;
  return record;
}

/**
 * An experiment's progress from its counters. The ETA divides the time since the experiment started
 * by the trials that ended, times the trials left; null before the first ends and when none are left.
 */
export function progressOf(record: ExperimentRecord, now: number): ExperimentProgress {
  const running = Math.max(0, record.started - record.done - record.failed);
  const queued = Math.max(0, record.total - record.started - record.skipped);
  const ended = record.done + record.failed;
  const left = running + queued;
  const elapsed = record.startedAt === undefined ? 0 : now - record.startedAt;
  const etaMs = ended > 0 && left > 0 && elapsed > 0 ? Math.round((elapsed / ended) * left) : null;
  return { done: record.done, failed: record.failed, total: record.total, running, queued, skipped: record.skipped, costUsd: record.costUsd, etaMs };
}

/** Appends experiment events inside the caller's transaction; statements are prepared once. */
export function createExperimentLog(sqlite: SqliteConnection) {
  const selectRow = sqlite.prepare<[string], ExperimentRow>('SELECT * FROM experiments WHERE id = ?');
  const insertEvent = sqlite.prepare<[string, number, number, ExperimentEventType, string]>('INSERT INTO experiment_events (experiment_id, seq, ts, type, data) VALUES (?, ?, ?, ?, ?)');
  const advance = sqlite.prepare<[number, number, string, number]>('UPDATE experiments SET last_seq = ?, updated_at = ? WHERE id = ? AND last_seq = ?');

  return {
    /** The experiment as it is now, inside the transaction. */
    read(id: string): ExperimentRecord | undefined {
      const row = selectRow.get(id);
      return row ? toExperimentRecord(row) : undefined;
    },
    /** Appends one event carrying the experiment's progress and status after the caller's changes. */
    append(id: string, type: ExperimentEventType, trial?: ExperimentEvent['data']['trial']): ExperimentEvent {
      const record = this.read(id)!;
      const ts = Date.now();
      const data: ExperimentEvent['data'] = { progress: progressOf(record, ts), status: record.status };
      if (record.stopReason) data.stopReason = record.stopReason;
      if (trial) data.trial = trial;
      const seq = record.lastSeq + 1;
      insertEvent.run(id, seq, ts, type, JSON.stringify(data));
      advance.run(seq, ts, id, record.lastSeq);
      return { experimentId: id, seq, ts, type, data };
    },
  };
}

export type ExperimentLog = ReturnType<typeof createExperimentLog>;
