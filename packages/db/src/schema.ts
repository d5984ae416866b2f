/**
 * The Tandem Studio database schema (drizzle-orm, SQLite dialect).
 *
 * Conventions:
 * - every timestamp is an integer of milliseconds since the epoch (the shared wire types use numbers);
 * - JSON values are stored as text (`mode: 'json'`), written with `JSON.stringify` and read with `JSON.parse`;
 * - booleans are integers 0/1 (`mode: 'boolean'`).
 *
 * Migrations in `../drizzle` are generated from this file by `pnpm --filter @tandem/db generate`.
 * One hand edit lives in the first migration: `run_events` is created `WITHOUT ROWID` (drizzle cannot
 * express it), so the events of a run are stored clustered by `(run_id, seq)`. If a later migration ever
 * recreates `run_events`, keep that clause.
 */
import { sql } from 'drizzle-orm';
import { blob, check, foreignKey, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type {
  ApiKeyLimits,
  ApiKeyScope,
  ConfigOverrides,
  DatasetFormat,
  ExperimentArm,
  ExperimentArmsSpec,
  ExperimentEventType,
  ExperimentStatus,
  ExperimentStopReason,
  RunStatus,
  Scorer,
  TrialStatus,
  UserRole,
} from '@tandem/shared';

/**
 * A pipeline document as it was written: in the format of the build that saved it (any
 * `tandem.pipeline/vN`, node configs at the kind versions its `kinds` map names). Stored rows are never
 * rewritten; the server upgrades a document when it reads it.
 */
export type StoredPipelineDocument = Record<string, unknown>;

/** A problem of a draft, as stored (the shape of `GraphProblem`). */
export interface StoredGraphProblem {
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  field?: string;
}

/** Run error as stored in `runs.error` (the shape of `RunView.error`). */
export interface StoredRunError {
  code: string;
  message: string;
  nodeId?: string;
}

/** What a run measured (the engine's `runMetricsOf`), as stored in `runs.metrics` when the run ends. */
export interface StoredRunMetrics {
  values: Record<string, number | boolean>;
  variants: Record<string, string>;
}

/** One row per pipeline id; the documents live in `pipeline_versions`. Deleting is soft. */
export const pipelines = sqliteTable('pipelines', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  latestVersion: integer('latest_version').notNull(),
  isTemplate: integer('is_template', { mode: 'boolean' }).notNull().default(false),
  /** Kept by the server for itself (the compatibility API's pipeline): listed apart and never deleted. */
  isSystem: integer('is_system', { mode: 'boolean' }).notNull().default(false),
  deletedAt: integer('deleted_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Immutable pipeline documents: saving makes version N+1, a row is never updated. */
export const pipelineVersions = sqliteTable(
  'pipeline_versions',
  {
    pipelineId: text('pipeline_id')
      .notNull()
      .references(() => pipelines.id),
    version: integer('version').notNull(),
    document: text('document', { mode: 'json' }).$type<StoredPipelineDocument>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.pipelineId, table.version] })],
);

/**
 * Work in progress: at most one draft per pipeline, beside its immutable versions. A draft may fail
 * the pipeline's checks (its problems are stored with it) and never runs; saving a valid version
 * deletes it.
 */
export const pipelineDrafts = sqliteTable('pipeline_drafts', {
  pipelineId: text('pipeline_id')
    .primaryKey()
    .references(() => pipelines.id),
  document: text('document', { mode: 'json' }).$type<StoredPipelineDocument>().notNull(),
  /** The pipeline's latest version when the draft was saved (0: none yet). */
  baseVersion: integer('base_version').notNull(),
  problems: text('problems', { mode: 'json' }).$type<StoredGraphProblem[]>().notNull(),
  savedAt: integer('saved_at').notNull(),
});

/** Runs: the columns besides the inputs are a projection of the run's events, written in the same transaction. */
export const runs = sqliteTable(
  'runs',
  {
    id: text('id').primaryKey(),
    pipelineId: text('pipeline_id').notNull(),
    version: integer('version').notNull(),
    status: text('status').$type<RunStatus>().notNull(),
    inputs: text('inputs', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    outputs: text('outputs', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    error: text('error', { mode: 'json' }).$type<StoredRunError>(),
    parentRunId: text('parent_run_id'),
    parentNodeId: text('parent_node_id'),
    /** Per-node partial configs merged into the version's configs for this run. */
    overrides: text('overrides', { mode: 'json' }).$type<ConfigOverrides>(),
    /** The experiment this run is a trial of. */
    experimentId: text('experiment_id'),
    /** Projection written with the run's terminal event. */
    metrics: text('metrics', { mode: 'json' }).$type<StoredRunMetrics>(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    updatedAt: integer('updated_at').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
    /** The worker executing the run (cluster mode); NULL when no worker holds it. */
    leaseOwner: text('lease_owner'),
    /** When the owner's claim lapses unless renewed: another worker may then take the run over. */
    leaseExpiresAt: integer('lease_expires_at'),
  },
  (table) => [
    foreignKey({
      columns: [table.pipelineId, table.version],
      foreignColumns: [pipelineVersions.pipelineId, pipelineVersions.version],
    }),
    foreignKey({ columns: [table.parentRunId], foreignColumns: [table.id] }),
    index('runs_status_index').on(table.status),
    index('runs_pipeline_started_index').on(table.pipelineId, table.startedAt),
    index('runs_started_index').on(table.startedAt),
    index('runs_experiment_index').on(table.experimentId),
    index('runs_lease_index').on(table.leaseExpiresAt).where(sql`status IN ('queued', 'running')`),
  ],
);

/** The append-only event log of every run: the system of record (DESIGN.md §4). */
export const runEvents = sqliteTable(
  'run_events',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    ts: integer('ts').notNull(),
    type: text('type').notNull(),
    nodeId: text('node_id'),
    attempt: integer('attempt'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.seq] })],
);

/** Durable pauses of `user` steps: the requests and answers the server's fold of each run's log projects. */
export const waitpoints = sqliteTable(
  'waitpoints',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    title: text('title').notNull(),
    instructions: text('instructions'),
    value: text('value', { mode: 'json' }).$type<unknown>(),
    createdAt: integer('created_at').notNull(),
    submittedAt: integer('submitted_at'),
    decision: text('decision').$type<'approved' | 'rejected'>(),
    submittedValue: text('submitted_value', { mode: 'json' }).$type<unknown>(),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.nodeId] }),
    index('waitpoints_open_index').on(table.createdAt).where(sql`submitted_at IS NULL`),
  ],
);

/** Large strings stored once (keyed by SHA-256) and referenced from events and run inputs. */
export const blobs = sqliteTable('blobs', {
  hash: text('hash').primaryKey(),
  text: text('text').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** The exact-match LLM completion cache. Entries past `expires_at` are never served (and are pruned). */
export const completionCache = sqliteTable('completion_cache', {
  key: text('key').primaryKey(),
  text: text('text').notNull(),
  inputTokens: integer('input_tokens').notNull(),
  outputTokens: integer('output_tokens').notNull(),
  /** What the call that filled the entry cost: what each hit saves. */
  costUsd: real('cost_usd').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  /** NULL: kept until evicted. */
  expiresAt: integer('expires_at'),
  hits: integer('hits').notNull().default(0),
});

/** The semantic cache: answers by scope (key, model, parameters, system prompt) and the user content's embedding. */
export const semanticCache = sqliteTable(
  'semantic_cache',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    scope: text('scope').notNull(),
    /** The user content that was embedded. */
    prompt: text('prompt').notNull(),
    /** Float32 little-endian, unit length. */
    embedding: blob('embedding', { mode: 'buffer' }).notNull(),
    dimensions: integer('dimensions').notNull(),
    text: text('text').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    costUsd: real('cost_usd').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
    hits: integer('hits').notNull().default(0),
  },
  (table) => [index('semantic_cache_scope_index').on(table.scope, table.dimensions)],
);

/** Hit and miss counts of each cache, with what the hits saved. */
export const cacheStats = sqliteTable('cache_stats', {
  /** `exact` or `semantic`. */
  kind: text('kind').primaryKey(),
  hits: integer('hits').notNull().default(0),
  misses: integer('misses').notNull().default(0),
  savedInputTokens: integer('saved_input_tokens').notNull().default(0),
  savedOutputTokens: integer('saved_output_tokens').notNull().default(0),
  savedCostUsd: real('saved_cost_usd').notNull().default(0),
});

/** One row per gateway request (`/v1`) and per model call of a run: what the Monitoring page charts. */
export const modelRequests = sqliteTable(
  'model_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    /** `v1`: a gateway request; `run`: a model call inside a run. */
    source: text('source').$type<'v1' | 'run'>().notNull(),
    route: text('route'),
    keyId: text('key_id'),
    model: text('model').notNull(),
    pipelineId: text('pipeline_id'),
    runId: text('run_id'),
    status: integer('status').notNull(),
    errorCode: text('error_code'),
    latencyMs: real('latency_ms').notNull(),
    firstTokenMs: real('first_token_ms'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costUsd: real('cost_usd').notNull().default(0),
    cache: text('cache').$type<'exact' | 'semantic'>(),
  },
  (table) => [index('model_requests_at_index').on(table.at)],
);

/** Provider keys entered in Settings, AES-256-GCM encrypted; only the last four characters are readable. */
export const providerSecrets = sqliteTable('provider_secrets', {
  provider: text('provider').primaryKey(),
  /** base64 of IV (12 bytes) ‖ ciphertext ‖ tag (16 bytes). */
  sealed: text('sealed').notNull(),
  last4: text('last4').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Server settings as JSON values by key (HTTP allow-list, orchestration config, …). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
});

/** Accounts. Emails are stored lower-case; `password_hash` is an argon2id PHC string. */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').$type<UserRole>().notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Signed-in browser sessions. `id` is the SHA-256 of the cookie's token, so the file alone opens no session. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (table) => [index('sessions_user_index').on(table.userId), index('sessions_expires_index').on(table.expiresAt)],
);

/** API keys. Only the SHA-256 of a key is kept; `prefix` (its first characters) lets a person recognise it. */
export const apiKeys = sqliteTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  scopes: text('scopes', { mode: 'json' }).$type<ApiKeyScope[]>().notNull(),
  /** Stored and shown; enforced by the gateway (DESIGN.md §9). */
  limits: text('limits', { mode: 'json' }).$type<ApiKeyLimits>(),
  /** The account that created it; NULL when made with access control off. */
  createdBy: text('created_by'),
  createdAt: integer('created_at').notNull(),
  lastUsedAt: integer('last_used_at'),
  revokedAt: integer('revoked_at'),
});

/** Security changes and sign-ins, newest last. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    details: text('details', { mode: 'json' }).$type<unknown>(),
  },
  (table) => [index('audit_log_at_index').on(table.at)],
);

/** Fixed-window counters (failed sign-ins per account and per address). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});

/** One row per dataset; the rows live per version in `dataset_rows`. */
export const datasets = sqliteTable('datasets', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  latestVersion: integer('latest_version').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** A dataset's versions. A version an experiment used is never changed again: editing makes the next one. */
export const datasetVersions = sqliteTable(
  'dataset_versions',
  {
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    format: text('format').$type<DatasetFormat>().notNull(),
    columns: text('columns', { mode: 'json' }).$type<string[]>().notNull(),
    rowCount: integer('row_count').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.datasetId, table.version] })],
);

/** The rows of each dataset version, by index from 0. */
export const datasetRows = sqliteTable(
  'dataset_rows',
  {
    datasetId: text('dataset_id').notNull(),
    version: integer('version').notNull(),
    rowIndex: integer('row_index').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.datasetId, table.version, table.rowIndex] }),
    check('dataset_rows_data_is_json_object', sql`json_type(${table.data}) = 'object'`),
    foreignKey({ columns: [table.datasetId, table.version], foreignColumns: [datasetVersions.datasetId, datasetVersions.version] }).onDelete('cascade'),
  ],
);

/** Experiments: a pipeline's arms over a dataset version. The counters are kept with each trial change. */
export const experiments = sqliteTable(
  'experiments',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    pipelineId: text('pipeline_id')
      .notNull()
      .references(() => pipelines.id),
    datasetId: text('dataset_id').notNull(),
    datasetVersion: integer('dataset_version').notNull(),
    armsSpec: text('arms_spec', { mode: 'json' }).$type<ExperimentArmsSpec>().notNull(),
    arms: text('arms', { mode: 'json' }).$type<ExperimentArm[]>().notNull(),
    baseline: text('baseline').notNull(),
    repeats: integer('repeats').notNull(),
    concurrency: integer('concurrency').notNull(),
    budgetUsd: real('budget_usd'),
    scorers: text('scorers', { mode: 'json' }).$type<Scorer[]>().notNull(),
    mapping: text('mapping', { mode: 'json' }).$type<{ inputs: Record<string, string>; expected?: string }>().notNull(),
    status: text('status').$type<ExperimentStatus>().notNull(),
    stopReason: text('stop_reason').$type<ExperimentStopReason>(),
    total: integer('total').notNull(),
    /** Trials taken from the queue (running or ended). */
    started: integer('started').notNull().default(0),
    done: integer('done').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    costUsd: real('cost_usd').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    updatedAt: integer('updated_at').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (table) => [
    foreignKey({ columns: [table.datasetId, table.datasetVersion], foreignColumns: [datasetVersions.datasetId, datasetVersions.version] }),
    index('experiments_status_index').on(table.status),
    index('experiments_pipeline_index').on(table.pipelineId, table.createdAt),
    index('experiments_dataset_index').on(table.datasetId, table.datasetVersion),
  ],
);

/** Trials: one per (row × arm × repeat). The table is the experiment's queue: `ordinal` is the order trials start in. */
export const trials = sqliteTable(
  'trials',
  {
    experimentId: text('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    rowIndex: integer('row_index').notNull(),
    arm: text('arm').notNull(),
    repeat: integer('repeat').notNull(),
    ordinal: integer('ordinal').notNull(),
    status: text('status').$type<TrialStatus>().notNull(),
    runId: text('run_id').references(() => runs.id),
    metrics: text('metrics', { mode: 'json' }).$type<Record<string, number | boolean>>(),
    costUsd: real('cost_usd').notNull().default(0),
    error: text('error', { mode: 'json' }).$type<StoredRunError>(),
    attempts: integer('attempts').notNull().default(0),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
  },
  (table) => [
    primaryKey({ columns: [table.experimentId, table.rowIndex, table.arm, table.repeat] }),
    index('trials_queue_index').on(table.experimentId, table.status, table.ordinal),
    index('trials_run_index').on(table.runId),
  ],
);

/** The append-only progress log of each experiment (SSE with Last-Event-ID, like run events). */
export const experimentEvents = sqliteTable(
  'experiment_events',
  {
    experimentId: text('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    ts: integer('ts').notNull(),
    type: text('type').$type<ExperimentEventType>().notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.experimentId, table.seq] })],
);

/** People's feedback on runs (score, thumbs, comment); several entries per run, the latest counts. */
export const runFeedback = sqliteTable(
  'run_feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    score: real('score'),
    thumbs: text('thumbs').$type<'up' | 'down'>(),
    comment: text('comment'),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('run_feedback_run_index').on(table.runId, table.id)],
);

/** All tables, for `drizzle(…, { schema })`. */
export const schema = {
  pipelines,
  pipelineVersions,
  pipelineDrafts,
  runs,
  runEvents,
  waitpoints,
  completionCache,
  semanticCache,
  cacheStats,
  modelRequests,
  providerSecrets,
  settings,
  users,
  sessions,
  apiKeys,
  auditLog,
  rateLimits,
  blobs,
  datasets,
  datasetVersions,
  datasetRows,
  experiments,
  trials,
  experimentEvents,
  runFeedback,
};
