export { defineNode, defaultHandles, guardedStep, nodeIcons } from './define-node.ts';
export type {
  AnyNodeDefinition,
  FieldWidget,
  NodeConfigMigration,
  NodeContextKind,
  NodeDefinition,
  NodeEstimate,
  NodeHandles,
  NodeIcon,
  NodeRunArgs,
  NodeSummary,
} from './define-node.ts';
export { createNodeRegistry } from './registry.ts';
export type { NodeRegistry } from './registry.ts';
export { builtInNodes } from './nodes/index.ts';
export type { NodeKind } from './nodes/index.ts';
export { upgradePipelineDocument, stampKindVersions } from './document/upgrade-pipeline-document.ts';
export type { DocumentUpgrade } from './document/upgrade-pipeline-document.ts';
export { pipelineDocumentFormat } from './document/document-format.ts';
export type { DocumentFormat, DocumentMigration } from './document/document-format.ts';
export { formatPipelineDocument } from './document/format-pipeline-document.ts';
export { changedPaths, diffPipelineDocuments } from './document/diff-pipeline-documents.ts';
export type { PipelineDiff } from './document/diff-pipeline-documents.ts';
export { checkPipeline } from './graph/check-pipeline.ts';
export { checkOutputPath, jsonSchemaOf, outputFieldsOf, outputSchemaOf } from './graph/output-schema.ts';
export type { PipelineCheck, PipelinePlan } from './graph/check-pipeline.ts';
export { topologicalOrder } from './graph/topology.ts';
export { referencesToNode, removeReferences, retargetReferences } from './graph/node-references.ts';
export type { NodeReferenceSite } from './graph/node-references.ts';
export { checkRunInputs } from './graph/check-run-inputs.ts';
export { executePipeline } from './runtime/executor.ts';
export type { ExecuteOptions, RunOutcome } from './runtime/executor.ts';
export { WaitingForPerson } from './runtime/step-context.ts';
export type { StepContext, ModelCallRequest, ModelCallResult, UserSubmission } from './runtime/step-context.ts';
export { applyRunEvent, callsOf, emptyRunState, foldRunState, recordsOf } from './runtime/run-state.ts';
export type { PersonAnswer, PersonRequest, RunState, StepAttemptView, StepCall, StepRecord, StepView } from './runtime/run-state.ts';
export { readResumeState } from './runtime/resume-state.ts';
export { planFork } from './runtime/fork-plan.ts';
export type { ReusedStep } from './runtime/fork-plan.ts';
export { completionCacheKey, deltaIntervalMs } from './runtime/model-call.ts';
export { classifyProviderError, parseRetryAfter, providerRetryHints } from './runtime/provider-errors.ts';
export type { ProviderErrorDetails, ProviderErrorSource } from './runtime/provider-errors.ts';
export { fullJitterBackoffMs, maxRetryWaitMs, planRetryWait } from './runtime/retry-wait.ts';
export type { BackoffPolicy, RetryWait } from './runtime/retry-wait.ts';
export { stableHash, hashToUnit } from './runtime/stable-hash.ts';
export { systemClock } from './ports/clock.ts';
export type { Clock } from './ports/clock.ts';
export type { LanguageModel, ModelFacts, ModelResolver, OutputKind } from './ports/model-resolver.ts';
export type {
  CachedCompletion,
  ChildPipelineRunner,
  CompletionCache,
  FunctionRegistry,
  HttpClient,
  HttpRequest,
  HttpResponse,
  RunServices,
  Sandbox,
  SemanticCompletionCache,
  SemanticCacheRequest,
} from './ports/services.ts';
export { evaluateTemplate, extractReferences, renderTemplate, readPath } from './template/template.ts';
export type { TemplateReference, TemplateScope } from './template/template.ts';
export { parseModelJson, validateJson } from './nodes/json-output.ts';
export { applyMixins } from './nodes/schema-mixins.ts';
export { estimateCall, estimateTokens, sumEstimates, typicalOutputTokens } from './nodes/estimate.ts';
export type { ExpectedOutput } from './nodes/estimate.ts';
export { estimateJsonTokens } from './nodes/estimate-json.ts';
export { callModelWithPolicy, retryPolicySchema } from './nodes/llm-policy.ts';
export { withFeedback } from './nodes/llm.node.ts';
export { estimatePipeline, estimateRun } from './graph/estimate-pipeline.ts';
// The prompts the orchestration kinds send, so a simulator can be tested against their real wording.
export { defaultCritiqueGoal, refinePrompt, secondaryPrompt } from './nodes/critique.node.ts';
export { buildJudgePrompt, parseJudgeScore } from './nodes/judge-score.ts';
export { applyConfigOverrides, mergeConfig } from './graph/config-overrides.ts';
export { runMetricsOf } from './runtime/run-metrics.ts';
export type { RunMetrics } from './runtime/run-metrics.ts';
export { addToRunSummary, emptyRunSummary, foldRunSummary, runSummaryMetrics, stepKindOf } from './runtime/run-summary.ts';
export type { PersonChange, RunSummary } from './runtime/run-summary.ts';
export { modelArms, variantArms } from './experiments/arm-overrides.ts';
export type { ArmDraft } from './experiments/arm-overrides.ts';
export { checkMapping, resolveMapping, rowInputs } from './experiments/row-inputs.ts';
export type { ResolvedMapping } from './experiments/row-inputs.ts';
export { checkScorers, isReferenceScorer, needsExpected, scoreReference, scorerName, textOf } from './experiments/reference-scorers.ts';
export type { ReferenceScorer, ScoredTrial } from './experiments/reference-scorers.ts';
