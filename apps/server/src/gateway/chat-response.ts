import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { toStudioError, type StudioError } from '@tandem/shared';
import { statusByCode } from '../middleware/error-handler.ts';
import { openAIErrorBody } from '../middleware/openai-error.ts';
import type { ChatUsage, CollectedCompletion, CompletionPart } from './completion-parts.ts';

/** The identity every chunk and answer of one completion repeats. */
export interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

/**
 * The non-streaming answer's JSON, as OpenAI writes it (`chat.completion`), written as text around
 * the values that vary: the gateway's busiest answer is built without an object tree to serialise.
 */
export function chatCompletionJson(identity: CompletionIdentity, completion: CollectedCompletion): string {
  const { text, toolCalls } = completion;
  const content = text === '' && toolCalls.length > 0 ? 'null' : JSON.stringify(text);
  const calls = toolCalls.length > 0 ? `,"tool_calls":${JSON.stringify(toolCalls)}` : '';
  return (
    `{"id":${JSON.stringify(identity.id)},"object":"chat.completion","created":${identity.created},"model":${JSON.stringify(identity.model)},` +
    `"choices":[{"index":0,"message":{"role":"assistant","content":${content},"refusal":null${calls}},"logprobs":null,"finish_reason":${JSON.stringify(completion.finishReason)}}],` +
    `"usage":${JSON.stringify(completion.usage)}}`
  );
}

/** One streamed chunk's JSON (`chat.completion.chunk`) for a completion part; `usage` chunks have no choices. */
export function chunkJson(identity: CompletionIdentity, part: CompletionPart | { type: 'role' } | { type: 'usage'; usage: ChatUsage }): string {
  const head = `{"id":${JSON.stringify(identity.id)},"object":"chat.completion.chunk","created":${identity.created},"model":${JSON.stringify(identity.model)},`;
  const choice = (delta: unknown, finishReason: string | null) => `${head}"choices":[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}}]}`;
  switch (part.type) {
    case 'role':
      return choice({ role: 'assistant', content: '' }, null);
    case 'text':
      return choice({ content: part.text }, null);
    case 'tool-call-start':
      return choice({ tool_calls: [{ index: part.index, id: part.id, type: 'function', function: { name: part.name, arguments: '' } }] }, null);
    case 'tool-call-arguments':
      return choice({ tool_calls: [{ index: part.index, function: { arguments: part.arguments } }] }, null);
    case 'finish':
      return choice({}, part.finishReason);
    case 'usage':
      return `${head}"choices":[],"usage":${JSON.stringify(part.usage)}}`;
  }
}

/**
 * The status an upstream provider answered, as the client should see it: a refusal of the request
 * (400, 404, 409, 413, 422…) and 429 keep their status; a refusal of the gateway's own key (401,
 * 403) is the gateway's fault, 502; a 5xx is 502, 503 or 504.
 */
function upstreamStatus(error: StudioError): ContentfulStatusCode | undefined {
  if (!error.code.startsWith('PROVIDER_')) return undefined;
  const statusCode = (error.details as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof statusCode !== 'number') return undefined;
  if (statusCode === 401 || statusCode === 403) return 502;
  if (statusCode >= 400 && statusCode < 500) return statusCode as ContentfulStatusCode;
  if (statusCode === 503 || statusCode === 504) return statusCode;
  return 502;
}

/**
 * An error in OpenAI's shape and status: an unknown model is a 404 `model_not_found`, as OpenAI
 * answers; every other code has the status of the server's one table.
 */
export function openAIErrorResponse(error: unknown): { status: ContentfulStatusCode; body: ReturnType<typeof openAIErrorBody>; retryAfterSeconds?: number } {
  const studioError: StudioError = toStudioError(error);
  const unknownModel = studioError.code === 'MODEL_UNKNOWN' || studioError.code === 'PROVIDER_UNKNOWN';
  const status: ContentfulStatusCode = unknownModel ? 404 : (upstreamStatus(studioError) ?? statusByCode[studioError.code] ?? 500);
  const body = openAIErrorBody(studioError, status);
  if (unknownModel) Object.assign(body.error, { code: 'model_not_found', param: 'model' });
  const retryAfterMs = (studioError.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof retryAfterMs === 'number' && (status === 429 || status === 503) ? { status, body, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) } : { status, body };
}
