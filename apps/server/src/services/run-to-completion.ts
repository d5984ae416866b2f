import { StudioError } from '@tandem/shared';
import { callsOf, foldRunState, type RunState } from '@tandem/engine';
import type { ServerContext } from '../context.ts';

/** Token usage of a finished run, in the OpenAI field names both chat-shaped APIs answer with. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Adds the usage of every model call of a run. */
export function sumCallUsage(run: RunState): ChatUsage {
  let prompt = 0;
  let completion = 0;
  for (const { usage } of callsOf(run)) {
    prompt += usage.inputTokens;
    completion += usage.outputTokens;
  }
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * Starts an ordinary stored run and waits for it, for the APIs that answer in one response
 * (`/generate`, `/v1/chat/completions`). A run that does not complete is a provider-style error
 * naming the run, so the caller can open its trace in the studio.
 */
export async function runToCompletion(context: ServerContext, request: { pipelineId: string; version?: number; inputs: Record<string, unknown> }) {
  const run = await context.runs.accept(request);
  const outcome = await context.runs.waitForSettled(run.id);
  if (outcome.status !== 'completed') {
    const code = outcome.error?.code === 'PROVIDER_RATE_LIMITED' ? 'PROVIDER_RATE_LIMITED' : 'PROVIDER_ERROR';
    throw new StudioError(code, outcome.error?.message ?? `Run ${run.id} ended ${outcome.status}`, { details: { runId: run.id } });
  }
  const state = foldRunState(context.repositories.events.readEvents(run.id));
  return { runId: run.id, outputs: outcome.outputs, state, usage: sumCallUsage(state) };
}
