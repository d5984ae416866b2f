import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { StudioError } from '@tandem/shared';

/** The body of an error in OpenAI's shape, so OpenAI clients show it properly. */
export function openAIErrorBody(error: StudioError, status: ContentfulStatusCode) {
  const details = error.details as { param?: string; field?: string; problems?: { field: string }[] } | undefined;
  const param = details?.param ?? details?.field ?? details?.problems?.[0]?.field ?? null;
  const type =
    status === 401 ? 'authentication_error' : status === 403 ? 'permission_error' : status === 429 ? 'rate_limit_error' : status < 500 ? 'invalid_request_error' : 'api_error';
  return { error: { message: error.message, type, code: error.code, param } };
}

/** True for the OpenAI-compatible API, whose errors are answered in OpenAI's shape. */
export const isOpenAIPath = (path: string) => path === '/v1' || path.startsWith('/v1/');
