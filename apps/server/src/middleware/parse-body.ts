import type { Context } from 'hono';
import type { z } from 'zod';
import { StudioError } from '@tandem/shared';

/** Reads a JSON body; a non-JSON content type or malformed JSON is a 4xx naming the problem. */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) {
    throw new StudioError('VALIDATION_FAILED', 'Send the body as JSON with Content-Type: application/json', { details: { field: 'content-type' } });
  }
  try {
    return await c.req.json();
  } catch (error) {
    throw new StudioError('VALIDATION_FAILED', `The body is not valid JSON: ${(error as Error).message}`, { details: { field: 'body' } });
  }
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
