import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { generateJsonValue } from './generate-json-value.ts';
import { readPromptTopic } from './prompt-topic.ts';
import { detectSimAnswerShape, hashCallOptions, type SimAnswerShape, type SimPromptSummary } from './read-sim-prompt.ts';
import { createSeededRandom, hashNumber, hashString, type SeededRandom } from './seeded-random.ts';
import type { SimSettings } from './sim-settings.ts';
import { countSimTokens, tokenizeSimText } from './sim-tokens.ts';
import { writeAnswer } from './write-answer.ts';
import { writeCritique } from './write-critique.ts';
import { writeJudgement } from './write-judgement.ts';
import { writeRefinement } from './write-refinement.ts';

/** A simulated answer, before pacing. */
export interface SimAnswer {
  /** The full text. */
  text: string;
  /** Number of simulator tokens in `text` (what usage reports and pacing emits). */
  tokenCount: number;
  /** `length` when `maxOutputTokens` cut the answer. */
  finishReason: 'stop' | 'length';
}

const offFormatAnswers = ['', 'Hmm.', 'I am not sure what you are asking.', 'As mentioned above.'] as const;

function composeText(shape: SimAnswerShape, summary: SimPromptSummary, random: SeededRandom, malformed: boolean): string {
  switch (shape.kind) {
    case 'json': {
      const json = JSON.stringify(generateJsonValue(shape.schema, random, { prompt: shape.task, instructions: summary.systemText }));
      return malformed ? json.slice(0, Math.max(1, Math.floor(json.length * 0.6))) : json;
    }
    case 'judge':
      return malformed ? 'I would say it is fairly good overall.' : writeJudgement(random, shape.subject, shape.criteria, shape.minimum, shape.maximum);
    case 'critique':
      return malformed ? 'Looks fine to me.' : writeCritique(readPromptTopic(shape.task), shape.draft, random);
    case 'refine':
      return malformed ? random.pick(offFormatAnswers) : writeRefinement(readPromptTopic(shape.task), shape.draft, shape.guidance, random);
    default:
      return malformed ? random.pick(offFormatAnswers) : writeAnswer(readPromptTopic(shape.task), random);
  }
}

/** The seed of one answer: prompt hash, call options (seed, temperature), model name and seed. */
export function simAnswerSeed(summary: SimPromptSummary, options: LanguageModelV3CallOptions, settings: SimSettings): number {
  return hashNumber(settings.seed, hashString(settings.name, hashCallOptions(summary.hash, options)));
}

/**
 * Produces the deterministic answer for one call: the same prompt, call
 * options (seed, temperature, response format) and model settings give the
 * same text. `malformed` asks for invalid output (truncated JSON, off-format
 * text). `maxOutputTokens` cuts the answer (finish reason `length`).
 */
export function composeSimAnswer(
  summary: SimPromptSummary,
  options: LanguageModelV3CallOptions,
  settings: SimSettings,
  malformed: boolean,
): SimAnswer {
  const random = createSeededRandom(simAnswerSeed(summary, options, settings));
  const text = composeText(detectSimAnswerShape(summary, options, settings.name), summary, random, malformed);
  const tokenCount = countSimTokens(text);
  const limit = options.maxOutputTokens;
  if (limit !== undefined && limit >= 0 && tokenCount > limit) {
    return { text: tokenizeSimText(text).slice(0, limit).join(''), tokenCount: limit, finishReason: 'length' };
  }
  return { text, tokenCount, finishReason: 'stop' };
}
