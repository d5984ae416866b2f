import type { RunEvent } from '@tandem/shared';
import type { ModelRequestRow, RequestLogStore } from '@tandem/db';
import type { Principal } from '../access/principal.ts';
import type { Metrics } from '../services/metrics.ts';
import type { ProviderHealth } from './provider-health.ts';

/** What a gateway request handler knows about one request by the time it is answered. */
export interface GatewayRequestRecord {
  /** When it arrived (ms since the epoch). */
  at: number;
  /** `performance.now()` when it arrived. */
  startedMs: number;
  route: string;
  principal: Principal | undefined;
  model: string;
  pipelineId?: string;
  runId?: string;
  status: number;
  errorCode?: string;
  firstTokenMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  finishReason?: string;
  cache?: 'exact' | 'semantic';
}

/** How the request log and metrics name a principal: the key's id, or `studio` for a person. */
export function keyLabelOf(principal: Principal | undefined): string {
  return principal?.kind === 'key' ? principal.keyId : 'studio';
}

/** The provider prefix of a model string (`pool` for pools, `pipeline` for pipelines). */
export const providerOf = (model: string) => model.slice(0, Math.max(0, model.indexOf(':'))) || model;

/**
 * The request log: one row per gateway request and per model call of a run, written to the
 * database in batches (every `flushAfterMs`, or at `maxBatch` rows) so a request costs an array
 * push, not a transaction. Each record also feeds the Prometheus metrics and the providers'
 * passive health.
 */
export function createRequestRecorder(deps: {
  requests: RequestLogStore;
  metrics: Metrics;
  health: ProviderHealth;
  /** USD for the tokens of a call to `model` (0 when unknown). */
  price(model: string, inputTokens: number, outputTokens: number): number;
  flushAfterMs?: number;
  maxBatch?: number;
}) {
  const flushAfterMs = deps.flushAfterMs ?? 500;
  const maxBatch = deps.maxBatch ?? 500;
  let pending: ModelRequestRow[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Writes the pending rows; settles when they are stored (a failed write is logged, never thrown). */
  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    try {
      await deps.requests.append(rows);
    } catch (error) {
      console.error(`Could not write ${rows.length} request log rows`, error);
    }
  }
  function push(row: ModelRequestRow) {
    pending.push(row);
    if (pending.length >= maxBatch) void flush();
    else if (timer === undefined) {
      timer = setTimeout(() => void flush(), flushAfterMs);
      timer.unref?.();
    }
  }

  return {
    /** Records one answered gateway request. */
    recordRequest(record: GatewayRequestRecord): void {
      const latencyMs = performance.now() - record.startedMs;
      const key = keyLabelOf(record.principal);
      const inputTokens = record.inputTokens ?? 0;
      const outputTokens = record.outputTokens ?? 0;
      const costUsd = record.cache || record.pipelineId ? 0 : deps.price(record.model, inputTokens, outputTokens);
      deps.metrics.observeGatewayRequest({
        route: record.route,
        key,
        model: record.model || 'unknown',
        status: record.status,
        durationSeconds: latencyMs / 1000,
        ...(record.firstTokenMs !== undefined ? { firstTokenSeconds: record.firstTokenMs / 1000 } : {}),
        inputTokens,
        outputTokens,
        ...(record.cache ? { cache: record.cache } : {}),
      });
      deps.metrics.addCost(record.model, costUsd);
      // A pool's members report their own outcomes; a refused request says nothing about the provider.
      if (record.model && !record.pipelineId && !record.cache && !record.model.startsWith('pool:') && record.status !== 499 && record.status !== 400 && record.status !== 429) {
        const ok = record.status < 400;
        deps.health.record(providerOf(record.model), { ok, latencyMs: record.firstTokenMs ?? latencyMs, ...(record.errorCode ? { error: record.errorCode } : {}) });
      }
      push({
        at: record.at,
        source: 'v1',
        route: record.route,
        keyId: key,
        model: record.model || 'unknown',
        pipelineId: record.pipelineId ?? null,
        runId: record.runId ?? null,
        status: record.status,
        errorCode: record.errorCode ?? null,
        latencyMs,
        firstTokenMs: record.firstTokenMs ?? null,
        inputTokens,
        outputTokens,
        costUsd,
        cache: record.cache ?? null,
      });
    },
    /** Records the model calls (`llm.call` events) of committed run events. */
    recordRunCalls(events: readonly RunEvent[], pipelineOf: (runId: string) => string | undefined): void {
      for (const event of events) {
        if (event.type !== 'llm.call') continue;
        const data = event.data;
        if (!data.cached && !data.model.startsWith('pool:')) deps.health.record(providerOf(data.model), { ok: !data.error, latencyMs: data.firstTokenMs ?? data.latencyMs, ...(data.error ? { error: data.error.message } : {}) });
        push({
          at: event.ts,
          source: 'run',
          route: null,
          keyId: null,
          model: data.model.split('?')[0]!,
          pipelineId: pipelineOf(event.runId) ?? null,
          runId: event.runId,
          status: data.error ? 500 : 200,
          errorCode: data.error?.code ?? null,
          latencyMs: data.latencyMs,
          firstTokenMs: data.firstTokenMs ?? null,
          inputTokens: data.usage.inputTokens,
          outputTokens: data.usage.outputTokens,
          costUsd: data.costUsd,
          cache: data.cache ?? (data.cached ? 'exact' : null),
        });
      }
    },
    flush,
    close: flush,
  };
}

export type RequestRecorder = ReturnType<typeof createRequestRecorder>;
