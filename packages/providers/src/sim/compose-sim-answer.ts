import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { detectSimAnswerShape, hashCallOptions, topicText, type SimPromptSummary } from './read-sim-prompt.ts';
import { createSeededRandom, hashNumber, hashString, type SeededRandom } from './seeded-random.ts';
import {
  extractTopicWords,
  generateCritique,
  generateJudgement,
  generateProse,
  generateRefinement,
  tokenizeSimText,
  type GeneratedText,
} from './generate-sim-text.ts';
import { generateJsonValue } from './generate-json-value.ts';
import type { SimSettings } from './sim-settings.ts';

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

function counted(text: string): GeneratedText {
  return { text, tokenCount: tokenizeSimText(text).length };
}

function composeText(
  summary: SimPromptSummary,
  options: LanguageModelV3CallOptions,
  settings: SimSettings,
  random: SeededRandom,
  malformed: boolean,
): GeneratedText {
  const shape = detectSimAnswerShape(summary, options, settings.name);
  if (shape.kind === 'json') {
    const json = JSON.stringify(generateJsonValue(shape.schema, random));
    return counted(malformed ? json.slice(0, Math.max(1, Math.floor(json.length * 0.6))) : json);
  }
  const topics = extractTopicWords(topicText(summary));
  switch (shape.kind) {
    case 'judge':
      return counted(malformed ? 'I would say it is fairly good overall.' : generateJudgement(random, topics, shape.minimum, shape.maximum));
    case 'critique':
      return counted(malformed ? 'Looks fine to me.' : generateCritique(random, topics));
    case 'refine':
      return counted(malformed ? random.pick(offFormatAnswers) : generateRefinement(random, topics, shape.draft));
    default:
      return malformed ? counted(random.pick(offFormatAnswers)) : generateProse(random, topics, random.integer(30, 120));
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
  const { text, tokenCount } = composeText(summary, options, settings, random, malformed);
  const limit = options.maxOutputTokens;
  if (limit !== undefined && limit >= 0 && tokenCount > limit) {
    return { text: tokenizeSimText(text).slice(0, limit).join(''), tokenCount: limit, finishReason: 'length' };
  }
  return { text, tokenCount, finishReason: 'stop' };
}
