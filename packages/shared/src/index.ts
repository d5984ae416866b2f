export { errorCodes, StudioError, toStudioError } from './errors.ts';
export type { ErrorCode, ErrorBody } from './errors.ts';
export {
  pipelineSchemaTag,
  pipelineDocumentSchema,
  pipelineNodeSchema,
  pipelineEdgeSchema,
  nodeIdSchema,
  positionSchema,
  jsonSchemaSchema,
} from './pipeline.ts';
export type { PipelineDocument, PipelineNode, PipelineEdge, JsonSchema, GraphProblem } from './pipeline.ts';
export { runEventTypes, runStatuses, terminalRunStatuses, stepStatuses, runEventSchema } from './events.ts';
export type { RunEvent, RunEventType, RunStatus, StepStatus, TokenUsage, LlmCallRecord } from './events.ts';
export { startRunBodySchema, submitUserStepBodySchema } from './api.ts';
export type {
  StartRunBody,
  SubmitUserStepBody,
  PipelineSummary,
  PipelineVersionView,
  RunView,
  InboxItem,
  ModelInfo,
} from './api.ts';
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
