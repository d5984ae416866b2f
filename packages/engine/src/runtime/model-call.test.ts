import { describe, expect, it } from 'vitest';
import type { RunEventType } from '@tandem/shared';
import { createFakeModels } from '../testing/fake-models.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import { callModel, deltaIntervalMs } from './model-call.ts';

/** A clock that moves 20 ms every time it is read: one streamed token per tick. */
function tickingClock(): Clock {
  let now = 0;
  return { now: () => (now += 20), sleep: systemClock.sleep };
}

describe('callModel', () => {
  it('coalesces streamed tokens into a few step.delta events, not one per token', async () => {
    const answer = Array.from({ length: 100 }, (_, index) => `w${index} `).join('');
    const { resolver } = createFakeModels({ long: () => answer });
    const events: { type: RunEventType; data: Record<string, unknown> }[] = [];
    const result = await callModel(
      { role: 'main', model: 'fake:long', prompt: 'go' },
      { models: resolver, clock: tickingClock(), signal: new AbortController().signal, emit: (type, data) => events.push({ type, data }) },
    );
    const deltas = events.filter((event) => event.type === 'step.delta');
    // 100 tokens over 100 ticks of 20 ms = 2 s of streaming: one delta per interval.
    expect(deltas.length).toBe((100 * 20) / deltaIntervalMs);
    expect(answer.startsWith(deltas.map((event) => event.data.text).join(''))).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'llm.call', data: { output: answer, role: 'main' } });
    expect(result.text).toBe(answer);
  });
});
