import type { Context } from 'hono';
import type { z } from 'zod';
import { StudioError } from '@tandem/shared';
import { describePath, findTooDeep, maxJsonDepth } from './json-depth.ts';
import { isJsonMediaType } from './media-type.ts';

/** A body's text, refused with a 415 unless its content type is JSON. */
export async function readJsonText(c: Context): Promise<string> {
  if (!isJsonMediaType(c.req.header('content-type'))) {
    throw new StudioError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json', { details: { field: 'content-type' } });
  }
  try {
    return await c.req.text();
  } catch (error) {
    if (StudioError.is(error)) throw error;
    throw new StudioError('VALIDATION_FAILED', `The body could not be read: ${(error as Error).message}`, { details: { field: 'body' } });
  }
}

/** Parses JSON text; malformed JSON is a 400. The value is not yet checked for depth ({@link refuseTooDeep}). */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StudioError('VALIDATION_FAILED', `The body is not valid JSON: ${(error as Error).message}`, { details: { field: 'body' } });
  }
}

/** The value itself, or a 400 naming the path when it nests deeper than {@link maxJsonDepth}. */
export function refuseTooDeep<T>(value: T): T {
  const tooDeep = findTooDeep(value);
  if (tooDeep) {
    const field = describePath(tooDeep);
    throw new StudioError('VALIDATION_FAILED', `${field}: nested deeper than ${maxJsonDepth} levels`, {
      details: { field: tooDeep.slice(0, maxJsonDepth).join('.'), maxDepth: maxJsonDepth },
    });
  }
  return value;
}

/**
 * Reads a JSON body. A content type that is not JSON is a 415, malformed JSON a 400, a body nested
 * deeper than {@link maxJsonDepth} a 400 naming the path; each before anything recursive runs.
 */
export async function readJson(c: Context): Promise<unknown> {
  return refuseTooDeep(parseJsonText(await readJsonText(c)));
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
