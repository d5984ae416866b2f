import { describe, expect, it } from 'vitest';
import { foldRunState } from '@tandem/engine';
import type { RunEvent, RunEventData, RunEventType } from '@tandem/shared';
import { testEvent } from '@tandem/shared/testing';
import { axisTicks, buildTimelineRows } from './timeline-rows.ts';

let seq = 0;
const event = <Type extends RunEventType>(ts: number, type: Type, nodeId?: string, attempt?: number, data: Partial<RunEventData<Type>> = {}): RunEvent =>
  testEvent(type, data, { runId: 'r', seq: ++seq, ts, ...(nodeId ? { nodeId } : {}), ...(attempt ? { attempt } : {}) });

describe('buildTimelineRows', () => {
  it('makes one row per attempt with its model calls', () => {
    seq = 0;
    const events = [
      event(0, 'run.started'),
      event(10, 'step.started', 'input', 1),
      event(12, 'step.completed', 'input', 1, { output: {} }),
      event(20, 'step.started', 'answer', 1),
      event(500, 'llm.call', 'answer', 1, { role: 'main', latencyMs: 470, cached: false }),
      event(510, 'step.completed', 'answer', 1, { output: { text: 'a' } }),
      event(520, 'step.started', 'answer', 2, { feedback: 'too short' }),
      event(900, 'llm.call', 'answer', 2, { role: 'main', latencyMs: 370 }),
      event(905, 'step.completed', 'answer', 2, { output: { text: 'ab' } }),
    ];
    const rows = buildTimelineRows(foldRunState(events));
    expect(rows.map((row) => row.key)).toEqual(['input#1', 'answer#1', 'answer#2']);
    expect(rows[1]!.calls).toEqual([{ seq: 5, role: 'main', startedAt: 30, finishedAt: 500, cached: false }]);
    expect(rows[2]).toMatchObject({ feedback: 'too short', status: 'succeeded', startedAt: 520, finishedAt: 905 });
  });
});

describe('buildTimelineRows ordering and waiting', () => {
  it('orders steps started in the same millisecond by log order, and shows a waiting user step as waiting', () => {
    seq = 0;
    const events = [
      event(0, 'run.started'),
      event(5, 'step.started', 'input', 1),
      event(5, 'step.completed', 'input', 1, { output: {} }),
      event(5, 'step.started', 'draft', 1),
      event(6, 'step.completed', 'draft', 1, { output: { text: 'x' } }),
      event(7, 'step.started', 'review', 1),
      event(7, 'user.waiting', 'review', 1, { title: 'Approve' }),
    ];
    const rows = buildTimelineRows(foldRunState(events));
    expect(rows.map((row) => row.key)).toEqual(['input#1', 'draft#1', 'review#1']);
    expect(rows[2]!.status).toBe('waiting');
  });
});

describe('axisTicks', () => {
  it('uses round steps', () => {
    expect(axisTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(axisTicks(0)).toEqual([0]);
  });
});
