import type { RunEvent, RunEventData, RunEventEnvelope, RunEventType } from '../events.ts';

/** The smallest valid `data` of each event type, for tests that care about a few fields only. */
export const minimalEventData: { [Type in RunEventType]: RunEventData<Type> } = {
  'run.started': { pipelineId: 'sample', inputs: {} },
  'run.resumed': { fromSeq: 0 },
  'run.waiting': { nodes: [] },
  'run.completed': { outputs: {} },
  'run.failed': { error: { code: 'NODE_RUN_FAILED', message: 'failed' } },
  'run.cancelled': {},
  'step.started': { kind: 'llm' },
  'step.delta': { text: '' },
  'step.completed': { output: null, durationMs: 0 },
  'step.failed': { error: { code: 'NODE_RUN_FAILED', message: 'failed' }, durationMs: 0 },
  'step.retrying': { reason: 'retry', delayMs: 0 },
  'step.skipped': { reason: 'branch not taken' },
  'validate.result': { attempt: 1, valid: true, value: null, results: [] },
  'critique.round': { round: 1, draft: '', guidance: '' },
  'variant.assigned': { variant: 'a', mode: 'split' },
  'user.waiting': { title: 'Approve?', value: null },
  'user.submitted': { decision: 'approved', value: null },
  'llm.call': { role: 'main', model: 'sim:writer', prompt: '', output: '', usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: 0, costUsd: 0, cached: false },
};

/**
 * A run event for tests: `data` is the type's minimal data with `data` laid over it.
 * @example
 * testEvent('step.completed', { output: { text: 'hi' } }, { runId: 'r', seq: 3, nodeId: 'llm' })
 */
export function testEvent<Type extends RunEventType>(type: Type, data: Partial<RunEventData<Type>> = {}, envelope: Partial<RunEventEnvelope> = {}): RunEvent {
  return { runId: 'run', seq: 1, ts: 1_000, ...envelope, type, data: { ...(minimalEventData[type] as object), ...data } } as RunEvent;
}
