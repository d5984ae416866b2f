import type { JSONSchema7, LanguageModelV3CallOptions, LanguageModelV3Message, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { chatCompletionRequestSchema, pipelineChatParameters, refusedChatParameters, StudioError, type ChatCompletionRequest, type ChatMessage } from '@tandem/shared';

/** A 400 in OpenAI's shape naming the parameter (`param`). */
export function invalidParameter(param: string, message: string): StudioError {
  return new StudioError('VALIDATION_FAILED', message, { details: { param } });
}

const pathOf = (path: readonly PropertyKey[]) =>
  path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${String(segment)}` : String(segment)), '');

/**
 * Parses a chat completion body: an unknown key is refused as OpenAI refuses it
 * ("Unrecognized request argument supplied"), a bad value names its parameter.
 */
export function readChatRequest(body: unknown): ChatCompletionRequest {
  const parsed = chatCompletionRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const param = pathOf([...issue.path, key]);
    throw invalidParameter(param, `Unrecognized request argument supplied: ${param}`);
  }
  const param = pathOf(issue.path) || 'body';
  throw invalidParameter(param, `Invalid value for '${param}': ${issue.message}`);
}

const refused = Object.entries(refusedChatParameters);
const allowed = new Set<string>(pipelineChatParameters);

/** Whether a refusable parameter is set to something other than its default. */
function isSet(name: string, value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (name === 'n') return value !== 1;
  if (name === 'top_logprobs') return value !== 0;
  if (name === 'modalities') return !(Array.isArray(value) && value.every((modality) => modality === 'text'));
  if (name === 'logit_bias') return Object.keys(value as object).length > 0;
  return true;
}

/**
 * Refuses the parameters the gateway cannot honour (logprobs, n > 1, audio…) with a 400 naming each;
 * for a `pipeline:` model, also every parameter that would change a model call (a pipeline's nodes
 * set their own model parameters).
 */
export function refuseUnhonoured(request: ChatCompletionRequest, pipeline: boolean): void {
  for (const [name, reason] of refused) {
    if (isSet(name, request[name as keyof ChatCompletionRequest])) throw invalidParameter(name, `'${name}' is not supported: ${reason}`);
  }
  if (!pipeline) return;
  for (const [name, value] of Object.entries(request)) {
    if (!allowed.has(name) && value !== undefined && value !== null) {
      throw invalidParameter(name, `'${name}' does not apply to pipeline models: a pipeline's nodes set their own model parameters (see GET /v1/models)`);
    }
  }
}

const textOf = (content: ChatMessage['content']): string =>
  typeof content === 'string' ? content : (content ?? []).map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');

/** The text of the last user message (what fills a pipeline's prompt input). */
export function lastUserText(messages: readonly ChatMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index--) if (messages[index]!.role === 'user') return textOf(messages[index]!.content);
  return '';
}

function userContent(message: Extract<ChatMessage, { role: 'user' }>, index: number) {
  if (typeof message.content === 'string') return [{ type: 'text' as const, text: message.content }];
  return message.content.map((part, partIndex) => {
    if (part.type !== 'text' || typeof part.text !== 'string') {
      throw invalidParameter(`messages[${index}].content[${partIndex}].type`, `Content parts of type '${part.type}' are not supported by the Tandem gateway: send text`);
    }
    return { type: 'text' as const, text: part.text };
  });
}

/** OpenAI messages as the model spec's prompt; tool results are matched to the calls they answer. */
export function toPrompt(messages: readonly ChatMessage[]): LanguageModelV3Prompt {
  const toolNames = new Map<string, string>();
  return messages.map((message, index): LanguageModelV3Message => {
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: textOf(message.content) };
      case 'user':
        return { role: 'user', content: userContent(message, index) };
      case 'assistant': {
        const text = textOf(message.content);
        const calls = (message.tool_calls ?? []).map((call, callIndex) => {
          toolNames.set(call.id, call.function.name);
          let input: unknown;
          try {
            input = call.function.arguments === '' ? {} : JSON.parse(call.function.arguments);
          } catch {
            throw invalidParameter(`messages[${index}].tool_calls[${callIndex}].function.arguments`, 'Tool call arguments must be a JSON string');
          }
          return { type: 'tool-call' as const, toolCallId: call.id, toolName: call.function.name, input };
        });
        return { role: 'assistant', content: [...(text ? [{ type: 'text' as const, text }] : []), ...calls] };
      }
      case 'tool': {
        const toolName = toolNames.get(message.tool_call_id);
        if (!toolName) throw invalidParameter(`messages[${index}].tool_call_id`, `'${message.tool_call_id}' answers no tool call of an earlier assistant message`);
        return { role: 'tool', content: [{ type: 'tool-result', toolCallId: message.tool_call_id, toolName, output: { type: 'text', value: textOf(message.content) } }] };
      }
    }
  });
}

/** The model spec's call options for a request to a provider model (no abort signal). */
export function toCallOptions(request: ChatCompletionRequest): Omit<LanguageModelV3CallOptions, 'abortSignal'> {
  const options: Omit<LanguageModelV3CallOptions, 'abortSignal'> = { prompt: toPrompt(request.messages) };
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) options.maxOutputTokens = maxTokens;
  if (request.temperature != null) options.temperature = request.temperature;
  if (request.top_p != null) options.topP = request.top_p;
  if (request.frequency_penalty != null) options.frequencyPenalty = request.frequency_penalty;
  if (request.presence_penalty != null) options.presencePenalty = request.presence_penalty;
  if (request.seed != null) options.seed = request.seed;
  if (request.stop != null) options.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.tools?.length) {
    options.tools = request.tools.map((tool) => ({
      type: 'function' as const,
      name: tool.function.name,
      ...(tool.function.description !== undefined ? { description: tool.function.description } : {}),
      inputSchema: (tool.function.parameters ?? { type: 'object', properties: {} }) as JSONSchema7,
      ...(tool.function.strict != null ? { strict: tool.function.strict } : {}),
    }));
  }
  const choice = request.tool_choice;
  if (choice !== undefined) {
    if (typeof choice !== 'string' && !request.tools?.some((tool) => tool.function.name === choice.function.name)) {
      throw invalidParameter('tool_choice', `tool_choice names '${choice.function.name}', which is not among the tools`);
    }
    if (typeof choice === 'string' && choice !== 'none' && !request.tools?.length) throw invalidParameter('tool_choice', `tool_choice '${choice}' needs tools`);
    options.toolChoice = typeof choice === 'string' ? { type: choice } : { type: 'tool', toolName: choice.function.name };
  }
  const format = request.response_format;
  if (format?.type === 'json_object') options.responseFormat = { type: 'json' };
  else if (format?.type === 'json_schema') {
    const { name, description, schema } = format.json_schema;
    options.responseFormat = { type: 'json', name, ...(description !== undefined ? { description } : {}), ...(schema ? { schema: schema as JSONSchema7 } : {}) };
  }
  return options;
}
