import type { LanguageModelV3 } from '@ai-sdk/provider';

/**
 * The engine's port to language models: the Vercel AI SDK's provider spec
 * (LanguageModelV3). The engine calls `doStream` on it directly and owns
 * retries, timeouts, cancellation and events itself.
 */
export type LanguageModel = LanguageModelV3;

/**
 * Kinds of answer whose typical length differs: a prose answer, a critic's
 * guidance, what a refinement adds to its draft, a judge's verdict.
 */
export type OutputKind = 'answer' | 'guidance' | 'refinement' | 'judgement';

/** What is known about a model before calling it (for estimates and cost). */
export interface ModelFacts {
  /** Typical generation speed, tokens per second. */
  tokensPerSecond?: number;
  /** Typical time to first token, milliseconds. */
  firstTokenMs?: number;
  /** USD per million tokens. */
  price?: { input: number; output: number };
  /** Typical answer lengths in tokens by kind, when the model states them (the simulator does); estimates use defaults otherwise. */
  outputTokens?: Partial<Record<OutputKind, number>>;
  /** Probability (0..1) that a call gives nothing usable (a failed call or malformed output), for a validator's expected retries. */
  failureRate?: number;
}

/** Resolves `provider:model` strings into models. */
export interface ModelResolver {
  /** Returns the model, or throws a StudioError `MODEL_UNKNOWN` / `PROVIDER_UNKNOWN` naming the string. */
  languageModel(modelId: string): LanguageModel;
  /** Facts about a model for estimates; undefined when unknown. */
  describe(modelId: string): ModelFacts | undefined;
}
