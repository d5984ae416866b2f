import { z } from 'zod';
import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { StudioError, type PipelineDocument } from '@tandem/shared';
import { classifyProviderError } from '@tandem/engine';
import type { ServerContext } from '../context.ts';
import { runToCompletion, type ChatUsage } from './run-to-completion.ts';

/** `POST /v1/chat/completions` body (the subset Tandem honours). */
export const chatCompletionBodySchema = z.object({
  model: z.string().min(1),
  messages: z
    .array(z.object({ role: z.enum(['system', 'user', 'assistant', 'tool', 'developer']), content: z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }))]).nullable() }))
    .min(1, 'must hold at least one message'),
  stream: z.boolean().optional(),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  temperature: z.number().min(0).max(2).optional(),
});
export type ChatCompletionBody = z.infer<typeof chatCompletionBodySchema>;

const textOf = (content: ChatCompletionBody['messages'][number]['content']) =>
  typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');

/** A stream of text pieces plus, at the end, the usage and the run that produced them. */
export interface CompletionSource {
  model: string;
  runId?: string;
  pieces: AsyncIterable<string>;
  usage(): ChatUsage;
}

/** Picks the input a chat message fills: `prompt`, else the first required string input, else the first string input. */
function promptInputName(document: PipelineDocument): string {
  const properties = (document.inputs.properties ?? {}) as Record<string, { type?: string }>;
  const required = (document.inputs.required ?? []) as string[];
  if (properties.prompt) return 'prompt';
  return required.find((name) => properties[name]?.type === 'string') ?? Object.keys(properties).find((name) => properties[name]?.type === 'string') ?? 'prompt';
}

/** Serves pipelines (`pipeline:<id>`) and provider models (`provider:model`) in the OpenAI chat format. */
export function createOpenAIGateway(context: ServerContext) {
  async function runPipeline(pipelineId: string, body: ChatCompletionBody): Promise<CompletionSource> {
    const view = context.pipelines.find(pipelineId);
    if (!view) throw new StudioError('MODEL_UNKNOWN', `No pipeline "${pipelineId}" (model "pipeline:${pipelineId}")`, { details: { param: 'model' } });
    const lastUser = [...body.messages].reverse().find((message) => message.role === 'user');
    const inputs: Record<string, unknown> = { [promptInputName(view.document)]: textOf(lastUser?.content ?? '') };
    if ((view.document.inputs.properties as Record<string, unknown> | undefined)?.messages) inputs.messages = body.messages;
    const { runId, outputs, usage } = await runToCompletion(context, { pipelineId, inputs });
    const values = Object.values(outputs);
    const text = values.length === 1 && typeof values[0] === 'string' ? values[0] : JSON.stringify(values.length === 1 ? values[0] : outputs);
    return { model: `pipeline:${pipelineId}`, runId, pieces: (async function* () { yield text; })(), usage: () => usage };
  }

  async function callModel(modelId: string, body: ChatCompletionBody, signal: AbortSignal): Promise<CompletionSource> {
    const model = context.models.languageModel(modelId);
    const system = body.messages.filter((message) => message.role === 'system' || message.role === 'developer').map((message) => textOf(message.content)).join('\n');
    const prompt = [
      ...(system ? [{ role: 'system' as const, content: system }] : []),
      ...body.messages
        .filter((message) => message.role === 'user' || message.role === 'assistant')
        .map((message) => ({ role: message.role as 'user' | 'assistant', content: [{ type: 'text' as const, text: textOf(message.content) }] })),
    ];
    const maxTokens = body.max_completion_tokens ?? body.max_tokens;
    // Upstream failures go through the engine's classifier, so a 429 answers 429 (with its Retry-After), a 5xx 503.
    const classify = (error: unknown) => classifyProviderError(error, { model: modelId });
    let stream: ReadableStream<LanguageModelV3StreamPart>;
    try {
      ({ stream } = await model.doStream({
        prompt,
        ...(maxTokens ? { maxOutputTokens: maxTokens } : {}),
        ...(body.temperature !== undefined ? { temperature: body.temperature } : {}),
        abortSignal: signal,
      }));
    } catch (error) {
      throw classify(error);
    }
    let usage: ChatUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
    async function* pieces() {
      const reader = stream.getReader();
      for (;;) {
        const next = await reader.read().catch((error: unknown) => {
          throw classify(error);
        });
        if (next.done) return;
        const part = next.value;
        if (part.type === 'text-delta') yield part.delta;
        else if (part.type === 'error') throw classify(part.error);
        else if (part.type === 'finish') {
          const prompt = part.usage.inputTokens.total ?? 0;
          const completion = part.usage.outputTokens.total ?? 0;
          usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
        }
      }
    }
    return { model: modelId, pieces: pieces(), usage: () => usage };
  }

  return {
    /** Starts a completion: a pipeline run or a direct model call. */
    open(body: ChatCompletionBody, signal: AbortSignal): Promise<CompletionSource> {
      return body.model.startsWith('pipeline:') ? runPipeline(body.model.slice('pipeline:'.length), body) : callModel(body.model, body, signal);
    },
    /** `GET /v1/models`: every pipeline, then every provider model. */
    listModels() {
      const created = Math.floor(Date.now() / 1000);
      return [
        ...context.repositories.pipelines.list().map((pipeline) => ({ id: `pipeline:${pipeline.id}`, object: 'model', created, owned_by: 'tandem-pipeline' })),
        ...context.models.listModels().map((model) => ({ id: model.id, object: 'model', created, owned_by: model.provider })),
      ];
    },
  };
}
