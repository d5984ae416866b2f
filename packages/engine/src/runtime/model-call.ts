import type { LanguageModelV3Prompt, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { LlmCallRecord, RunEventData, RunEventType } from '@tandem/shared';
import type { Clock } from '../ports/clock.ts';
import type { ModelResolver } from '../ports/model-resolver.ts';
import type { CompletionCache, SemanticCompletionCache } from '../ports/services.ts';
import type { ModelCallRequest, ModelCallResult } from './step-context.ts';
import { classifyProviderError } from './provider-errors.ts';
import { stableHash } from './stable-hash.ts';

/** Streamed tokens are coalesced into one `step.delta` event per this many milliseconds. */
export const deltaIntervalMs = 200;

export interface ModelCallDeps {
  readonly models: ModelResolver;
  readonly clock: Clock;
  readonly cache?: CompletionCache | undefined;
  readonly semanticCache?: SemanticCompletionCache | undefined;
  readonly signal: AbortSignal;
  emit<Type extends RunEventType>(type: Type, data: RunEventData<Type>): void;
}

/** The exact-match cache key: provider, model, parameters and the rendered prompt. */
export function completionCacheKey(request: ModelCallRequest): string {
  const { model, system, prompt, temperature, maxTokens, jsonSchema } = request;
  return stableHash(JSON.stringify([model, system ?? '', prompt, temperature ?? null, maxTokens ?? null, jsonSchema ?? null]));
}

/**
 * The semantic cache's scope of a call: what must be equal for an answer to be reused (model,
 * parameters, system prompt); the user prompt itself is compared by similarity.
 */
export function semanticCacheScope(request: ModelCallRequest): string {
  const { model, system, temperature, maxTokens, jsonSchema } = request;
  return stableHash(JSON.stringify([model, system ?? '', temperature ?? null, maxTokens ?? null, jsonSchema ?? null]));
}

/** Answers from the cache the request asks for, or undefined. */
async function fromCache(request: ModelCallRequest, deps: ModelCallDeps): Promise<Pick<ModelCallResult, 'text' | 'usage' | 'cache' | 'cacheSimilarity'> | undefined> {
  if (request.cache === 'semantic') {
    const hit = await deps.semanticCache?.lookup({ scope: semanticCacheScope(request), text: request.prompt });
    return hit && { text: hit.text, usage: hit.usage, cache: 'semantic', cacheSimilarity: hit.similarity };
  }
  if (!request.cache || !deps.cache) return undefined;
  const hit = await deps.cache.get(completionCacheKey(request));
  return hit && { text: hit.text, usage: hit.usage, cache: 'exact' };
}

/** Stores a successful answer in the cache the request asks for (errors never reach here). */
async function toCache(request: ModelCallRequest, deps: ModelCallDeps, value: { text: string; usage: ModelCallResult['usage']; costUsd: number }): Promise<void> {
  const options = request.cacheTtlMs !== undefined ? { ttlMs: request.cacheTtlMs } : {};
  if (request.cache === 'semantic') await deps.semanticCache?.store({ scope: semanticCacheScope(request), text: request.prompt }, value, options);
  else if (request.cache && deps.cache) await deps.cache.set(completionCacheKey(request), value, options);
}

/** Calls a model once (no retries: policies live in the nodes) and records the call in the trace. */
export async function callModel(request: ModelCallRequest, deps: ModelCallDeps): Promise<ModelCallResult> {
  const started = deps.clock.now();
  const hit = request.cache ? await fromCache(request, deps) : undefined;
  if (hit) {
    const result: ModelCallResult = { ...hit, model: request.model, latencyMs: deps.clock.now() - started, costUsd: 0, cached: true };
    recordCall(request, result, deps, undefined, { ...(hit.cache ? { cache: hit.cache } : {}), ...(hit.cacheSimilarity !== undefined ? { cacheSimilarity: hit.cacheSimilarity } : {}) });
    return result;
  }

  let text = '';
  let usage = { inputTokens: 0, outputTokens: 0 };
  const extra: CallExtras = {};
  try {
    const model = deps.models.languageModel(request.model);
    const { stream } = await model.doStream({
      prompt: toPrompt(request),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.maxTokens !== undefined ? { maxOutputTokens: request.maxTokens } : {}),
      ...(request.jsonSchema ? { responseFormat: { type: 'json' as const, schema: request.jsonSchema as never } } : {}),
      abortSignal: deps.signal,
    });
    let pending = '';
    // Tokens are sent in `step.delta` events at most every `deltaIntervalMs`, not one event per token.
    let lastFlush = started;
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const part = value as LanguageModelV3StreamPart;
      if (part.type === 'text-delta') {
        if (extra.firstTokenMs === undefined) extra.firstTokenMs = deps.clock.now() - started;
        text += part.delta;
        pending += part.delta;
        const now = deps.clock.now();
        if (now - lastFlush >= deltaIntervalMs) {
          deps.emit('step.delta', { role: request.role, text: pending });
          pending = '';
          lastFlush = now;
        }
      } else if (part.type === 'response-metadata') {
        // A pool names the member that answers in its first metadata part.
        if (request.model.startsWith('pool:') && extra.servedBy === undefined && part.modelId) extra.servedBy = part.modelId;
      } else if (part.type === 'finish') {
        extra.finishReason = part.finishReason.unified;
        usage = {
          inputTokens: part.usage.inputTokens.total ?? 0,
          outputTokens: part.usage.outputTokens.total ?? 0,
        };
      } else if (part.type === 'error') {
        throw part.error;
      }
    }
    // The tail is not sent as a delta: the `llm.call` event that follows carries the whole output.
  } catch (error) {
    const failure = classifyProviderError(error, { model: request.model, now: () => deps.clock.now() });
    const failed: ModelCallResult = { text, model: request.model, usage, latencyMs: deps.clock.now() - started, costUsd: 0, cached: false };
    recordCall(request, failed, deps, { code: failure.code, message: failure.message }, extra);
    throw failure;
  }

  const facts = deps.models.describe(request.model);
  const costUsd = facts?.price ? (usage.inputTokens * facts.price.input + usage.outputTokens * facts.price.output) / 1e6 : 0;
  const result: ModelCallResult = { text, model: request.model, usage, latencyMs: deps.clock.now() - started, costUsd, cached: false };
  // Only answers the model finished are kept: never an error, nor an answer cut by the token limit.
  if (request.cache && extra.finishReason !== 'length') await toCache(request, deps, { text, usage, costUsd });
  recordCall(request, result, deps, undefined, extra);
  return result;
}

/** What the trace records about a call besides its text and usage. */
interface CallExtras {
  finishReason?: string;
  firstTokenMs?: number;
  servedBy?: string;
  cache?: 'exact' | 'semantic';
  cacheSimilarity?: number;
}

function recordCall(request: ModelCallRequest, result: ModelCallResult, deps: ModelCallDeps, error?: { code: string; message: string }, extra: CallExtras = {}) {
  const record: LlmCallRecord = {
    role: request.role,
    model: result.model,
    ...(request.system ? { system: request.system } : {}),
    prompt: request.prompt,
    output: result.text,
    usage: result.usage,
    latencyMs: result.latencyMs,
    costUsd: result.costUsd,
    cached: result.cached,
    ...(error ? { error } : {}),
    ...extra,
  };
  deps.emit('llm.call', record);
}

function toPrompt(request: ModelCallRequest): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Prompt = [];
  if (request.system) prompt.push({ role: 'system', content: request.system });
  prompt.push({ role: 'user', content: [{ type: 'text', text: request.prompt }] });
  return prompt;
}
