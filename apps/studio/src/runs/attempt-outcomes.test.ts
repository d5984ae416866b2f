import { describe, expect, it } from 'vitest';
import { foldRunState } from '@tandem/engine';
import type { RunEvent, RunEventData, RunEventType } from '@tandem/shared';
import { testEvent } from '@tandem/shared/testing';
import { attemptOutcomes, currentFallbackModel } from './attempt-outcomes.ts';

let seq = 0;
const event = <Type extends RunEventType>(type: Type, attempt: number, data: Partial<RunEventData<Type>> = {}): RunEvent =>
  testEvent(type, data, { runId: 'r', seq: ++seq, ts: seq, nodeId: 'extract', attempt });

/** The trace a validator with maxRetries 1 and a fallback model leaves on its target. */
function validatedStep() {
  seq = 0;
  const reason = 'jsonSchema: the value is not valid JSON';
  return foldRunState([
    testEvent('run.started', {}, { runId: 'r', seq: ++seq, ts: 0 }),
    event('step.started', 1, { kind: 'llm' }),
    event('llm.call', 1, { role: 'main', model: 'sim:extractor?invalidRate=1' }),
    event('step.completed', 1, { output: { text: '{"a' } }),
    event('step.retrying', 1, { reason, delayMs: 200, attempt: 2, validator: 'check' }),
    event('step.started', 2, { kind: 'llm', feedback: reason }),
    event('step.retrying', 2, { reason: '503', delayMs: 100, model: 'sim:extractor?invalidRate=1', fallback: false }),
    event('llm.call', 2, { role: 'main', model: 'sim:extractor?invalidRate=1' }),
    event('step.completed', 2, { output: { text: '{"b' } }),
    event('step.retrying', 2, { reason, delayMs: 0, attempt: 3, model: 'sim:careful', fallback: true, validator: 'check' }),
    event('step.started', 3, { kind: 'llm', feedback: reason, model: 'sim:careful' }),
    event('llm.call', 3, { role: 'main', model: 'sim:careful' }),
    event('step.completed', 3, { output: { text: '{}' } }),
  ]).steps.extract!;
}

describe('attemptOutcomes', () => {
  it('marks rejected attempts, the fallback attempt and provider retries inside an attempt', () => {
    const [first, second, third] = attemptOutcomes(validatedStep());
    expect(first).toMatchObject({ attempt: 1, status: 'succeeded', model: 'sim:extractor?invalidRate=1', rejection: { validator: 'check', delayMs: 200 } });
    expect(first!.rejection!.nextModel).toBeUndefined();
    expect(second).toMatchObject({ attempt: 2, rejection: { validator: 'check', nextModel: 'sim:careful' } });
    expect(second!.retries).toHaveLength(1);
    expect(second!.fallbackModel).toBeUndefined();
    expect(third).toMatchObject({ attempt: 3, model: 'sim:careful', fallbackModel: 'sim:careful', retries: [] });
    expect(third!.rejection).toBeUndefined();
  });

  it('names the fallback model the latest attempt runs on', () => {
    expect(currentFallbackModel(validatedStep())).toBe('sim:careful');
  });
});
