import type { LanguageModelV3CallOptions, LanguageModelV3FunctionTool } from '@ai-sdk/provider';
import { generateJsonValue } from './generate-json-value.ts';
import type { SimPromptSummary } from './read-sim-prompt.ts';
import { hashString, type SeededRandom } from './seeded-random.ts';

/** One tool call the simulator makes: `input` is the arguments as a JSON string, valid against the tool's parameters schema. */
export interface SimToolCall {
  toolCallId: string;
  toolName: string;
  input: string;
}

const wordPattern = /[a-z0-9]+/g;
// Words too common to say that a prompt asks for one tool rather than another.
const commonWords = new Set(['the', 'a', 'an', 'of', 'to', 'for', 'and', 'or', 'in', 'on', 'is', 'get', 'set', 'with', 'by', 'from', 'it', 'this', 'that']);

function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of text.toLowerCase().replace(/([a-z])([A-Z])/g, '$1 $2').matchAll(wordPattern)) {
    const word = match[0];
    if (word.length > 1 && !commonWords.has(word)) words.add(word.replace(/s$/, ''));
  }
  return words;
}

/** How many of a tool's name and description words the prompt uses. */
function fit(tool: LanguageModelV3FunctionTool, promptWords: Set<string>): number {
  let score = 0;
  for (const word of wordsOf(tool.name.replace(/[_-]/g, ' '))) if (promptWords.has(word)) score += 2;
  for (const word of wordsOf(tool.description ?? '')) if (promptWords.has(word)) score += 1;
  return score;
}

/**
 * Which tool the simulator calls, if any: `toolChoice` `none` never, `tool` the named one,
 * `required` the best-fitting tool (the first when none fits), `auto` (the default) the
 * best-fitting tool when the last message is the user's and it uses the tool's name or description
 * words. After a tool result the model answers in text, as a real one does.
 */
export function pickSimTool(summary: SimPromptSummary, options: LanguageModelV3CallOptions): LanguageModelV3FunctionTool | undefined {
  const tools = (options.tools ?? []).filter((tool): tool is LanguageModelV3FunctionTool => tool.type === 'function');
  const choice = options.toolChoice ?? { type: 'auto' };
  if (tools.length === 0 || choice.type === 'none') return undefined;
  if (choice.type === 'tool') return tools.find((tool) => tool.name === choice.toolName);
  const promptWords = wordsOf(summary.lastUserText);
  let best: LanguageModelV3FunctionTool | undefined;
  let bestScore = 0;
  for (const tool of tools) {
    const score = fit(tool, promptWords);
    if (score > bestScore) [best, bestScore] = [tool, score];
  }
  if (choice.type === 'required') return best ?? tools[0];
  return summary.lastMessageRole === 'user' ? best : undefined;
}

/** The call of `tool`: arguments written from the prompt, valid against the tool's parameters schema. */
export function writeSimToolCall(tool: LanguageModelV3FunctionTool, summary: SimPromptSummary, random: SeededRandom): SimToolCall {
  const input = generateJsonValue(tool.inputSchema, random, { prompt: summary.lastUserText, instructions: summary.systemText });
  const toolCallId = `call_${(hashString(tool.name, summary.hash) >>> 0).toString(36)}${random.integer(0, 1_000_000).toString(36)}`;
  return { toolCallId, toolName: tool.name, input: JSON.stringify(input ?? {}) };
}

/** The text before the first stop sequence found in `text`, or undefined when none occurs. */
export function cutAtStopSequence(text: string, stopSequences: readonly string[] | undefined): string | undefined {
  let cut: number | undefined;
  for (const stop of stopSequences ?? []) {
    if (stop === '') continue;
    const index = text.indexOf(stop);
    if (index >= 0 && (cut === undefined || index < cut)) cut = index;
  }
  return cut === undefined ? undefined : text.slice(0, cut);
}
