/**
 * The Tandem Studio database schema for Postgres (drizzle-orm, pg dialect): the same tables and
 * columns as the SQLite schema in `../schema.ts`, for a team running several web nodes and workers
 * (DESIGN.md §8). `pg-schema.test.ts` fails when the two drift apart.
 *
 * Conventions (differences from SQLite are only in types):
 * - timestamps are `bigint` milliseconds since the epoch, read as JS numbers;
 * - JSON values are `json` where they are stored and read back whole (documents, run inputs and outputs, event
 *   data: the text is kept as written, key order included) and `jsonb` where the database looks inside them;
 * - booleans are `boolean`; SQLite `real` is `double precision`.
 *
 * Migrations in `../../drizzle-pg` are generated from this file by `pnpm --filter @tandem/db generate`.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, customType, doublePrecision, foreignKey, index, integer, json, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
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
import type { StoredGraphProblem, StoredPipelineDocument, StoredRunError, StoredRunMetrics } from '../schema.ts';

/** Milliseconds since the epoch. */
const millis = (name: string) => bigint(name, { mode: 'number' });

/** Bytes (SQLite `blob`): node-postgres reads and writes `bytea` as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const pipelines = pgTable('pipelines', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  latestVersion: integer('latest_version').notNull(),
  isTemplate: boolean('is_template').notNull().default(false),
  isSystem: boolean('is_system').notNull().default(false),
  deletedAt: millis('deleted_at'),
  createdAt: millis('created_at').notNull(),
  updatedAt: millis('updated_at').notNull(),
});

export const pipelineVersions = pgTable(
  'pipeline_versions',
  {
    pipelineId: text('pipeline_id')
      .notNull()
      .references(() => pipelines.id),
    version: integer('version').notNull(),
    document: json('document').$type<StoredPipelineDocument>().notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.pipelineId, table.version] })],
);

export const pipelineDrafts = pgTable('pipeline_drafts', {
  pipelineId: text('pipeline_id')
    .primaryKey()
    .references(() => pipelines.id),
  document: json('document').$type<StoredPipelineDocument>().notNull(),
  baseVersion: integer('base_version').notNull(),
  problems: jsonb('problems').$type<StoredGraphProblem[]>().notNull(),
  savedAt: millis('saved_at').notNull(),
});

export const runs = pgTable(
  'runs',
  {
    id: text('id').primaryKey(),
    pipelineId: text('pipeline_id').notNull(),
    version: integer('version').notNull(),
    status: text('status').$type<RunStatus>().notNull(),
    inputs: json('inputs').$type<Record<string, unknown>>().notNull(),
    outputs: json('outputs').$type<Record<string, unknown>>().notNull(),
    error: json('error').$type<StoredRunError>(),
    parentRunId: text('parent_run_id'),
    parentNodeId: text('parent_node_id'),
    overrides: json('overrides').$type<ConfigOverrides>(),
    experimentId: text('experiment_id'),
    metrics: json('metrics').$type<StoredRunMetrics>(),
    startedAt: millis('started_at').notNull(),
    finishedAt: millis('finished_at'),
    updatedAt: millis('updated_at').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: millis('lease_expires_at'),
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

export const runEvents = pgTable(
  'run_events',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    ts: millis('ts').notNull(),
    type: text('type').notNull(),
    nodeId: text('node_id'),
    attempt: integer('attempt'),
    data: json('data').$type<Record<string, unknown>>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.seq] })],
);

export const waitpoints = pgTable(
  'waitpoints',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    title: text('title').notNull(),
    instructions: text('instructions'),
    value: json('value').$type<unknown>(),
    createdAt: millis('created_at').notNull(),
    submittedAt: millis('submitted_at'),
    decision: text('decision').$type<'approved' | 'rejected'>(),
    submittedValue: json('submitted_value').$type<unknown>(),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.nodeId] }),
    index('waitpoints_open_index').on(table.createdAt).where(sql`submitted_at IS NULL`),
  ],
);

export const blobs = pgTable('blobs', {
  hash: text('hash').primaryKey(),
  text: text('text').notNull(),
  createdAt: millis('created_at').notNull(),
});

export const completionCache = pgTable('completion_cache', {
  key: text('key').primaryKey(),
  text: text('text').notNull(),
  inputTokens: integer('input_tokens').notNull(),
  outputTokens: integer('output_tokens').notNull(),
  costUsd: doublePrecision('cost_usd').notNull().default(0),
  createdAt: millis('created_at').notNull(),
  expiresAt: millis('expires_at'),
  hits: integer('hits').notNull().default(0),
});

/** Embeddings are stored as the same float32 bytes as on SQLite (pgvector is not required). */
export const semanticCache = pgTable(
  'semantic_cache',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    scope: text('scope').notNull(),
    prompt: text('prompt').notNull(),
    embedding: bytea('embedding').notNull(),
    dimensions: integer('dimensions').notNull(),
    text: text('text').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    createdAt: millis('created_at').notNull(),
    expiresAt: millis('expires_at'),
    hits: integer('hits').notNull().default(0),
  },
  (table) => [index('semantic_cache_scope_index').on(table.scope, table.dimensions)],
);

export const cacheStats = pgTable('cache_stats', {
  kind: text('kind').primaryKey(),
  hits: integer('hits').notNull().default(0),
  misses: integer('misses').notNull().default(0),
  savedInputTokens: bigint('saved_input_tokens', { mode: 'number' }).notNull().default(0),
  savedOutputTokens: bigint('saved_output_tokens', { mode: 'number' }).notNull().default(0),
  savedCostUsd: doublePrecision('saved_cost_usd').notNull().default(0),
});

export const modelRequests = pgTable(
  'model_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: millis('at').notNull(),
    source: text('source').$type<'v1' | 'run'>().notNull(),
    route: text('route'),
    keyId: text('key_id'),
    model: text('model').notNull(),
    pipelineId: text('pipeline_id'),
    runId: text('run_id'),
    status: integer('status').notNull(),
    errorCode: text('error_code'),
    latencyMs: doublePrecision('latency_ms').notNull(),
    firstTokenMs: doublePrecision('first_token_ms'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    cache: text('cache').$type<'exact' | 'semantic'>(),
  },
  (table) => [index('model_requests_at_index').on(table.at)],
);

export const providerSecrets = pgTable('provider_secrets', {
  provider: text('provider').primaryKey(),
  sealed: text('sealed').notNull(),
  last4: text('last4').notNull(),
  updatedAt: millis('updated_at').notNull(),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
});

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').$type<UserRole>().notNull(),
  createdAt: millis('created_at').notNull(),
  updatedAt: millis('updated_at').notNull(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: millis('created_at').notNull(),
    lastSeenAt: millis('last_seen_at').notNull(),
    expiresAt: millis('expires_at').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (table) => [index('sessions_user_index').on(table.userId), index('sessions_expires_index').on(table.expiresAt)],
);

export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  scopes: jsonb('scopes').$type<ApiKeyScope[]>().notNull(),
  limits: jsonb('limits').$type<ApiKeyLimits>(),
  createdBy: text('created_by'),
  createdAt: millis('created_at').notNull(),
  lastUsedAt: millis('last_used_at'),
  revokedAt: millis('revoked_at'),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: millis('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').$type<unknown>(),
  },
  (table) => [index('audit_log_at_index').on(table.at)],
);

export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: millis('window_start').notNull(),
  count: integer('count').notNull(),
});

export const datasets = pgTable('datasets', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  latestVersion: integer('latest_version').notNull(),
  createdAt: millis('created_at').notNull(),
  updatedAt: millis('updated_at').notNull(),
});

export const datasetVersions = pgTable(
  'dataset_versions',
  {
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    format: text('format').$type<DatasetFormat>().notNull(),
    columns: jsonb('columns').$type<string[]>().notNull(),
    rowCount: integer('row_count').notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.datasetId, table.version] })],
);

export const datasetRows = pgTable(
  'dataset_rows',
  {
    datasetId: text('dataset_id').notNull(),
    version: integer('version').notNull(),
    rowIndex: integer('row_index').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.datasetId, table.version, table.rowIndex] }),
    check('dataset_rows_data_is_json_object', sql`jsonb_typeof(${table.data}) = 'object'`),
    foreignKey({ columns: [table.datasetId, table.version], foreignColumns: [datasetVersions.datasetId, datasetVersions.version] }).onDelete('cascade'),
  ],
);

export const experiments = pgTable(
  'experiments',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    pipelineId: text('pipeline_id')
      .notNull()
      .references(() => pipelines.id),
    datasetId: text('dataset_id').notNull(),
    datasetVersion: integer('dataset_version').notNull(),
    armsSpec: jsonb('arms_spec').$type<ExperimentArmsSpec>().notNull(),
    arms: jsonb('arms').$type<ExperimentArm[]>().notNull(),
    baseline: text('baseline').notNull(),
    repeats: integer('repeats').notNull(),
    concurrency: integer('concurrency').notNull(),
    budgetUsd: doublePrecision('budget_usd'),
    scorers: jsonb('scorers').$type<Scorer[]>().notNull(),
    mapping: jsonb('mapping').$type<{ inputs: Record<string, string>; expected?: string }>().notNull(),
    status: text('status').$type<ExperimentStatus>().notNull(),
    stopReason: text('stop_reason').$type<ExperimentStopReason>(),
    total: integer('total').notNull(),
    started: integer('started').notNull().default(0),
    done: integer('done').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    createdAt: millis('created_at').notNull(),
    startedAt: millis('started_at'),
    finishedAt: millis('finished_at'),
    updatedAt: millis('updated_at').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (table) => [
    foreignKey({ columns: [table.datasetId, table.datasetVersion], foreignColumns: [datasetVersions.datasetId, datasetVersions.version] }),
    index('experiments_status_index').on(table.status),
    index('experiments_pipeline_index').on(table.pipelineId, table.createdAt),
    index('experiments_dataset_index').on(table.datasetId, table.datasetVersion),
  ],
);

export const trials = pgTable(
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
    metrics: jsonb('metrics').$type<Record<string, number | boolean>>(),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    error: jsonb('error').$type<StoredRunError>(),
    attempts: integer('attempts').notNull().default(0),
    startedAt: millis('started_at'),
    finishedAt: millis('finished_at'),
  },
  (table) => [
    primaryKey({ columns: [table.experimentId, table.rowIndex, table.arm, table.repeat] }),
    index('trials_queue_index').on(table.experimentId, table.status, table.ordinal),
    index('trials_run_index').on(table.runId),
  ],
);

export const experimentEvents = pgTable(
  'experiment_events',
  {
    experimentId: text('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    ts: millis('ts').notNull(),
    type: text('type').$type<ExperimentEventType>().notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.experimentId, table.seq] })],
);

export const runFeedback = pgTable(
  'run_feedback',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    score: doublePrecision('score'),
    thumbs: text('thumbs').$type<'up' | 'down'>(),
    comment: text('comment'),
    createdAt: millis('created_at').notNull(),
  },
  (table) => [index('run_feedback_run_index').on(table.runId, table.id)],
);

/** All Postgres tables, keyed like the SQLite `schema` (the drift test compares the two). */
export const pgSchema = {
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
