export type { Provider } from './provider.ts';
export { createProviderRegistry } from './provider-registry.ts';
export type { ProviderRegistry, ProviderRegistryOptions } from './provider-registry.ts';
export { createDefaultProviderRegistry, defaultOpenAIModels, parseGgufModelList } from './default-provider-registry.ts';
export type { ProviderEnvironment } from './default-provider-registry.ts';
export { priceTable, lookupModelFacts } from './price-table.ts';
export type { PriceTableEntry } from './price-table.ts';

export { createSimProvider, describeSimSettings, simModelCatalog } from './sim/sim-provider.ts';
export type { SimProviderOptions } from './sim/sim-provider.ts';
export { SimLanguageModel } from './sim/sim-language-model.ts';
export { defaultSimSettings, parseSimModelName } from './sim/sim-settings.ts';
export type { SimSettings } from './sim/sim-settings.ts';
export { tokenizeSimText } from './sim/sim-tokens.ts';

export { createOpenAICompatibleProvider } from './openai-compatible/openai-compatible-provider.ts';
export type { OpenAICompatibleProviderOptions } from './openai-compatible/openai-compatible-provider.ts';

export { createAnthropicProvider, defaultAnthropicModels } from './anthropic/anthropic-provider.ts';
export type { AnthropicProviderOptions } from './anthropic/anthropic-provider.ts';

export { createGgufProvider } from './gguf/gguf-provider.ts';
export type { GgufProviderOptions } from './gguf/gguf-provider.ts';
export { GgufLanguageModel } from './gguf/gguf-language-model.ts';
export { buildGgufPrompt } from './gguf/build-gguf-prompt.ts';
export { redactProviderError, withRedactedErrors } from './redacted-errors.ts';
export type { Embedder } from './embeddings/embedder.ts';
export { normalizeVector } from './embeddings/embedder.ts';
export { createHashedNgramEmbedder } from './embeddings/hashed-ngram-embedder.ts';
export { createOpenAICompatibleEmbedder } from './embeddings/openai-compatible-embedder.ts';
export type { OpenAICompatibleEmbedderOptions } from './embeddings/openai-compatible-embedder.ts';
export { createGgufEmbedder } from './embeddings/gguf-embedder.ts';
export type { GgufEmbedder, GgufEmbedderOptions } from './embeddings/gguf-embedder.ts';
