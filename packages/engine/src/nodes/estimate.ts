import type { NodeEstimate } from '../define-node.ts';
import type { ModelFacts, OutputKind } from '../ports/model-resolver.ts';

/** Rough token count: about four characters per token for English text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Typical answer lengths when a model states none (a chat model's usual answer, guidance list, verdict). */
const defaultOutputTokens: Readonly<Record<OutputKind, number>> = { answer: 300, guidance: 150, refinement: 40, judgement: 60 };

/** A prompt that asks for a short answer gets about half the usual length, from any model. */
const briefPattern = /\b(?:briefly|brief|in one sentence|one-line|concise|in a few words|short answer)\b/i;

/** The typical length of one kind of answer from a model, in tokens. */
export function typicalOutputTokens(facts: ModelFacts | undefined, kind: OutputKind): number {
  return facts?.outputTokens?.[kind] ?? defaultOutputTokens[kind];
}

/** How long an answer is expected to be: a kind of answer (shortened when the prompt asks for brevity) or a known token count. */
export type ExpectedOutput = OutputKind | { tokens: number };

/** Estimates one model call from the prompt length, the expected answer length, the model's speed and its price table. */
export function estimateCall(
  model: string,
  system: string | undefined,
  prompt: string,
  maxTokens: number | undefined,
  facts: (model: string) => ModelFacts | undefined,
  expected: ExpectedOutput = 'answer',
): NodeEstimate | undefined {
  const known = facts(model);
  if (!known) return undefined;
  const inputTokens = estimateTokens((system ?? '') + prompt);
  let typical = typeof expected === 'object' ? expected.tokens : typicalOutputTokens(known, expected);
  // Only the prompt counts: a system prompt asking every answer to be concise is a style, not a request for one line.
  if (expected === 'answer' && briefPattern.test(prompt)) typical = Math.round(typical / 2);
  const outputTokens = Math.min(maxTokens ?? typical, typical);
  const tokensPerSecond = known.tokensPerSecond ?? 50;
  // The first token arrives after firstTokenMs; the other tokens stream at tokensPerSecond.
  const streamingMs = Number.isFinite(tokensPerSecond) && tokensPerSecond > 0 ? (Math.max(0, outputTokens - 1) / tokensPerSecond) * 1000 : 0;
  const latencyMs = Math.round((known.firstTokenMs ?? 300) + streamingMs);
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

/** Scales an estimate by an expected number of repetitions (e.g. 0.7 expected retries). */
export function scaleEstimate(estimate: NodeEstimate, factor: number): NodeEstimate {
  return {
    latencyMs: Math.round(estimate.latencyMs * factor),
    costUsd: estimate.costUsd * factor,
    inputTokens: Math.round(estimate.inputTokens * factor),
    outputTokens: Math.round(estimate.outputTokens * factor),
    calls: Math.round(estimate.calls * factor * 100) / 100,
  };
}
