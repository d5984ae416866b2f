import { describe, expect, it } from 'vitest';
import { createEventHub } from './event-hub.ts';

const event = (runId: string) => ({ runId, seq: 1, ts: 0, type: 'run.started' as const, data: { pipelineId: 'p', inputs: {} } });

describe('event hub', () => {
  it('wakes only the subscribers of the run whose events were committed', () => {
    const hub = createEventHub();
    const woken: string[] = [];
    hub.subscribe('a', () => woken.push('a'));
    hub.subscribe('b', () => woken.push('b'));
    hub.publish([event('a')]);
    expect(woken).toEqual(['a']);
  });

  it('keeps a new subscriber when an old one unsubscribes twice', () => {
    const hub = createEventHub();
    const woken: string[] = [];
    const first = hub.subscribe('a', () => woken.push('first'));
    first();
    hub.subscribe('a', () => woken.push('second'));
    first();
    hub.publish([event('a')]);
    expect(woken).toEqual(['second']);
    expect(hub.size).toBe(1);
  });
});
