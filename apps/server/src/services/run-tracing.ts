import { SpanKind, SpanStatusCode, context as otelContext, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { RunEvent } from '@tandem/shared';
import { applyRunEvent, emptyRunState, type RunState, type StepCall } from '@tandem/engine';

/** Where traces go and what the service is called. */
export interface RunTracingOptions {
  /** OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans go to `<endpoint>/v1/traces` as JSON. */
  endpoint: string;
  serviceName: string;
  /** Reads a run's committed events before `beforeSeq`, for a run first seen mid-way (resumed after a restart). */
  readEvents?: (runId: string, beforeSeq: number) => readonly RunEvent[];
}

const terminal = new Set(['run.completed', 'run.failed', 'run.cancelled']);

/** The GenAI semantic-convention attributes of one model call. */
function callAttributes(call: StepCall): Attributes {
  const provider = call.model.slice(0, call.model.indexOf(':'));
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': provider,
    'gen_ai.system': provider,
    'gen_ai.request.model': call.model,
    'gen_ai.response.model': call.servedBy ?? call.model,
    'gen_ai.usage.input_tokens': call.usage.inputTokens,
    'gen_ai.usage.output_tokens': call.usage.outputTokens,
    ...(call.finishReason ? { 'gen_ai.response.finish_reasons': [call.finishReason] } : {}),
    'tandem.call.role': call.role,
    'tandem.call.cost_usd': call.costUsd,
    'tandem.call.cached': call.cached,
    ...(call.cache ? { 'tandem.call.cache': call.cache } : {}),
    ...(call.firstTokenMs !== undefined ? { 'tandem.call.first_token_ms': call.firstTokenMs } : {}),
  };
}

/**
 * Exports each finished run as OpenTelemetry spans over OTLP/HTTP: one span for the run, one per
 * step attempt, one per model call (GenAI semantic conventions: `gen_ai.operation.name`,
 * `gen_ai.request.model`, `gen_ai.usage.input_tokens`…). The spans are built from the run's fold
 * over its committed events, so the trace says what the stored trace says, with its times. The
 * exporter batches in the background: a slow or absent collector never delays a run.
 */
export function createRunTracing(options: RunTracingOptions) {
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, '')}/v1/traces` });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
  });
  const tracer: Tracer = provider.getTracer('tandem-studio');
  const runs = new Map<string, RunState>();
  const pipelines = new Map<string, string>();

  function exportRun(runId: string, state: RunState) {
    const runSpan = tracer.startSpan(`run ${pipelines.get(runId) ?? runId}`, {
      kind: SpanKind.INTERNAL,
      startTime: state.startedAt ?? state.finishedAt ?? Date.now(),
      attributes: { 'tandem.run.id': runId, 'tandem.pipeline.id': pipelines.get(runId) ?? '', 'tandem.run.status': state.status },
    });
    if (state.status === 'failed') runSpan.setStatus({ code: SpanStatusCode.ERROR, message: state.error?.message ?? 'failed' });
    const runContext = trace.setSpan(otelContext.active(), runSpan);
    for (const step of Object.values(state.steps)) {
      for (const attempt of step.attempts) {
        const stepSpan: Span = tracer.startSpan(
          `step ${step.nodeId}`,
          { startTime: attempt.startedAt, attributes: { 'tandem.step.id': step.nodeId, 'tandem.step.kind': step.kind ?? 'unknown', 'tandem.step.attempt': attempt.attempt, 'tandem.step.status': attempt.status } },
          runContext,
        );
        if (attempt.status === 'failed') stepSpan.setStatus({ code: SpanStatusCode.ERROR, message: attempt.error?.message ?? 'failed' });
        const stepContext = trace.setSpan(runContext, stepSpan);
        for (const call of step.calls.filter((entry) => entry.attempt === attempt.attempt)) {
          const callSpan = tracer.startSpan(`chat ${call.model}`, { kind: SpanKind.CLIENT, startTime: call.ts - call.latencyMs, attributes: callAttributes(call) }, stepContext);
          if (call.error) callSpan.setStatus({ code: SpanStatusCode.ERROR, message: call.error.message });
          callSpan.end(call.ts);
        }
        stepSpan.end(attempt.finishedAt ?? state.finishedAt ?? attempt.startedAt);
      }
    }
    runSpan.end(state.finishedAt ?? Date.now());
  }

  return {
    /** Folds committed events; a run that ended is exported and forgotten. */
    observe(events: readonly RunEvent[]) {
      for (const event of events) {
        if (event.type === 'run.started') pipelines.set(event.runId, event.data.pipelineId);
        let previous = runs.get(event.runId);
        if (!previous && event.type !== 'run.started' && options.readEvents) {
          previous = emptyRunState();
          for (const earlier of options.readEvents(event.runId, event.seq)) {
            if (earlier.type === 'run.started') pipelines.set(earlier.runId, earlier.data.pipelineId);
            previous = applyRunEvent(previous, earlier);
          }
        }
        const state = applyRunEvent(previous ?? emptyRunState(), event);
        if (terminal.has(event.type)) {
          runs.delete(event.runId);
          exportRun(event.runId, state);
          pipelines.delete(event.runId);
        } else runs.set(event.runId, state);
      }
    },
    /** Sends what is batched now. */
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

export type RunTracing = ReturnType<typeof createRunTracing>;
