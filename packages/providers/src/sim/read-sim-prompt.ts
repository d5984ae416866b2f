import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { fnvOffsetBasis, hashNumber, hashString } from './seeded-random.ts';

/** What kind of answer the simulator gives, with the parts of the prompt it answers from. */
export type SimAnswerShape =
  | { kind: 'text'; task: string }
  | { kind: 'critique'; task: string; draft: string }
  | { kind: 'judge'; subject: string; criteria: string; minimum: number; maximum: number }
  | { kind: 'refine'; task: string; draft: string | undefined; guidance: string }
  | { kind: 'json'; schema: unknown; task: string };

/** The parts of a prompt the simulator looks at. */
export interface SimPromptSummary {
  /** Hash of every message (role and text), the seed source for generation. */
  hash: number;
  /** Number of characters of text in the prompt (for `inputTokens ≈ chars / 4`). */
  characterCount: number;
  /** Text of the system messages, joined. */
  systemText: string;
  /** Text of the last user message. */
  lastUserText: string;
  /** Text of the last assistant message, if any (a previous draft). */
  lastAssistantText: string | undefined;
  /** The role of the last message (`tool` after a tool result). */
  lastMessageRole: 'system' | 'user' | 'assistant' | 'tool' | undefined;
  /** The results of the tool calls the last `tool` messages answered, as text. */
  toolResults: { toolName: string; text: string }[];
}

/**
 * Walks the prompt once: hashes it, counts characters and keeps the texts the
 * shape detection needs (no concatenation of the whole prompt).
 */
export function summarizeSimPrompt(prompt: LanguageModelV3Prompt): SimPromptSummary {
  let hash = fnvOffsetBasis;
  let characterCount = 0;
  let systemText = '';
  let lastUserText = '';
  let lastAssistantText: string | undefined;
  let lastMessageRole: SimPromptSummary['lastMessageRole'];
  let toolResults: SimPromptSummary['toolResults'] = [];
  for (const message of prompt) {
    hash = hashString(message.role, hash);
    if (message.role !== 'tool' && lastMessageRole === 'tool') toolResults = [];
    lastMessageRole = message.role;
    if (message.role === 'system') {
      hash = hashString(message.content, hash);
      characterCount += message.content.length;
      systemText = systemText === '' ? message.content : `${systemText}\n${message.content}`;
      continue;
    }
    let text = '';
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') {
        hash = hashString(part.text, hash);
        characterCount += part.text.length;
        text = text === '' ? part.text : `${text}\n${part.text}`;
      } else if (part.type === 'tool-call') {
        const input = typeof part.input === 'string' ? part.input : JSON.stringify(part.input);
        hash = hashString(`${part.toolName}${input}`, hash);
        characterCount += input.length;
      } else if (part.type === 'tool-result') {
        const output = part.output;
        const resultText = output.type === 'text' || output.type === 'error-text' ? output.value : 'value' in output ? JSON.stringify(output.value) : '';
        hash = hashString(resultText, hash);
        characterCount += resultText.length;
        toolResults.push({ toolName: part.toolName, text: resultText });
      }
    }
    if (message.role === 'user') lastUserText = text;
    else if (message.role === 'assistant') lastAssistantText = text;
  }
  return { hash, characterCount, systemText, lastUserText, lastAssistantText, lastMessageRole, toolResults };
}

/** Mixes the call options that change the answer (seed, temperature) into a prompt hash. */
export function hashCallOptions(promptHash: number, options: LanguageModelV3CallOptions): number {
  let hash = promptHash;
  if (options.seed !== undefined) hash = hashNumber(options.seed, hash);
  if (options.temperature !== undefined) hash = hashNumber(options.temperature, hash);
  return hash;
}

const rangePattern =
  /\b(?:scale|range)\s+(?:of\s+|from\s+)?(-?\d+(?:\.\d+)?)\s*(?:to|-|–|—|and)\s*(-?\d+(?:\.\d+)?)|\b(?:score|rate|grade|judge)\b[^\n]*?\b(?:from|between)\s+(-?\d+(?:\.\d+)?)\s*(?:to|-|–|—|and)\s*(-?\d+(?:\.\d+)?)/i;
const judgeWordPattern = /\b(?:score|scores|rate|rating|grade|judge|evaluate)\b/i;
const refinePattern =
  /^\s*refine\b|\b(?:improve|revise|refine|rewrite|update)\s+(?:your|the)\s+(?:previous\s+|first\s+)?(?:answer|draft|response)\b|\busing\s+(?:this|these|the|the following)\s+(?:guidance|feedback|suggestions)\b/im;
const critiquePattern =
  /\b(?:critique|critic|reviewer|review the|clarifying questions|propose (?:clarifying )?(?:questions|instructions|improvements|changes)|give guidance|provide guidance|return guidance|find inaccuracies)\b/i;
const guidancePattern = /\b(?:using|with|from)\s+(?:this|these|the|the following)\s+(?:guidance|feedback|suggestions)\s*:?[ \t]*\n?([\s\S]*)$/i;

const sectionPatterns = new Map<string, RegExp>();

/**
 * The text of a labelled section ("Task:", "Answer to review:"): from its
 * label to a blank line followed by another "Label:" line, or to the end.
 */
export function readSection(text: string, labels: string): string | undefined {
  let pattern = sectionPatterns.get(labels);
  if (pattern === undefined) {
    pattern = new RegExp(`^(?:${labels})\\s*:[ \\t]*\\n?([\\s\\S]+?)(?:\\n[ \\t]*\\n(?=[A-Z][\\w ]{0,60}:)|(?![\\s\\S]))`, 'im');
    sectionPatterns.set(labels, pattern);
  }
  return pattern.exec(text)?.[1]?.trim();
}

const taskLabels = 'task|question';
const draftLabels = 'answer to review|draft|previous answer|your answer|first draft|answer';

function findScaleRange(text: string): { minimum: number; maximum: number } | undefined {
  const match = rangePattern.exec(text);
  if (!match) return undefined;
  const first = Number(match[1] ?? match[3]);
  const second = Number(match[2] ?? match[4]);
  if (!Number.isFinite(first) || !Number.isFinite(second) || first === second) return undefined;
  return { minimum: Math.min(first, second), maximum: Math.max(first, second) };
}

/**
 * Decides what kind of answer the prompt asks for, and reads the parts it
 * answers from. Order: JSON response format, judge ("score … on a scale
 * from X to Y", reading its Subject and Criteria), refine ("Improve your
 * answer using this guidance", reading Task, Previous answer and the
 * guidance), critique ("critique", "propose clarifying questions or
 * instructions", reading Task and Answer to review), then a default from
 * the model name (`critic`, `judge`), else plain text.
 */
export function detectSimAnswerShape(
  summary: SimPromptSummary,
  options: LanguageModelV3CallOptions,
  modelName: string,
): SimAnswerShape {
  const user = summary.lastUserText;
  const task = () => readSection(user, taskLabels) ?? user;
  if (options.responseFormat?.type === 'json') return { kind: 'json', schema: options.responseFormat.schema, task: user };
  const instructions = summary.systemText === '' ? user : `${summary.systemText}\n${user}`;
  const range = findScaleRange(instructions);
  const judge = (minimum: number, maximum: number): SimAnswerShape => ({
    kind: 'judge',
    subject: readSection(user, 'subject') ?? readSection(user, draftLabels) ?? user,
    criteria: readSection(user, 'criteria') ?? '',
    minimum,
    maximum,
  });
  if (range && judgeWordPattern.test(instructions)) return judge(range.minimum, range.maximum);
  if (refinePattern.test(user)) {
    const draft = summary.lastAssistantText ?? readSection(user, draftLabels);
    return { kind: 'refine', task: task(), draft, guidance: guidancePattern.exec(user)?.[1]?.trim() ?? '' };
  }
  if (critiquePattern.test(instructions) || modelName === 'critic') {
    return { kind: 'critique', task: task(), draft: readSection(user, draftLabels) ?? summary.lastAssistantText ?? user };
  }
  if (modelName === 'judge') return judge(1, 10);
  return { kind: 'text', task: task() };
}
