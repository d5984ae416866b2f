export { errorCodes, StudioError, toStudioError } from './errors.ts';
export type { ErrorCode, ErrorBody } from './errors.ts';
export {
  pipelineSchemaTag,
  pipelineFormatVersion,
  pipelineDocumentSchema,
  kindVersionsSchema,
  pipelineNodeSchema,
  pipelineEdgeSchema,
  nodeIdSchema,
  positionSchema,
  jsonSchemaSchema,
} from './pipeline.ts';
export type { PipelineDocument, PipelineNode, PipelineEdge, JsonSchema, GraphProblem, KindVersions } from './pipeline.ts';
export {
  runEventTypes,
  runStatuses,
  terminalRunStatuses,
  stepStatuses,
  runEventSchema,
  runEventDataSchemas,
  parseRunEvent,
  eventsOfType,
  numberRunEvent,
  eventErrorSchema,
  runErrorSchema,
  tokenUsageSchema,
  llmCallRecordSchema,
  checkResultSchema,
} from './events.ts';
export type {
  RunEvent,
  RunEventOf,
  RunEventType,
  RunEventData,
  RunEventDraft,
  RunEventEnvelope,
  RunStatus,
  StepStatus,
  TokenUsage,
  LlmCallRecord,
  CheckResult,
  EventError,
  RunError,
} from './events.ts';
export { forkRunBodySchema, startRunBodySchema, submitUserStepBodySchema } from './api.ts';
export type {
  StartRunBody,
  ForkRunBody,
  SubmitUserStepBody,
  PipelineSummary,
  PipelineVersionView,
  PipelineDraftView,
  SavedDraft,
  RunListSummary,
  RunView,
  InboxItem,
  ModelInfo,
} from './api.ts';
export { createDatasetBodySchema, datasetFormats } from './datasets.ts';
export type { CreateDatasetBody, DatasetCreated, DatasetFormat, DatasetRow, DatasetRowsPage, DatasetSummary } from './datasets.ts';
export {
  columnMappingSchema,
  configOverridesSchema,
  createExperimentBodySchema,
  experimentArmsSpecSchema,
  experimentEventTypes,
  experimentStatuses,
  runFeedbackBodySchema,
  scorerSchema,
  trialStatuses,
} from './experiments.ts';
export type {
  ColumnMapping,
  ConfigOverrides,
  CreateExperimentBody,
  ExperimentArm,
  ExperimentArmsSpec,
  ExperimentEvent,
  ExperimentEventType,
  ExperimentProgress,
  ExperimentRequest,
  ExperimentStatus,
  ExperimentStopReason,
  ExperimentView,
  ResultRow,
  ResultRowsPage,
  RowCellTrial,
  RowFilter,
  RunFeedback,
  RunFeedbackBody,
  Scorer,
  ScorerType,
  TrialMetricValue,
  TrialResult,
  TrialStatus,
} from './experiments.ts';
export { createSecretRedactor, redactedMark, minimumSecretLength } from './secret-redactor.ts';
export type { SecretRedactor } from './secret-redactor.ts';
export {
  userRoles,
  apiKeyScopes,
  passwordSchema,
  signInBodySchema,
  setupOwnerBodySchema,
  createUserBodySchema,
  updateUserBodySchema,
  apiKeyLimitsSchema,
  createApiKeyBodySchema,
} from './access.ts';
export type {
  UserRole,
  ApiKeyScope,
  SignInBody,
  SetupOwnerBody,
  CreateUserBody,
  UpdateUserBody,
  ApiKeyLimits,
  CreateApiKeyBody,
  UserView,
  ApiKeyView,
  CreatedApiKey,
  SessionView,
  AuditEntry,
} from './access.ts';
export { chatCompletionRequestSchema, recordedChatParameters, refusedChatParameters, pipelineChatParameters } from './openai-chat.ts';
export type { ChatCompletionRequest, ChatMessage } from './openai-chat.ts';
export {
  poolStrategies,
  breakerSettingsSchema,
  poolConfigSchema,
  providerConfigSchema,
  putProviderBodySchema,
  gatewayCacheSettingsSchema,
  gatewayConfigSchema,
  gatewayNameSchema,
} from './gateway.ts';
export type { PoolStrategy, BreakerSettings, PoolConfig, ProviderConfig, PutProviderBody, GatewayConfig, BreakerState, ProvidersView, MonitoringBucket } from './gateway.ts';
