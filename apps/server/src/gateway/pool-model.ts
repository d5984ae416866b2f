import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3GenerateResult, LanguageModelV3StreamPart, LanguageModelV3StreamResult } from '@ai-sdk/provider';
import { StudioError, type PoolConfig, type ProvidersView } from '@tandem/shared';
import { classifyProviderError, providerRetryHints } from '@tandem/engine';
import { createCircuitBreaker, defaultBreakerSettings, type CircuitBreaker } from './circuit-breaker.ts';
import { collectGenerateResult } from './collect-generate-result.ts';
import { orderMembers } from './member-order.ts';

/** One member of a pool and what the pool knows about it. */
export interface PoolMemberState {
  model: string;
  weight: number;
  maxConcurrency?: number;
  breaker: CircuitBreaker;
  inFlight: number;
  /** Moving average of the time to the first token (ms), once known. */
  latencyMs?: number;
}

/** What a pool needs from its host. */
export interface PoolDeps {
  /** Resolves a member's model string (throws MODEL_UNKNOWN / PROVIDER_UNKNOWN). */
  resolve(modelId: string): LanguageModelV3;
  now(): number;
  /** A draw in [0, 1), for the weighted strategy. */
  random(): number;
  /** Told the outcome of every member call (for the providers' passive health). */
  onOutcome?(model: string, outcome: { ok: boolean; latencyMs?: number; error?: string }): void;
}

/** A `pool:<name>` model, and its members' live state for `GET /api/providers`. */
export interface PoolModel extends LanguageModelV3 {
  readonly members: readonly PoolMemberState[];
  view(): ProvidersView['pools'][number];
  /**
   * The active health check: each member whose circuit waits for a probe (half-open) gets one test
   * call now, instead of waiting for traffic; answers how many were probed.
   */
  probe(test: (model: LanguageModelV3) => Promise<void>): Promise<number>;
}

const contentParts = new Set<LanguageModelV3StreamPart['type']>(['text-delta', 'tool-input-start', 'tool-call', 'reasoning-delta', 'finish']);
const latencyWeight = 0.3;

/** True when a failure says something about the member (unreachable, overloaded, refusing its key), not about the request. */
function isMemberFailure(error: StudioError): boolean {
  return error.code === 'PROVIDER_UNAVAILABLE' || error.code === 'PROVIDER_RATE_LIMITED' || error.code === 'PROVIDER_AUTH_FAILED' || error.code === 'PROVIDER_ERROR';
}

/**
 * A pool over `provider:model` members (DESIGN.md §9). Each call goes to the members in the
 * strategy's order, skipping those whose circuit is open or that are at their concurrency limit,
 * and fails over to the next when a member fails before its first token (or does not send one
 * within `timeoutMs`). After the first token the call belongs to that member: a failure then is
 * the call's error, never a silent switch. A bad request (a 4xx other than auth and rate limits)
 * is not failed over: every member would refuse it. There is no retry loop here: each member is
 * tried at most once per call, and the step's retry policy is the one retry layer (ADR 31).
 */
export function createPoolModel(name: string, config: PoolConfig, deps: PoolDeps): PoolModel {
  const breakerSettings = config.breaker ?? defaultBreakerSettings;
  const members: PoolMemberState[] = config.members.map((member) => ({
    model: member.model,
    weight: member.weight ?? 1,
    ...(member.maxConcurrency !== undefined ? { maxConcurrency: member.maxConcurrency } : {}),
    breaker: createCircuitBreaker(breakerSettings, deps.now),
    inFlight: 0,
  }));
  const modelId = `pool:${name}`;

  async function streamFrom(member: PoolMemberState, options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(options.abortSignal?.reason);
    options.abortSignal?.addEventListener('abort', onCallerAbort, { once: true });
    let timedOut = false;
    const timer = config.timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = true), controller.abort()), config.timeoutMs);
    const started = deps.now();
    const finish = () => options.abortSignal?.removeEventListener('abort', onCallerAbort);
    try {
      const result = await deps.resolve(member.model).doStream({ ...options, abortSignal: controller.signal });
      const reader = result.stream.getReader();
      const head: LanguageModelV3StreamPart[] = [{ type: 'response-metadata', modelId: member.model }];
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        if (next.value.type === 'error') throw next.value.error;
        head.push(next.value);
        if (contentParts.has(next.value.type)) break;
      }
      clearTimeout(timer);
      const elapsed = deps.now() - started;
      member.latencyMs = member.latencyMs === undefined ? elapsed : member.latencyMs * (1 - latencyWeight) + elapsed * latencyWeight;
      let settled = false;
      const settle = (outcome: 'success' | 'failure' | 'cancelled') => {
        if (settled) return;
        settled = true;
        member.inFlight--;
        finish();
        if (outcome === 'success') member.breaker.recordSuccess();
        else if (outcome === 'failure') member.breaker.recordFailure();
        else member.breaker.release();
        if (outcome !== 'cancelled') deps.onOutcome?.(member.model, outcome === 'success' ? { ok: true, latencyMs: elapsed } : { ok: false, error: 'failed after its first token' });
      };
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        async pull(streamController) {
          const part = head.shift();
          if (part) return streamController.enqueue(part);
          try {
            const next = await reader.read();
            if (next.done) {
              settle('success');
              return streamController.close();
            }
            if (next.value.type === 'error') settle('failure');
            streamController.enqueue(next.value);
          } catch (error) {
            settle(options.abortSignal?.aborted ? 'cancelled' : 'failure');
            streamController.error(error);
          }
        },
        cancel(reason) {
          settle('cancelled');
          return reader.cancel(reason);
        },
      });
      return { ...result, stream };
    } catch (error) {
      clearTimeout(timer);
      finish();
      member.inFlight--;
      if (timedOut) throw new StudioError('PROVIDER_UNAVAILABLE', `Model "${member.model}" sent no token within ${config.timeoutMs} ms`, { details: { model: member.model, retryable: true } });
      throw error;
    }
  }

  async function doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const skipped: string[] = [];
    const failures: StudioError[] = [];
    for (const member of orderMembers(config.strategy, members, deps.random)) {
      if (member.maxConcurrency !== undefined && member.inFlight >= member.maxConcurrency) {
        skipped.push(`${member.model} (at its ${member.maxConcurrency} concurrent calls)`);
        continue;
      }
      if (!member.breaker.tryAcquire()) {
        skipped.push(`${member.model} (circuit open)`);
        continue;
      }
      member.inFlight++;
      try {
        return await streamFrom(member, options);
      } catch (thrown) {
        if (options.abortSignal?.aborted) {
          member.breaker.release();
          throw thrown;
        }
        const error = classifyProviderError(thrown, { model: member.model });
        if (!isMemberFailure(error)) {
          member.breaker.release();
          throw error;
        }
        member.breaker.recordFailure();
        deps.onOutcome?.(member.model, { ok: false, error: error.message });
        failures.push(error);
      }
    }
    throw exhausted(skipped, failures);
  }

  function exhausted(skipped: string[], failures: StudioError[]): StudioError {
    const reopen = members.map((member) => member.breaker.reopensAt).filter((at): at is number => at !== undefined);
    const waitMs = reopen.length > 0 ? Math.max(0, Math.min(...reopen) - deps.now()) : undefined;
    const last = failures.at(-1);
    const reasons = [...failures.map((failure) => failure.message), ...skipped.map((entry) => `skipped ${entry}`)].join('; ');
    if (!last) {
      return new StudioError('PROVIDER_UNAVAILABLE', `No member of ${modelId} is available: ${reasons}`, { details: { model: modelId, retryable: true, ...(waitMs !== undefined ? { retryAfterMs: waitMs } : {}) } });
    }
    const hints = providerRetryHints(last);
    return new StudioError(last.code, `Every member of ${modelId} failed: ${reasons}`, {
      details: { ...(last.details as object), model: modelId, retryable: failures.some((failure) => providerRetryHints(failure).retryable), ...(hints.retryAfterMs !== undefined ? { retryAfterMs: hints.retryAfterMs } : {}) },
      cause: last,
    });
  }

  return {
    specificationVersion: 'v3',
    provider: 'pool',
    modelId: name,
    supportedUrls: {},
    members,
    doStream,
    async doGenerate(options): Promise<LanguageModelV3GenerateResult> {
      return collectGenerateResult(await doStream(options));
    },
    async probe(test) {
      const due = members.filter((member) => member.breaker.state === 'half-open' && member.breaker.tryAcquire());
      await Promise.all(
        due.map(async (member) => {
          try {
            await test(deps.resolve(member.model));
            member.breaker.recordSuccess();
            deps.onOutcome?.(member.model, { ok: true });
          } catch (error) {
            member.breaker.recordFailure();
            deps.onOutcome?.(member.model, { ok: false, error: classifyProviderError(error, { model: member.model }).message });
          }
        }),
      );
      return due.length;
    },
    view: () => ({
      name,
      strategy: config.strategy,
      members: members.map((member) => ({
        model: member.model,
        weight: member.weight,
        breaker: member.breaker.state,
        inFlight: member.inFlight,
        errorRate: member.breaker.errorRate,
        calls: member.breaker.calls,
        ...(member.latencyMs !== undefined ? { latencyMs: Math.round(member.latencyMs) } : {}),
      })),
      ...(config.breaker ? { breaker: config.breaker } : {}),
      ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    }),
  };
}
