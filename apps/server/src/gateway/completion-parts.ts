import type { LanguageModelV3FinishReason, LanguageModelV3GenerateResult, LanguageModelV3StreamPart, LanguageModelV3Usage } from '@ai-sdk/provider';
import type { StudioError } from '@tandem/shared';

/** Token usage in OpenAI's field names. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** OpenAI's finish reasons. */
export type ChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** What a completion produces, in order: text, tool calls (streamed by index), then one finish. */
export type CompletionPart =
  | { type: 'text'; text: string }
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  | { type: 'tool-call-arguments'; index: number; arguments: string }
  | { type: 'finish'; finishReason: ChatFinishReason; usage: ChatUsage };

/** The model spec's finish reason in OpenAI's words (`error` and `other` end as `stop`, as OpenAI has no other). */
export function toChatFinishReason(reason: LanguageModelV3FinishReason): ChatFinishReason {
  switch (reason.unified) {
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}

export const emptyUsage = (): ChatUsage => ({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });

/** The model spec's usage in OpenAI's field names (an unknown count is 0). */
function toChatUsage(usage: LanguageModelV3Usage): ChatUsage {
  const prompt = usage.inputTokens.total ?? 0;
  const completion = usage.outputTokens.total ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * A whole answer (`doGenerate`) as the completion parts its stream would give: the text, each tool
 * call numbered in order with its whole arguments, and the finish with its usage. Reasoning is left
 * out, as {@link readModelStream} leaves it out.
 */
export function partsOfGenerateResult(result: LanguageModelV3GenerateResult): CompletionPart[] {
  const parts: CompletionPart[] = [];
  let text = '';
  let index = 0;
  for (const content of result.content) {
    if (content.type === 'text') text += content.text;
    else if (content.type === 'tool-call') {
      parts.push({ type: 'tool-call-start', index, id: content.toolCallId, name: content.toolName });
      parts.push({ type: 'tool-call-arguments', index, arguments: content.input });
      index++;
    }
  }
  if (text !== '') parts.unshift({ type: 'text', text });
  parts.push({ type: 'finish', finishReason: toChatFinishReason(result.finishReason), usage: toChatUsage(result.usage) });
  return parts;
}

/**
 * Reads a model stream as completion parts: text deltas, tool calls numbered in the order they
 * start (a `tool-call` never announced by `tool-input-start` comes whole), and the finish with its
 * usage. A failure, thrown or as an `error` part, is thrown through `classify`.
 */
export async function* readModelStream(stream: ReadableStream<LanguageModelV3StreamPart>, classify: (error: unknown) => StudioError): AsyncGenerator<CompletionPart> {
  const indexById = new Map<string, number>();
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        throw classify(error);
      }
      if (next.done) break;
      const part = next.value;
      switch (part.type) {
        case 'text-delta':
          if (part.delta !== '') yield { type: 'text', text: part.delta };
          break;
        case 'tool-input-start': {
          const index = indexById.size;
          indexById.set(part.id, index);
          yield { type: 'tool-call-start', index, id: part.id, name: part.toolName };
          break;
        }
        case 'tool-input-delta': {
          const index = indexById.get(part.id);
          if (index !== undefined && part.delta !== '') yield { type: 'tool-call-arguments', index, arguments: part.delta };
          break;
        }
        case 'tool-call': {
          if (indexById.has(part.toolCallId)) break;
          const index = indexById.size;
          indexById.set(part.toolCallId, index);
          yield { type: 'tool-call-start', index, id: part.toolCallId, name: part.toolName };
          yield { type: 'tool-call-arguments', index, arguments: part.input };
          break;
        }
        case 'finish':
          finished = true;
          yield { type: 'finish', finishReason: toChatFinishReason(part.finishReason), usage: toChatUsage(part.usage) };
          break;
        case 'error':
          throw classify(part.error);
        default:
          break;
      }
    }
  } finally {
    if (!finished) void reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  if (!finished) throw classify(new Error('The model stream ended without finishing'));
}

/** A whole completion, as a non-streaming answer carries it. */
export interface CollectedCompletion {
  text: string;
  toolCalls: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  finishReason: ChatFinishReason;
  usage: ChatUsage;
}

/** Adds one part to the answer being gathered. */
function gather(collected: CollectedCompletion, part: CompletionPart): void {
  if (part.type === 'text') collected.text += part.text;
  else if (part.type === 'tool-call-start') collected.toolCalls[part.index] = { id: part.id, type: 'function', function: { name: part.name, arguments: '' } };
  else if (part.type === 'tool-call-arguments') collected.toolCalls[part.index]!.function.arguments += part.arguments;
  else {
    collected.finishReason = part.finishReason;
    collected.usage = part.usage;
  }
}

/** Gathers completion parts into one answer; `keep` may leave parts out. A list of parts is gathered without waiting. */
export async function collectCompletion(parts: AsyncIterable<CompletionPart> | readonly CompletionPart[], keep?: (part: CompletionPart) => boolean): Promise<CollectedCompletion> {
  const collected: CollectedCompletion = { text: '', toolCalls: [], finishReason: 'stop', usage: emptyUsage() };
  if (Array.isArray(parts)) {
    for (const part of parts as readonly CompletionPart[]) if (!keep || keep(part)) gather(collected, part);
    return collected;
  }
  for await (const part of parts) if (!keep || keep(part)) gather(collected, part);
  return collected;
}
