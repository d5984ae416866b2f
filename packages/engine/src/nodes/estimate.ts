import type { NodeEstimate } from '../define-node.ts';
import type { ModelFacts } from '../ports/model-resolver.ts';

/** Rough token count: about four characters per token for English text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Typical answer length when a node sets no max tokens. */
const typicalOutputTokens = 300;

/** Estimates one model call from the prompt length, the model's speed and its price table. */
export function estimateCall(
  model: string,
  system: string | undefined,
  prompt: string,
  maxTokens: number | undefined,
  facts: (model: string) => ModelFacts | undefined,
): NodeEstimate | undefined {
  const known = facts(model);
  if (!known) return undefined;
  const inputTokens = estimateTokens((system ?? '') + prompt);
  const outputTokens = Math.min(maxTokens ?? typicalOutputTokens, typicalOutputTokens);
  const tokensPerSecond = known.tokensPerSecond ?? 50;
  const latencyMs = Math.round((known.firstTokenMs ?? 300) + (outputTokens / tokensPerSecond) * 1000);
  const costUsd = known.price ? (inputTokens * known.price.input + outputTokens * known.price.output) / 1e6 : 0;
  return { latencyMs, costUsd, inputTokens, outputTokens, calls: 1 };
}

/** Adds estimates of calls made one after another. */
export function sumEstimates(estimates: (NodeEstimate | undefined)[]): NodeEstimate | undefined {
  if (estimates.some((estimate) => estimate === undefined)) return undefined;
  return (estimates as NodeEstimate[]).reduce(
    (total, estimate) => ({
      latencyMs: total.latencyMs + estimate.latencyMs,
      costUsd: total.costUsd + estimate.costUsd,
      inputTokens: total.inputTokens + estimate.inputTokens,
      outputTokens: total.outputTokens + estimate.outputTokens,
      calls: total.calls + estimate.calls,
    }),
    { latencyMs: 0, costUsd: 0, inputTokens: 0, outputTokens: 0, calls: 0 },
  );
}
