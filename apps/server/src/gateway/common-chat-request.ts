import type { ChatCompletionRequest } from '@tandem/shared';

const roles = new Set(['system', 'developer', 'user', 'assistant']);

const isNumberIn = (value: unknown, min: number, max: number) => typeof value === 'number' && value >= min && value <= max;
const isPositiveInteger = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;

/**
 * The checks of the parameters most requests carry, each as the request schema has it (null stands
 * for "not set" where the schema takes null). A key without a check here sends the body to the schema.
 */
const parameterChecks = new Map<string, (value: unknown) => boolean>(Object.entries({
  model: (value: unknown) => typeof value === 'string' && value.length > 0,
  messages: (value: unknown) => Array.isArray(value) && value.length > 0 && value.every(isCommonMessage),
  stream: (value: unknown) => value === null || typeof value === 'boolean',
  temperature: (value: unknown) => value === null || isNumberIn(value, 0, 2),
  top_p: (value: unknown) => value === null || isNumberIn(value, 0, 1),
  max_tokens: (value: unknown) => value === null || isPositiveInteger(value),
  max_completion_tokens: (value: unknown) => value === null || isPositiveInteger(value),
  seed: (value: unknown) => value === null || Number.isSafeInteger(value),
  user: (value: unknown) => typeof value === 'string' && value.length <= 256,
}));

/** A message of a role that takes text, with text content and nothing else (a `name` at most). */
function isCommonMessage(message: unknown): boolean {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return false;
  let keys = 0;
  for (const key in message) {
    keys++;
    if (key !== 'role' && key !== 'content' && key !== 'name') return false;
  }
  const { role, content, name } = message as Record<string, unknown>;
  return typeof role === 'string' && roles.has(role) && typeof content === 'string' && (name === undefined || typeof name === 'string') && keys === (name === undefined ? 2 : 3);
}

/**
 * The request itself when a parsed body has the common shape (a model, text messages and a few plain
 * parameters, all valid), else undefined. It accepts only bodies the request schema accepts unchanged
 * and nested three levels at most, so such a body needs neither the schema nor the depth check; any
 * other body — and every bad one — goes to the schema, which names what is wrong.
 */
export function commonChatRequest(body: unknown): ChatCompletionRequest | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const fields = body as Record<string, unknown>;
  if (!('model' in fields) || !('messages' in fields)) return undefined;
  for (const key in fields) {
    const check = parameterChecks.get(key);
    if (check === undefined || !check(fields[key])) return undefined;
  }
  return body as ChatCompletionRequest;
}
