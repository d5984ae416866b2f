import type { LanguageModelV3 } from '@ai-sdk/provider';

/**
 * The engine's port to language models: the Vercel AI SDK's provider spec
 * (LanguageModelV3). The engine calls `doStream` on it directly and owns
 * retries, timeouts, cancellation and events itself.
 */
export type LanguageModel = LanguageModelV3;

/** What is known about a model before calling it (for estimates and cost). */
export interface ModelFacts {
  /** Typical generation speed, tokens per second. */
  tokensPerSecond?: number;
  /** Typical time to first token, milliseconds. */
  firstTokenMs?: number;
  /** USD per million tokens. */
  price?: { input: number; output: number };
}

/** Resolves `provider:model` strings into models. */
export interface ModelResolver {
  /** Returns the model, or throws a StudioError `MODEL_UNKNOWN` / `PROVIDER_UNKNOWN` naming the string. */
  languageModel(modelId: string): LanguageModel;
  /** Facts about a model for estimates; undefined when unknown. */
  describe(modelId: string): ModelFacts | undefined;
}
