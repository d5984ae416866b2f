import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { numberRunEvent, parseRunEvent, type RunEvent, type RunEventDraft } from '@tandem/shared';
import { callsOf, foldRunState, recordsOf } from './run-state.ts';
import { readResumeState } from './resume-state.ts';

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/run-logs-2026-11.json', import.meta.url), 'utf8')) as {
  logs: Record<string, { events: unknown[] }>;
};

function log(...drafts: RunEventDraft[]): RunEvent[] {
  return drafts.map((draft, index) => numberRunEvent(draft, { runId: 'r', seq: index + 1, ts: 1_000 + index * 10 }));
}

const call = (role: string, output: string): RunEventDraft => ({
  type: 'llm.call',
  nodeId: 'answer',
  attempt: 1,
  data: { role, model: 'sim:writer', prompt: 'p', output, usage: { inputTokens: 1, outputTokens: 2 }, latencyMs: 5, costUsd: 0, cached: false },
});

describe('the run fold', () => {
  it('reads every stored log of the earlier event shape through the event contract', () => {
    for (const { events } of Object.values(fixture.logs)) {
      const parsed = events.map((event) => parseRunEvent(event));
      expect(parsed).toEqual(events);
      expect(foldRunState(parsed).lastSeq).toBe(parsed.length);
    }
  });

  it('streams each model call of a step on its own until its record arrives', () => {
    const events = log(
      { type: 'run.started', data: { pipelineId: 'p', inputs: {} } },
      { type: 'step.started', nodeId: 'answer', attempt: 1, data: { kind: 'critique' } },
      { type: 'step.delta', nodeId: 'answer', attempt: 1, data: { role: 'primary', text: 'Draft ' } },
      { type: 'step.delta', nodeId: 'answer', attempt: 1, data: { role: 'primary', text: 'one.' } },
      call('primary', 'Draft one.'),
      { type: 'step.delta', nodeId: 'answer', attempt: 1, data: { role: 'secondary', text: '1. Add an example.' } },
    );
    const step = foldRunState(events).steps.answer!;
    expect(step).toMatchObject({ kind: 'critique', streamingText: '1. Add an example.', streamingRole: 'secondary' });
    expect(step.calls.map((entry) => entry.output)).toEqual(['Draft one.']);
  });

  it('shows the oldest of two calls streaming at once, then the other when the first ends', () => {
    const started = log(
      { type: 'run.started', data: { pipelineId: 'p', inputs: {} } },
      { type: 'step.started', nodeId: 'answer', attempt: 1, data: { kind: 'variants' } },
      { type: 'step.delta', nodeId: 'answer', attempt: 1, data: { role: 'A', text: 'A1' } },
      { type: 'step.delta', nodeId: 'answer', attempt: 1, data: { role: 'B', text: 'B1' } },
      { type: 'step.delta', nodeId: 'answer', attempt: 1, data: { role: 'A', text: ' A2' } },
      call('A', 'A1 A2'),
      { type: 'step.completed', nodeId: 'answer', attempt: 1, data: { output: {}, durationMs: 40 } },
    );
    expect(foldRunState(started.slice(0, 5)).steps.answer).toMatchObject({ streamingText: 'A1 A2', streamingRole: 'A' });
    expect(foldRunState(started.slice(0, 6)).steps.answer).toMatchObject({ streamingText: 'B1', streamingRole: 'B' });
    const done = foldRunState(started).steps.answer!;
    expect(done.streams).toEqual([]);
    expect(done.streamingText).toBe('');
    expect(done).not.toHaveProperty('streamingRole');
    expect(callsOf(foldRunState(started)).map((entry) => entry.role)).toEqual(['A']);
  });

  it('keeps kind-specific records typed by their type', () => {
    const events = log(
      { type: 'run.started', data: { pipelineId: 'p', inputs: {} } },
      { type: 'step.started', nodeId: 'answer', attempt: 1, data: { kind: 'critique' } },
      { type: 'critique.round', nodeId: 'answer', attempt: 1, data: { round: 1, draft: 'd', guidance: 'g', refined: 'r' } },
    );
    const [round] = recordsOf(foldRunState(events).steps.answer!, 'critique.round');
    expect(round!.data.guidance).toBe('g');
  });

  it('resumes an answered person step as the attempt that waited, from an old log cut right after the answer', () => {
    const answered = fixture.logs.answered!.events.map((event) => parseRunEvent(event));
    const cut = answered.findIndex((event) => event.type === 'user.submitted') + 1;
    const resume = readResumeState(answered.slice(0, cut));
    expect(resume.answered.get('ConfirmInvitation_User')).toMatchObject({ attempt: 1, submission: { decision: 'approved' } });
    expect(resume.waiting.size).toBe(0);
    expect([...resume.outputs.keys()]).toEqual(expect.arrayContaining(['input', 'IdentifyParticipants', 'FetchAvailability_Activity', 'ProposeSlot']));
    expect(resume.outputs.has('ConfirmInvitation_User')).toBe(false);
  });
});
