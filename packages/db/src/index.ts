import type { TandemDatabase } from './client.ts';
import { createCacheRepository, type CacheRepository } from './repositories/cache-repository.ts';
import { createEventStore, type EventStore } from './repositories/event-store.ts';
import { createInboxRepository, type InboxRepository } from './repositories/inbox-repository.ts';
import { createPipelinesRepository, type PipelinesRepository } from './repositories/pipelines-repository.ts';
import { createDraftsRepository, type DraftsRepository } from './repositories/drafts-repository.ts';
import { createRunsRepository, type RunsRepository } from './repositories/runs-repository.ts';
import { createSettingsRepository, type SettingsRepository } from './repositories/settings-repository.ts';
import { createDatasetsRepository, type DatasetsRepository } from './repositories/datasets-repository.ts';
import { createExperimentsRepository, type ExperimentsRepository } from './repositories/experiments-repository.ts';
import { createFeedbackRepository, type FeedbackRepository } from './repositories/feedback-repository.ts';
import { createTrialsRepository, type TrialsRepository } from './repositories/trials-repository.ts';
import { createUsersRepository, type UsersRepository } from './repositories/users-repository.ts';
import { createSessionsRepository, type SessionsRepository } from './repositories/sessions-repository.ts';
import { createApiKeysRepository, type ApiKeysRepository } from './repositories/api-keys-repository.ts';
import { createAuditRepository, type AuditRepository } from './repositories/audit-repository.ts';
import { createRateLimitsRepository, type RateLimitsRepository } from './repositories/rate-limits-repository.ts';
import { createModelRequestsRepository, type ModelRequestsRepository } from './repositories/model-requests-repository.ts';
import { createProviderSecretsRepository, type ProviderSecretsRepository } from './repositories/provider-secrets-repository.ts';

export { openDatabase, migrationsFolder } from './client.ts';
export type { TandemDatabase, OpenDatabaseOptions, DrizzleDatabase, SqliteConnection } from './client.ts';
export {
  schema,
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
  datasets,
  datasetVersions,
  datasetRows,
  experiments,
  trials,
  experimentEvents,
  runFeedback,
  users,
  sessions,
  apiKeys,
  auditLog,
  rateLimits,
} from './schema.ts';
export type { StoredPipelineDocument, StoredRunError, StoredGraphProblem, StoredRunMetrics } from './schema.ts';
export { createPipelinesRepository } from './repositories/pipelines-repository.ts';
export type { NewPipelineOptions, PipelinesRepository, SavedPipelineVersion, StoredPipelineVersion } from './repositories/pipelines-repository.ts';
export { createDraftsRepository } from './repositories/drafts-repository.ts';
export type { DraftsRepository, StoredPipelineDraft } from './repositories/drafts-repository.ts';
export { createRunsRepository } from './repositories/runs-repository.ts';
export type { RunsRepository, NewRun, RunListQuery, RunRecord } from './repositories/runs-repository.ts';
export type { RunListItem } from './repositories/run-views.ts';
export { createEventStore } from './repositories/event-store.ts';
export type { EventStore } from './repositories/event-store.ts';
export type { RunProjection, PersonRequestProjection, PersonAnswerProjection } from './repositories/run-projections.ts';
export { createBatchingWriter } from './repositories/batching-writer.ts';
export type {
  BatchingWriter,
  BatchingWriterOptions,
  FlushedListener,
  FlushErrorListener,
} from './repositories/batching-writer.ts';
export { createInboxRepository } from './repositories/inbox-repository.ts';
export type { InboxRepository, Waitpoint } from './repositories/inbox-repository.ts';
export { createCacheRepository } from './repositories/cache-repository.ts';
export type { CacheRepository, CachedCompletion, CacheStatistics } from './repositories/cache-repository.ts';
export { createSemanticCacheRepository } from './repositories/semantic-cache-repository.ts';
export type { SemanticCacheRepository, SemanticMatch } from './repositories/semantic-cache-repository.ts';
export { createModelRequestsRepository } from './repositories/model-requests-repository.ts';
export type { ModelRequestsRepository, ModelRequestRow, ModelRequestBucket, ModelRequestGrouping, LatencyHistogramBin } from './repositories/model-requests-repository.ts';
export { createProviderSecretsRepository } from './repositories/provider-secrets-repository.ts';
export type { ProviderSecretsRepository, ProviderSecretView } from './repositories/provider-secrets-repository.ts';
export { createSettingsRepository } from './repositories/settings-repository.ts';
export type { SettingsRepository } from './repositories/settings-repository.ts';
export { createDatasetsRepository } from './repositories/datasets-repository.ts';
export type { DatasetsRepository, DatasetUpload } from './repositories/datasets-repository.ts';
export { createExperimentsRepository } from './repositories/experiments-repository.ts';
export type { ExperimentListQuery, ExperimentsRepository, NewExperiment } from './repositories/experiments-repository.ts';
export { progressOf } from './repositories/experiment-log.ts';
export type { ExperimentRecord } from './repositories/experiment-log.ts';
export { createTrialsRepository } from './repositories/trials-repository.ts';
export type { TrialKey, TrialOutcome, TrialPreparation, TrialRecord, TrialsRepository } from './repositories/trials-repository.ts';
export { createFeedbackRepository } from './repositories/feedback-repository.ts';
export type { FeedbackRepository, LatestFeedback, RunResult } from './repositories/feedback-repository.ts';
export { createUsersRepository } from './repositories/users-repository.ts';
export type { UsersRepository, UserRecord } from './repositories/users-repository.ts';
export { createSessionsRepository } from './repositories/sessions-repository.ts';
export type { SessionsRepository, SessionRecord } from './repositories/sessions-repository.ts';
export { createApiKeysRepository } from './repositories/api-keys-repository.ts';
export type { ApiKeysRepository, ApiKeyRecord } from './repositories/api-keys-repository.ts';
export { createAuditRepository } from './repositories/audit-repository.ts';
export type { AuditRepository } from './repositories/audit-repository.ts';
export { createRateLimitsRepository } from './repositories/rate-limits-repository.ts';
export type { RateLimitsRepository, RateWindow } from './repositories/rate-limits-repository.ts';
export type { RunStore, StoredRun, AppendFence, OrphanQuery } from './run-store/run-store.ts';
export { createSqliteRunStore } from './run-store/sqlite-run-store.ts';
export { openPostgres, createPgPool, pgMigrationsFolder, withAdvisoryLock } from './pg/pg-client.ts';
export type { TandemPostgres, OpenPostgresOptions, PgDrizzleDatabase } from './pg/pg-client.ts';
export { createPgRunStore, runEventsChannel } from './pg/pg-run-store.ts';
export { pgSchema } from './pg/pg-schema.ts';
export { createPgNotifications } from './pg/pg-notifications.ts';
export type { PgNotifications, NotificationListener } from './pg/pg-notifications.ts';
export { createPgCompletionCache } from './pg/pg-completion-cache.ts';
export type { ExperimentStore, DatasetStore, ExperimentRecordStore, TrialStore, TrialPreparer, TrialRun, ExperimentReads } from './experiment-store/experiment-store.ts';
export { createSqliteExperimentStore } from './experiment-store/sqlite-experiment-store.ts';
export type { ExperimentRepositories } from './experiment-store/sqlite-experiment-store.ts';
export { createPgExperimentStore } from './pg/pg-experiment-store.ts';
export { experimentEventsChannel } from './pg/pg-experiment-log.ts';
export type { PgCompletionCache } from './pg/pg-completion-cache.ts';
export { gatewayConfigKey } from './gateway-store/gateway-store.ts';
export type {
  GatewayStore,
  RateLimitStore,
  RequestLogStore,
  ProviderSettingsStore,
  SealedProviderKey,
  CompletionCacheStore,
  SemanticCacheStore,
  SemanticCacheEntry,
} from './gateway-store/gateway-store.ts';
export { createSqliteGatewayStore } from './gateway-store/sqlite-gateway-store.ts';
export type { SqliteGatewayStoreOptions } from './gateway-store/sqlite-gateway-store.ts';
export { createPgGatewayStore } from './pg/pg-gateway-store.ts';

/** Every repository over one database. */
export interface Repositories {
  pipelines: PipelinesRepository;
  drafts: DraftsRepository;
  runs: RunsRepository;
  events: EventStore;
  inbox: InboxRepository;
  cache: CacheRepository;
  settings: SettingsRepository;
  datasets: DatasetsRepository;
  experiments: ExperimentsRepository;
  trials: TrialsRepository;
  feedback: FeedbackRepository;
  users: UsersRepository;
  sessions: SessionsRepository;
  apiKeys: ApiKeysRepository;
  audit: AuditRepository;
  rateLimits: RateLimitsRepository;
  modelRequests: ModelRequestsRepository;
  providerSecrets: ProviderSecretsRepository;
}

/** Creates every repository over an open database (they share its single connection). */
export function createRepositories(database: TandemDatabase): Repositories {
  const runs = createRunsRepository(database);
  return {
    pipelines: createPipelinesRepository(database),
    drafts: createDraftsRepository(database),
    runs,
    events: createEventStore(database),
    inbox: createInboxRepository(database),
    cache: createCacheRepository(database),
    settings: createSettingsRepository(database),
    datasets: createDatasetsRepository(database),
    experiments: createExperimentsRepository(database),
    trials: createTrialsRepository(database, runs),
    feedback: createFeedbackRepository(database),
    users: createUsersRepository(database),
    sessions: createSessionsRepository(database),
    apiKeys: createApiKeysRepository(database),
    audit: createAuditRepository(database),
    rateLimits: createRateLimitsRepository(database),
    modelRequests: createModelRequestsRepository(database),
    providerSecrets: createProviderSecretsRepository(database),
  };
}
