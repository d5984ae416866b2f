import { StudioError, errorCodes, type ErrorCode, type PipelineDocument, type RunEvent } from '@tandem/shared';
import { applyRunEvent, callsOf, emptyRunState, type RunState } from '@tandem/engine';
import type { PipelineHost } from './gateway-routes-context.ts';
import type { ChatFinishReason, CompletionPart } from './completion-parts.ts';
import { toChatFinishReason } from './completion-parts.ts';

/** Picks the input a chat message fills: `prompt`, else the first required string input, else the first string input. */
export function promptInputName(document: PipelineDocument): string {
  const properties = (document.inputs.properties ?? {}) as Record<string, { type?: string }>;
  const required = (document.inputs.required ?? []) as string[];
  if (properties.prompt) return 'prompt';
  return required.find((name) => properties[name]?.type === 'string') ?? Object.keys(properties).find((name) => properties[name]?.type === 'string') ?? 'prompt';
}

const singleTextReference = /^\{\{\s*([A-Za-z0-9_-]+)\.text\s*\}\}$/;

/**
 * The step whose tokens are the answer: when the pipeline's one output node is `{{X.text}}` and X
 * is an `llm` node, X's streamed tokens are the output as it is produced. Otherwise the answer is
 * known only at the end (a critique's drafts, a template around several steps).
 */
export function streamedStepOf(document: PipelineDocument): { outputId: string; stepId: string } | undefined {
  const outputs = document.nodes.filter((node) => node.kind === 'output');
  if (outputs.length !== 1) return undefined;
  const value = (outputs[0]!.config as { value?: unknown } | undefined)?.value;
  const match = typeof value === 'string' ? singleTextReference.exec(value.trim()) : null;
  const step = match ? document.nodes.find((node) => node.id === match[1]) : undefined;
  return step?.kind === 'llm' ? { outputId: outputs[0]!.id, stepId: step.id } : undefined;
}

const knownCodes = new Set<string>(errorCodes);

/** The answer of a finished run: one output as text, several as JSON. */
function answerOf(outputs: Record<string, unknown>, outputId: string | undefined): string {
  const values = outputId ? [outputs[outputId]] : Object.values(outputs);
  const value = values.length === 1 ? values[0] : outputs;
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** Usage of every model call of the run, in OpenAI's names. */
function usageOf(state: RunState) {
  let prompt = 0;
  let completion = 0;
  for (const { usage } of callsOf(state)) {
    prompt += usage.inputTokens;
    completion += usage.outputTokens;
  }
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** A pipeline run answering a chat completion: its id, its parts as they are committed, and how to stop it. */
export interface PipelineCompletion {
  runId: string;
  parts: AsyncIterable<CompletionPart>;
  /** Cancels the run (the client went away); does nothing once it ended. */
  cancel(): void;
}

/**
 * Starts an ordinary stored run of `pipelineId` and reads its committed events from the event hub
 * (one fold over them): the answering step's tokens as they are produced, then the rest of the
 * output and the run's usage. A step retried after its first tokens were sent ends the answer
 * with an error, never with two attempts joined.
 */
export function openPipelineCompletion(context: PipelineHost, pipelineId: string, inputs: Record<string, unknown>): PipelineCompletion {
  const view = context.pipelines.find(pipelineId);
  if (!view) throw new StudioError('MODEL_UNKNOWN', `The model 'pipeline:${pipelineId}' does not exist`, { details: { param: 'model' } });
  const streamed = streamedStepOf(view.document);
  const run = context.runs.start({ pipelineId, inputs });
  const queue: RunEvent[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = context.hub.subscribe(run.id, (events) => {
    for (const { event } of events) queue.push(event);
    wake?.();
  });

  async function* parts(): AsyncGenerator<CompletionPart> {
    let state: RunState = emptyRunState();
    let sent = '';
    let streamedAttempt: number | undefined;
    try {
      for (;;) {
        if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        for (const event of queue.splice(0)) {
          state = applyRunEvent(state, event);
          if (streamed && event.nodeId === streamed.stepId) {
            if (event.type === 'step.started' && sent !== '' && event.attempt !== streamedAttempt) {
              throw new StudioError('PROVIDER_ERROR', `Step "${streamed.stepId}" was tried again after its first tokens were sent; run ${run.id} has the whole trace`, { details: { runId: run.id } });
            }
            if (event.type === 'step.delta' && (event.data.role ?? 'main') === 'main') {
              streamedAttempt ??= event.attempt;
              sent += event.data.text;
              yield { type: 'text', text: event.data.text };
            }
          }
          if (event.type === 'run.completed') {
            const answer = answerOf(event.data.outputs, streamed?.outputId);
            if (!answer.startsWith(sent)) throw new StudioError('PROVIDER_ERROR', `The output of run ${run.id} differs from the tokens streamed`, { details: { runId: run.id } });
            if (answer.length > sent.length) yield { type: 'text', text: answer.slice(sent.length) };
            const lastCall = streamed ? state.steps[streamed.stepId]?.calls.at(-1) : undefined;
            const raw = (lastCall as { finishReason?: string } | undefined)?.finishReason;
            const finishReason: ChatFinishReason = raw ? toChatFinishReason({ unified: raw as never, raw }) : 'stop';
            yield { type: 'finish', finishReason, usage: usageOf(state) };
            return;
          }
          if (event.type === 'run.failed') {
            const { code, message } = event.data.error;
            throw new StudioError(knownCodes.has(code) ? (code as ErrorCode) : 'PROVIDER_ERROR', `Run ${run.id} failed: ${message}`, { details: { runId: run.id } });
          }
          if (event.type === 'run.cancelled') throw new StudioError('RUN_ABORTED', `Run ${run.id} was cancelled`, { details: { runId: run.id } });
          if (event.type === 'run.waiting') {
            throw new StudioError('CONFLICT', `Run ${run.id} waits for a person (a user step): answer it in the studio's inbox`, { details: { runId: run.id } });
          }
        }
      }
    } finally {
      unsubscribe();
    }
  }

  return {
    runId: run.id,
    parts: parts(),
    cancel() {
      void context.runs.cancel(run.id).catch(() => undefined);
    },
  };
}
