import type { Context } from 'hono';
import type { z } from 'zod';
import { StudioError } from '@tandem/shared';
import { describePath, findTooDeep, maxJsonDepth } from './json-depth.ts';
import { isJsonMediaType } from './media-type.ts';

/**
 * Reads a JSON body. A content type that is not JSON is a 415, malformed JSON a 400, a body nested
 * deeper than {@link maxJsonDepth} a 400 naming the path; each before anything recursive runs.
 */
export async function readJson(c: Context): Promise<unknown> {
  if (!isJsonMediaType(c.req.header('content-type'))) {
    throw new StudioError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json', { details: { field: 'content-type' } });
  }
  let text: string;
  try {
    text = await c.req.text();
  } catch (error) {
    if (StudioError.is(error)) throw error;
    throw new StudioError('VALIDATION_FAILED', `The body could not be read: ${(error as Error).message}`, { details: { field: 'body' } });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StudioError('VALIDATION_FAILED', `The body is not valid JSON: ${(error as Error).message}`, { details: { field: 'body' } });
  }
  const tooDeep = findTooDeep(value);
  if (tooDeep) {
    const field = describePath(tooDeep);
    throw new StudioError('VALIDATION_FAILED', `${field}: nested deeper than ${maxJsonDepth} levels`, {
      details: { field: tooDeep.slice(0, maxJsonDepth).join('.'), maxDepth: maxJsonDepth },
    });
  }
  return value;
}

/** Reads and validates a JSON body; errors name each bad field. */
export async function parseBody<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.output<Schema>> {
  const parsed = schema.safeParse(await readJson(c));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || 'body';
    return { code: 'VALIDATION_FAILED', field, message: `${field}: ${issue.message}` };
  });
  throw new StudioError('VALIDATION_FAILED', problems.map((problem) => problem.message).join('; '), { details: { problems } });
}
