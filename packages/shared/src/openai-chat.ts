import { z } from 'zod';

/**
 * The `POST /v1/chat/completions` body, as OpenAI defines it. Every parameter OpenAI knows is
 * listed, so a request is either honoured, refused with a 400 naming the parameter
 * ({@link refusedChatParameters}), or accepted as bookkeeping that does not change the answer
 * ({@link recordedChatParameters}); an unknown key is refused, as OpenAI refuses it.
 */
const textPart = z.object({ type: z.literal('text'), text: z.string() });
const textContent = z.union([z.string(), z.array(textPart)]);

const toolCallSchema = z.object({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

const messageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: textContent, name: z.string().optional() }),
  z.object({ role: z.literal('developer'), content: textContent, name: z.string().optional() }),
  z.object({
    role: z.literal('user'),
    content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]),
    name: z.string().optional(),
  }),
  z.object({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(z.union([textPart, z.object({ type: z.literal('refusal'), refusal: z.string() })]))]).nullish(),
    tool_calls: z.array(toolCallSchema).optional(),
    name: z.string().optional(),
    refusal: z.string().nullish(),
  }),
  z.object({ role: z.literal('tool'), content: textContent, tool_call_id: z.string().min(1) }),
]);
/** One chat message as OpenAI's API takes it. */
export type ChatMessage = z.infer<typeof messageSchema>;

const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

const toolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().regex(toolNamePattern, 'must be 1–64 letters, digits, "_" or "-"'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string().min(1) }) }),
]);

const responseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().regex(toolNamePattern, 'must be 1–64 letters, digits, "_" or "-"'),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/** `POST /v1/chat/completions`: every parameter OpenAI documents (unknown keys are refused by name). */
export const chatCompletionRequestSchema = z.strictObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1, 'must hold at least one message'),
  stream: z.boolean().nullish(),
  stream_options: z.strictObject({ include_usage: z.boolean().optional(), include_obfuscation: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4, 'takes at most 4 sequences')]).nullish(),
  seed: z.number().int().nullish(),
  n: z.number().int().min(1).max(128).nullish(),
  tools: z.array(toolSchema).max(128).optional(),
  tool_choice: toolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: responseFormatSchema.optional(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  // Recorded (they do not change the answer).
  user: z.string().max(256).optional(),
  safety_identifier: z.string().max(256).optional(),
  prompt_cache_key: z.string().max(256).optional(),
  metadata: z.record(z.string(), z.string()).nullish(),
  store: z.boolean().nullish(),
  service_tier: z.string().nullish(),
  // Known to OpenAI, refused here (see refusedChatParameters).
  logit_bias: z.record(z.string(), z.number()).nullish(),
  audio: z.unknown().optional(),
  modalities: z.array(z.string()).nullish(),
  prediction: z.unknown().optional(),
  reasoning_effort: z.string().nullish(),
  verbosity: z.string().nullish(),
  web_search_options: z.unknown().optional(),
  functions: z.unknown().optional(),
  function_call: z.unknown().optional(),
});
/** A parsed `POST /v1/chat/completions` body. */
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/** Parameters accepted for the record: they are stored with the request but do not change the answer. */
export const recordedChatParameters = ['user', 'safety_identifier', 'prompt_cache_key', 'metadata', 'store', 'service_tier'] as const;

/** Parameters refused with a 400 when set (OpenAI knows them; Tandem cannot honour them), and why. */
export const refusedChatParameters: Record<string, string> = {
  logprobs: 'token log probabilities are not available through the Tandem gateway',
  top_logprobs: 'token log probabilities are not available through the Tandem gateway',
  logit_bias: 'logit bias is not available through the Tandem gateway',
  audio: 'audio output is not available through the Tandem gateway',
  modalities: 'only text output is available through the Tandem gateway',
  prediction: 'predicted outputs are not available through the Tandem gateway',
  reasoning_effort: 'reasoning effort is not passed on by the Tandem gateway',
  verbosity: 'verbosity is not passed on by the Tandem gateway',
  web_search_options: 'web search is not available through the Tandem gateway',
  functions: 'the deprecated "functions" parameter is not supported: send "tools"',
  function_call: 'the deprecated "function_call" parameter is not supported: send "tool_choice"',
  n: 'only one choice per request (n = 1) is supported',
};

/** The parameters a `pipeline:<id>` model honours; any other answer-changing parameter is refused for it. */
export const pipelineChatParameters = ['model', 'messages', 'stream', 'stream_options', ...recordedChatParameters] as const;
