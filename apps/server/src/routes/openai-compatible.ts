import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { StudioError, toStudioError, type ChatCompletionRequest } from '@tandem/shared';
import type { ServerContext } from '../context.ts';
import { pipelineHostOf, type GatewayRoutesContext } from '../gateway/gateway-routes-context.ts';
import { apiJsonText } from '../middleware/api-headers.ts';
import { parseJsonText, readJsonText, refuseTooDeep } from '../middleware/parse-body.ts';
import { lastUserText, readChatRequest, refuseUnhonoured, toCallOptions } from '../gateway/chat-request.ts';
import { commonChatRequest } from '../gateway/common-chat-request.ts';
import { chatCompletionJson, chunkJson, openAIErrorResponse, type CompletionIdentity } from '../gateway/chat-response.ts';
import { collectCompletion, type CompletionPart } from '../gateway/completion-parts.ts';
import { openModelCompletion, type ModelCompletion } from '../gateway/model-completion.ts';
import { openPipelineCompletion, promptInputName } from '../gateway/pipeline-completion.ts';
import type { GatewayRequestRecord } from '../gateway/request-recorder.ts';
import { listGatewayModels } from '../gateway/list-gateway-models.ts';

/** Options of {@link openAICompatibleRoutes}. */
export interface OpenAICompatibleOptions {
  /** How often a stream with nothing to send writes an SSE comment, so proxies keep it open (default 15 s). */
  keepAliveMs?: number;
}

function setHeaders(c: Context, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
}

function answerError(c: Context, error: unknown) {
  const { status, body, retryAfterSeconds } = openAIErrorResponse(error);
  if (retryAfterSeconds !== undefined) c.header('retry-after', String(retryAfterSeconds));
  return c.json(body, status);
}

/**
 * The OpenAI-compatible API: `/v1/chat/completions` (stream and not), `/v1/models[/:id]`, and
 * OpenAI-shaped 404s for every other `/v1` path. Model `pipeline:<id>` runs a pipeline and streams
 * its answering step; `provider:model` and `pool:<name>` call models through the gateway (limits,
 * caches, pools). Keys are checked by the access control in front of every route. A cluster web node
 * serves the same routes over its Postgres gateway store, without pipelines as models.
 */
export function openAICompatibleRoutes(context: ServerContext | GatewayRoutesContext, options: OpenAICompatibleOptions = {}) {
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const { gateway } = context;
  const pipelines = pipelineHostOf(context);
  const app = new Hono();

  app.get('/v1/models', (c) => c.json({ object: 'list', data: listGatewayModels(context, pipelines) }));
  app.get('/v1/models/:id{.+}', (c) => {
    const id = c.req.param('id');
    const model = listGatewayModels(context, pipelines).find((entry) => entry.id === id);
    if (model) return c.json(model);
    return answerError(c, new StudioError('MODEL_UNKNOWN', `The model '${id}' does not exist`, { details: { param: 'model' } }));
  });

  app.post('/v1/chat/completions', async (c) => {
    const principal = c.get('principal');
    const record: GatewayRequestRecord = { at: Date.now(), startedMs: performance.now(), route: 'chat.completions', principal, model: '', status: 200 };
    // Tandem's own headers of this answer (a run id, a cache hit), whichever way it is sent.
    const answerHeaders: Record<string, string> = {};
    let request: ChatCompletionRequest;
    let completion: ModelCompletion;
    try {
      const body = parseJsonText(await readJsonText(c));
      // The common shape needs no schema; any other body gets the depth check and the schema's named errors.
      request = commonChatRequest(body) ?? readChatRequest(refuseTooDeep(body));
      record.model = request.model;
      const pipelineId = request.model.startsWith('pipeline:') ? request.model.slice('pipeline:'.length) : undefined;
      refuseUnhonoured(request, pipelineId !== undefined);
      await gateway.admit(principal, request.model);
      if (pipelineId !== undefined) {
        record.pipelineId = pipelineId;
        if (!pipelines) throw new StudioError('MODEL_UNKNOWN', `The model '${request.model}' is not served here: pipelines answer as models on a single Tandem server, not yet on a cluster's web nodes`, { details: { param: 'model' } });
        const view = pipelines.pipelines.find(pipelineId);
        if (!view) throw new StudioError('MODEL_UNKNOWN', `The model '${request.model}' does not exist`, { details: { param: 'model' } });
        const inputs: Record<string, unknown> = { [promptInputName(view.document)]: lastUserText(request.messages) };
        if ((view.document.inputs.properties as Record<string, unknown> | undefined)?.messages) inputs.messages = request.messages;
        const run = openPipelineCompletion(pipelines, pipelineId, inputs);
        record.runId = run.runId;
        answerHeaders['x-tandem-run-id'] = run.runId;
        completion = { parts: run.parts, cancel: run.cancel };
      } else {
        completion = await openModelCompletion(context, request.model, toCallOptions(request), principal, c.req.header('x-tandem-cache'), request.stream === true);
        if (completion.cache) {
          answerHeaders['x-tandem-cache'] = completion.cache.kind;
          if (completion.cache.similarity !== undefined) answerHeaders['x-tandem-cache-similarity'] = completion.cache.similarity.toFixed(4);
          record.cache = completion.cache.kind;
        }
      }
    } catch (error) {
      setHeaders(c, answerHeaders);
      const answer = answerError(c, error);
      gateway.record({ ...record, status: answer.status, errorCode: toStudioError(error).code });
      return answer;
    }

    const identity: CompletionIdentity = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(record.at / 1000), model: request.model };
    const keep = noteParts(record, request.parallel_tool_calls === false, request.stream === true);
    if (!request.stream) {
      try {
        const json = chatCompletionJson(identity, await collectCompletion(completion.parts, keep));
        gateway.record(record);
        return apiJsonText(json, answerHeaders);
      } catch (error) {
        setHeaders(c, answerHeaders);
        const answer = answerError(c, error);
        gateway.record({ ...record, status: answer.status, errorCode: toStudioError(error).code });
        return answer;
      }
    }

    const includeUsage = request.stream_options?.include_usage === true;
    setHeaders(c, answerHeaders);
    return streamSSE(c, async (stream) => {
      let finished = false;
      stream.onAbort(() => {
        if (!finished) {
          completion.cancel?.();
          gateway.record({ ...record, status: 499, errorCode: 'RUN_ABORTED' });
        }
      });
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), keepAliveMs);
      try {
        await stream.writeSSE({ data: chunkJson(identity, { type: 'role' }) });
        for await (const part of completion.parts) {
          if (!keep(part)) continue;
          await stream.writeSSE({ data: chunkJson(identity, part) });
          if (part.type === 'finish' && includeUsage) await stream.writeSSE({ data: chunkJson(identity, { type: 'usage', usage: part.usage }) });
        }
        finished = true;
        gateway.record(record);
      } catch (error) {
        finished = true;
        // A failure after the headers ends the stream with an error event (OpenAI's shape), never a truncated "stop".
        const { status, body } = openAIErrorResponse(error);
        gateway.record({ ...record, status, errorCode: toStudioError(error).code });
        if (!stream.aborted) await stream.writeSSE({ data: JSON.stringify(body) });
      } finally {
        clearInterval(keepAlive);
      }
      if (!stream.aborted) await stream.writeSSE({ data: '[DONE]' });
    });
  });

  app.all('/v1/*', (c) => answerError(c, new StudioError('NOT_FOUND', `Invalid URL (${c.req.method} ${c.req.path})`)));
  return app;
}

/**
 * Notes time to first token (of a streamed answer: a whole answer has none) and usage for the request
 * log as parts pass; answers whether a part is passed on (`singleToolCall` keeps only the first tool call).
 */
function noteParts(record: GatewayRequestRecord, singleToolCall: boolean, streamed: boolean): (part: CompletionPart) => boolean {
  return (part) => {
    if (streamed && record.firstTokenMs === undefined && part.type !== 'finish') record.firstTokenMs = performance.now() - record.startedMs;
    if (singleToolCall && (part.type === 'tool-call-start' || part.type === 'tool-call-arguments') && part.index > 0) return false;
    if (part.type === 'finish') {
      record.inputTokens = part.usage.prompt_tokens;
      record.outputTokens = part.usage.completion_tokens;
      record.finishReason = part.finishReason;
    }
    return true;
  };
}
