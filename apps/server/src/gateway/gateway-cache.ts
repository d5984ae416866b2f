import { createHash } from 'node:crypto';
import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { CompletionCache, SemanticCompletionCache } from '@tandem/engine';
import type { CompletionCacheStore, SemanticCacheStore } from '@tandem/db';
import type { Embedder } from '@tandem/providers';

/** What `/v1` asks of the cache. */
export type CacheMode = 'exact' | 'semantic' | 'off';

/** A cached answer served to a `/v1` request. */
export interface CacheHit {
  kind: 'exact' | 'semantic';
  similarity?: number;
  text: string;
  usage: { inputTokens: number; outputTokens: number };
}

/** A `/v1` request as the cache keys it. */
export interface CacheRequest {
  modelId: string;
  callOptions: Omit<LanguageModelV3CallOptions, 'abortSignal'>;
  /** The API key's id (or `studio`): answers are never shared across keys. */
  scope: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The user content the semantic cache compares: the last user message's text. */
function lastUserText(prompt: LanguageModelV3Prompt): { text: string; index: number } {
  for (let index = prompt.length - 1; index >= 0; index--) {
    const message = prompt[index]!;
    if (message.role === 'user') return { text: message.content.map((part) => (part.type === 'text' ? part.text : '')).join(''), index };
  }
  return { text: '', index: -1 };
}

/**
 * The gateway's caches over the database: the exact cache (key: model + every call option, the
 * messages included) and the semantic cache (scope: API key + model + parameters + system prompt +
 * the conversation before the last user message; compared: that message's embedding, cosine
 * similarity at or above the threshold; TTL). Only finished answers are stored, never errors.
 * Also the engine's two cache ports, for `cache: true | "exact" | "semantic"` on llm nodes.
 */
export function createGatewayCache(deps: {
  exact: CompletionCacheStore;
  semantic: SemanticCacheStore;
  embedder: Embedder;
  settings(): { ttlMs?: number | undefined; similarityThreshold: number };
  price(model: string, inputTokens: number, outputTokens: number): number;
}) {
  const ttl = () => {
    const ttlMs = deps.settings().ttlMs;
    return ttlMs !== undefined ? { ttlMs } : {};
  };
  const exactKey = (request: CacheRequest) => `v1:${sha256(JSON.stringify([request.scope, request.modelId, request.callOptions]))}`;
  const semanticScope = (request: CacheRequest) => {
    const { prompt, ...parameters } = request.callOptions;
    const { index } = lastUserText(prompt);
    const context = prompt.filter((_, position) => position !== index);
    return `v1:${deps.embedder.id}:${sha256(JSON.stringify([request.scope, request.modelId, parameters, context]))}`;
  };
  const embedOne = async (text: string) => (await deps.embedder.embed([text]))[0]!;

  async function semanticLookup(scope: string, text: string) {
    const match = await deps.semantic.nearest(scope, await embedOne(text), deps.settings().similarityThreshold);
    await deps.exact.count('semantic', match ? { hit: true, saved: match } : { hit: false });
    return match;
  }
  async function semanticStore(scope: string, text: string, value: { text: string; usage: { inputTokens: number; outputTokens: number }; costUsd?: number }, ttlMs?: number) {
    const embedding = await embedOne(text);
    await deps.semantic.store({ scope, prompt: text, embedding, text: value.text, usage: value.usage, costUsd: value.costUsd ?? 0, ...(ttlMs !== undefined ? { ttlMs } : ttl()) });
  }

  const completionCache: CompletionCache = {
    get: (key) => deps.exact.get(key),
    set: (key, value, options) => deps.exact.set(key, value, options?.ttlMs !== undefined ? options : ttl()),
  };
  const semanticCache: SemanticCompletionCache = {
    async lookup(request) {
      const match = await semanticLookup(`run:${deps.embedder.id}:${request.scope}`, request.text);
      return match && { text: match.text, usage: match.usage, costUsd: match.costUsd, similarity: match.similarity };
    },
    store: (request, value, options) => semanticStore(`run:${deps.embedder.id}:${request.scope}`, request.text, value, options?.ttlMs),
  };

  return {
    completionCache,
    semanticCache,
    /** The cached answer for a `/v1` request, counting the hit or miss. */
    async lookup(mode: Exclude<CacheMode, 'off'>, request: CacheRequest): Promise<CacheHit | undefined> {
      if (mode === 'exact') {
        const hit = await deps.exact.get(exactKey(request));
        return hit && { kind: 'exact', text: hit.text, usage: hit.usage };
      }
      const match = await semanticLookup(semanticScope(request), lastUserText(request.callOptions.prompt).text);
      return match && { kind: 'semantic', similarity: match.similarity, text: match.text, usage: match.usage };
    },
    /** Stores a finished `/v1` answer. */
    async store(mode: Exclude<CacheMode, 'off'>, request: CacheRequest, text: string, usage: { inputTokens: number; outputTokens: number }): Promise<void> {
      const costUsd = deps.price(request.modelId, usage.inputTokens, usage.outputTokens);
      if (mode === 'exact') await deps.exact.set(exactKey(request), { text, usage, costUsd }, ttl());
      else await semanticStore(semanticScope(request), lastUserText(request.callOptions.prompt).text, { text, usage, costUsd });
    },
    statistics: () => deps.exact.statistics(),
  };
}

export type GatewayCache = ReturnType<typeof createGatewayCache>;
