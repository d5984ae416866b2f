import { describe, expect, it } from 'vitest';
import { foldRunState } from '@tandem/engine';
import type { RunEvent } from '@tandem/shared';
import { currentCallStreams, withCurrentCalls } from './call-streams.ts';

let seq = 0;
const event = (type: RunEvent['type'], data: Record<string, unknown> = {}, nodeId = 'answer'): RunEvent => ({ runId: 'r', seq: ++seq, ts: seq, type, nodeId, attempt: 1, data });

describe('currentCallStreams', () => {
  it('keeps only the model call in progress, with its role', () => {
    seq = 0;
    const events = [
      { runId: 'r', seq: ++seq, ts: 0, type: 'run.started', data: {} } as RunEvent,
      event('step.started'),
      event('step.delta', { role: 'primary', text: 'The draft' }),
      event('step.delta', { role: 'primary', text: ' answer.' }),
      event('llm.call', { role: 'primary', output: 'The draft answer.' }),
      event('step.delta', { role: 'secondary', text: '1. Add an' }),
      event('step.delta', { role: 'secondary', text: ' example.' }),
    ];
    expect(currentCallStreams(events).get('answer')).toEqual({ role: 'secondary', text: '1. Add an example.' });
    const steps = withCurrentCalls(foldRunState(events).steps, events);
    expect(steps.answer).toMatchObject({ streamingText: '1. Add an example.', streamingRole: 'secondary' });
  });

  it('keeps parallel calls apart, shows the oldest until it ends, and forgets finished steps', () => {
    seq = 0;
    const events = [
      event('step.started'),
      event('step.delta', { role: 'A', text: 'A1' }),
      event('step.delta', { role: 'B', text: 'B1' }),
      event('step.delta', { role: 'A', text: ' A2' }),
    ];
    expect(currentCallStreams(events).get('answer')).toEqual({ role: 'A', text: 'A1 A2' });
    events.push(event('llm.call', { role: 'A' }), event('step.delta', { role: 'B', text: ' B2' }));
    expect(currentCallStreams(events).get('answer')).toEqual({ role: 'B', text: 'B1 B2' });
    expect(currentCallStreams([...events, event('step.completed', { output: {} })]).has('answer')).toBe(false);
  });
});
