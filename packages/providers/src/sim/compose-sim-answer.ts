import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { generateJsonValue } from './generate-json-value.ts';
import { readPromptTopic } from './prompt-topic.ts';
import { detectSimAnswerShape, hashCallOptions, type SimAnswerShape, type SimPromptSummary } from './read-sim-prompt.ts';
import { createSeededRandom, hashNumber, hashString, type SeededRandom } from './seeded-random.ts';
import type { SimSettings } from './sim-settings.ts';
import { countSimTokens, tokenizeSimText } from './sim-tokens.ts';
import { cutAtStopSequence, pickSimTool, writeSimToolCall, type SimToolCall } from './sim-tool-calls.ts';
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
  /** `length` when `maxOutputTokens` cut the answer, `tool-calls` when it calls a tool. */
  finishReason: 'stop' | 'length' | 'tool-calls';
  /** The tool calls it makes instead of text (`text` is then empty). */
  toolCalls?: SimToolCall[];
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
 * text). `maxOutputTokens` cuts the answer (finish reason `length`); a stop sequence ends it before
 * the sequence. Given tools, it calls one when `toolChoice` asks for it, or allows it and the prompt
 * fits the tool (see `pickSimTool`), with arguments valid against the tool's parameters.
 */
export function composeSimAnswer(
  summary: SimPromptSummary,
  options: LanguageModelV3CallOptions,
  settings: SimSettings,
  malformed: boolean,
): SimAnswer {
  const random = createSeededRandom(simAnswerSeed(summary, options, settings));
  const tool = malformed ? undefined : pickSimTool(summary, options);
  if (tool) {
    const call = writeSimToolCall(tool, summary, random);
    return { text: '', tokenCount: countSimTokens(call.input) + 1, finishReason: 'tool-calls', toolCalls: [call] };
  }
  let text = composeText(detectSimAnswerShape(summary, options, settings.name), summary, random, malformed);
  if (summary.lastMessageRole === 'tool' && summary.toolResults.length > 0 && !malformed && options.responseFormat?.type !== 'json') {
    // After tool results, the answer reports what the tools returned, then answers the ask.
    text = `${summary.toolResults.map((result) => `${result.toolName} returned ${result.text}.`).join(' ')} ${text}`;
  }
  text = cutAtStopSequence(text, options.stopSequences) ?? text;
  const tokenCount = countSimTokens(text);
  const limit = options.maxOutputTokens;
  if (limit !== undefined && limit >= 0 && tokenCount > limit) {
    return { text: tokenizeSimText(text).slice(0, limit).join(''), tokenCount: limit, finishReason: 'length' };
  }
  return { text, tokenCount, finishReason: 'stop' };
}
