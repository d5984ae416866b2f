import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { StudioError } from '@tandem/shared';
import { classifyProviderError } from '@tandem/engine';
import type { GatewayRoutesContext } from './gateway-routes-context.ts';
import type { Principal } from '../access/principal.ts';
import { partsOfGenerateResult, readModelStream, type CompletionPart } from './completion-parts.ts';
import type { CacheHit, CacheMode } from './gateway-cache.ts';

/** A direct model call answering a chat completion. */
export interface ModelCompletion {
  /** The answer: as it streams, or whole (a list) when the request is not streamed. */
  parts: AsyncIterable<CompletionPart> | readonly CompletionPart[];
  /** Aborts the call (the client went away). */
  cancel?(): void;
  /** Set when a cache answered. */
  cache?: CacheHit;
}

const cacheModes = new Set<CacheMode>(['exact', 'semantic', 'off']);

/** The cache mode a request asks for (`x-tandem-cache: exact|semantic|off`), else the gateway's default. */
function cacheModeOf(header: string | undefined, fallback: CacheMode): CacheMode {
  if (header === undefined) return fallback;
  const mode = header.trim().toLowerCase() as CacheMode;
  if (!cacheModes.has(mode)) throw new StudioError('VALIDATION_FAILED', `Header x-tandem-cache must be exact, semantic or off, not '${header}'`, { details: { param: 'x-tandem-cache' } });
  return mode;
}

/**
 * Calls a provider or pool model through the gateway: the cache first (when asked), then the model,
 * whose failures are classified by the engine's one table (status, retryability, `Retry-After`).
 * A streamed request reads the model's stream (`doStream`); any other asks for the whole answer
 * (`doGenerate`), with the same text, tool calls, finish and usage. An answer that ends with `stop`
 * and no tool call is stored in the cache.
 */
export async function openModelCompletion(
  context: GatewayRoutesContext,
  modelId: string,
  callOptions: Omit<LanguageModelV3CallOptions, 'abortSignal'>,
  principal: Principal,
  cacheHeader: string | undefined,
  streamed: boolean,
): Promise<ModelCompletion> {
  const mode = cacheModeOf(cacheHeader, context.gateway.settings().cache.v1);
  const scope = principal.kind === 'key' ? principal.keyId : 'studio';
  const model = context.models.languageModel(modelId);
  if (mode !== 'off') {
    const hit = await context.gateway.cache.lookup(mode, { modelId, callOptions, scope });
    if (hit) return { cache: hit, parts: streamed ? replay(hit) : replayedParts(hit) };
  }
  const store: StoreAnswer | undefined = mode === 'off' ? undefined : (text, usage) => context.gateway.cache.store(mode, { modelId, callOptions, scope }, text, usage);
  if (!streamed) {
    let parts: CompletionPart[];
    try {
      parts = partsOfGenerateResult(await model.doGenerate(callOptions));
    } catch (error) {
      throw classifyProviderError(error, { model: modelId });
    }
    if (store) await storeWhole(parts, store);
    return { parts };
  }
  // A stream is cancelled when its client goes away; a whole answer runs to its end.
  const controller = new AbortController();
  let stream;
  try {
    ({ stream } = await model.doStream({ ...callOptions, abortSignal: controller.signal }));
  } catch (error) {
    throw classifyProviderError(error, { model: modelId });
  }
  const parts = readModelStream(stream, (error) => classifyProviderError(error, { model: modelId }));
  return { cancel: () => controller.abort(), parts: store ? storeOnFinish(parts, store) : parts };
}

/** A cached answer's parts: its text, then a `stop` with its usage. */
function replayedParts(hit: CacheHit): CompletionPart[] {
  const { inputTokens, outputTokens } = hit.usage;
  const finish: CompletionPart = { type: 'finish', finishReason: 'stop', usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens } };
  return hit.text === '' ? [finish] : [{ type: 'text', text: hit.text }, finish];
}

async function* replay(hit: CacheHit): AsyncGenerator<CompletionPart> {
  yield* replayedParts(hit);
}

type StoreAnswer = (text: string, usage: { inputTokens: number; outputTokens: number }) => Promise<void>;

/** Stores a whole answer that ended with `stop` and called no tool. */
async function storeWhole(parts: readonly CompletionPart[], store: StoreAnswer): Promise<void> {
  let text = '';
  for (const part of parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type !== 'finish') return;
    else if (part.finishReason === 'stop') await store(text, { inputTokens: part.usage.prompt_tokens, outputTokens: part.usage.completion_tokens });
  }
}

async function* storeOnFinish(parts: AsyncIterable<CompletionPart>, store: StoreAnswer): AsyncGenerator<CompletionPart> {
  let text = '';
  let toolCalls = false;
  for await (const part of parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type !== 'finish') toolCalls = true;
    else if (part.finishReason === 'stop' && !toolCalls) await store(text, { inputTokens: part.usage.prompt_tokens, outputTokens: part.usage.completion_tokens });
    yield part;
  }
}
