import type { ModelFacts } from '@tandem/engine';

/** Price (USD per million tokens) and rough speed of a well-known model. */
export interface PriceTableEntry {
  /** USD per million input tokens. */
  input: number;
  /** USD per million output tokens. */
  output: number;
  /** Rough typical output speed, tokens per second (for estimates only). */
  tokensPerSecond?: number;
  /** Rough typical time to first token, milliseconds (for estimates only). */
  firstTokenMs?: number;
}

/**
 * List prices of a handful of well-known models, keyed by the vendor's model
 * name, for cost estimates shown before running. Standard (non-batch, non-cached)
 * prices as published by the vendors in 2025; speeds are rough public
 * averages. Update here when vendors change their prices.
 */
export const priceTable: Readonly<Record<string, PriceTableEntry>> = {
  'gpt-5': { input: 1.25, output: 10, tokensPerSecond: 60, firstTokenMs: 2000 },
  'gpt-5-mini': { input: 0.25, output: 2, tokensPerSecond: 80, firstTokenMs: 1500 },
  'gpt-5-nano': { input: 0.05, output: 0.4, tokensPerSecond: 120, firstTokenMs: 1000 },
  'gpt-4.1': { input: 2, output: 8, tokensPerSecond: 80, firstTokenMs: 500 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, tokensPerSecond: 90, firstTokenMs: 400 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, tokensPerSecond: 120, firstTokenMs: 300 },
  'gpt-4o': { input: 2.5, output: 10, tokensPerSecond: 80, firstTokenMs: 500 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, tokensPerSecond: 80, firstTokenMs: 400 },
  'o3': { input: 2, output: 8, tokensPerSecond: 60, firstTokenMs: 5000 },
  'o4-mini': { input: 1.1, output: 4.4, tokensPerSecond: 100, firstTokenMs: 3000 },
  'claude-opus-4-1': { input: 15, output: 75, tokensPerSecond: 40, firstTokenMs: 1500 },
  'claude-opus-4-0': { input: 15, output: 75, tokensPerSecond: 40, firstTokenMs: 1500 },
  'claude-sonnet-4-5': { input: 3, output: 15, tokensPerSecond: 60, firstTokenMs: 1000 },
  'claude-sonnet-4-0': { input: 3, output: 15, tokensPerSecond: 60, firstTokenMs: 1000 },
  'claude-3-7-sonnet': { input: 3, output: 15, tokensPerSecond: 60, firstTokenMs: 1000 },
  'claude-haiku-4-5': { input: 1, output: 5, tokensPerSecond: 100, firstTokenMs: 600 },
  'claude-3-5-haiku': { input: 0.8, output: 4, tokensPerSecond: 80, firstTokenMs: 600 },
};

/** Strips what varies between aliases of one model: a `vendor/` prefix, `-latest`, and date suffixes. */
function canonicalModelName(modelName: string): string {
  const withoutVendor = modelName.slice(modelName.lastIndexOf('/') + 1).toLowerCase();
  return withoutVendor.replace(/-latest$/, '').replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/-\d{8}$/, '');
}

/**
 * Facts for a model name from {@link priceTable}, tolerating aliases
 * (`openai/gpt-4o-mini`, `gpt-4o-2024-08-06`, `claude-3-5-haiku-latest`).
 * Undefined when the model is not listed.
 */
export function lookupModelFacts(modelName: string): ModelFacts | undefined {
  const entry = priceTable[modelName] ?? priceTable[canonicalModelName(modelName)];
  if (!entry) return undefined;
  const facts: ModelFacts = { price: { input: entry.input, output: entry.output } };
  if (entry.tokensPerSecond !== undefined) facts.tokensPerSecond = entry.tokensPerSecond;
  if (entry.firstTokenMs !== undefined) facts.firstTokenMs = entry.firstTokenMs;
  return facts;
}
