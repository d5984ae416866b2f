import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { StudioError, toStudioError } from '@tandem/shared';
import type { ServerContext } from '../context.ts';
import { statusByCode } from '../middleware/error-handler.ts';
import { openAIErrorBody } from '../middleware/openai-error.ts';
import { readJson } from '../middleware/parse-body.ts';
import { chatCompletionBodySchema, createOpenAIGateway } from '../services/openai-gateway.ts';

/** An error in OpenAI's shape, so OpenAI clients show it properly. */
function openAIError(c: Context, error: unknown) {
  const studioError = toStudioError(error);
  const status = statusByCode[studioError.code] ?? 500;
  // Pass on how long an upstream provider asked to wait.
  const retryAfterMs = (studioError.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  if (typeof retryAfterMs === 'number') c.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
  return c.json(openAIErrorBody(studioError, status), status);
}

/**
 * `/v1/chat/completions` (stream and not) and `/v1/models`; model `pipeline:<id>` runs a pipeline.
 * Keys are checked by the access control in front of every route (`v1` scope, TANDEM_API_KEYS).
 */
export function openAICompatibleRoutes(context: ServerContext) {
  const gateway = createOpenAIGateway(context);
  const app = new Hono();
  app.get('/v1/models', (c) => c.json({ object: 'list', data: gateway.listModels() }));
  app.post('/v1/chat/completions', async (c) => {
    try {
      const parsed = chatCompletionBodySchema.safeParse(await readJson(c));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.join('.') || 'body';
        throw new StudioError('VALIDATION_FAILED', `${field}: ${issue.message}`, { details: { param: field } });
      }
      const body = parsed.data;
      const id = `chatcmpl-${randomUUID()}`;
      const created = Math.floor(Date.now() / 1000);
      const controller = new AbortController();
      const source = await gateway.open(body, controller.signal);
      if (source.runId) c.header('x-tandem-run-id', source.runId);
      const chunk = (delta: Record<string, unknown>, finishReason: string | null) => ({ id, object: 'chat.completion.chunk', created, model: source.model, choices: [{ index: 0, delta, finish_reason: finishReason }] });
      if (!body.stream) {
        let text = '';
        for await (const piece of source.pieces) text += piece;
        return c.json({
          id,
          object: 'chat.completion',
          created,
          model: source.model,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
          usage: source.usage(),
        });
      }
      return streamSSE(c, async (stream) => {
        stream.onAbort(() => controller.abort());
        await stream.writeSSE({ data: JSON.stringify(chunk({ role: 'assistant', content: '' }, null)) });
        try {
          for await (const piece of source.pieces) await stream.writeSSE({ data: JSON.stringify(chunk({ content: piece }, null)) });
          await stream.writeSSE({ data: JSON.stringify({ ...chunk({}, 'stop'), usage: source.usage() }) });
        } catch (error) {
          // A failure mid-stream ends with an explicit error event, never an empty successful stream.
          const studioError = toStudioError(error);
          await stream.writeSSE({ data: JSON.stringify({ error: { message: studioError.message, type: 'api_error', code: studioError.code } }) });
        }
        await stream.writeSSE({ data: '[DONE]' });
      });
    } catch (error) {
      return openAIError(c, error);
    }
  });
  app.all('/v1/*', (c) => openAIError(c, new StudioError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}`)));
  return app;
}
