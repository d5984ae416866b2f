import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { ModelFacts } from '@tandem/engine';
import type { ModelInfo } from '@tandem/shared';

/**
 * One model vendor (or endpoint) behind a `provider:` prefix. The registry
 * hands it the part of the model string after the first `:`.
 */
export interface Provider {
  /** The prefix this provider is registered under by default (`sim`, `openai`, `anthropic`, `gguf`, …). */
  readonly id: string;
  /** Returns the model for `modelName`; throws StudioError `MODEL_UNKNOWN` when the name is invalid. */
  languageModel(modelName: string): LanguageModelV3;
  /** Speed, latency and price facts for estimates; undefined when unknown. */
  describe(modelName: string): ModelFacts | undefined;
  /** Models to offer in the studio's model picker (ids are full `provider:model` strings). */
  listModels(): ModelInfo[];
  /** Frees native resources (loaded GGUF models). Optional. */
  dispose?(): Promise<void>;
}
