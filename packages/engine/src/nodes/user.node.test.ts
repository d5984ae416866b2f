import { describe, expect, it } from 'vitest';
import { eventsOfType, type RunEvent } from '@tandem/shared';
import { createFakeModels } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline } from '../testing/run-pipeline.ts';
import { foldRunState } from '../runtime/run-state.ts';

const ofType = eventsOfType;

const reviewPipeline = pipeline(
  [
    { id: 'input', kind: 'input' },
    { id: 'draft', kind: 'llm', config: { model: 'fake:writer', prompt: 'Draft a reply to {{input.prompt}}' } },
    { id: 'review', kind: 'user', config: { title: 'Check the reply to {{input.prompt}}', instructions: 'Fix the tone.', value: '{{draft.text}}' } },
    { id: 'route', kind: 'branch', config: { condition: '{{review.decision}} == "approved"' } },
    { id: 'sent', kind: 'output', config: { value: '{{review.value}}' } },
    { id: 'dropped', kind: 'output', config: { value: '{{review.decision}}' } },
  ],
  [
    ['input', 'draft'],
    ['draft', 'review'],
    ['review', 'route'],
    ['route', 'sent', 'true'],
    ['route', 'dropped', 'false'],
  ],
);

async function pause() {
  const models = createFakeModels({ writer: () => 'Dear Sam, no.' });
  const first = await runTestPipeline(reviewPipeline, { models: models.resolver, inputs: { prompt: 'Sam' } });
  return { ...first, calls: models.calls };
}

async function resume(history: RunEvent[], submission: { decision: 'approved' | 'rejected'; value?: unknown }) {
  const models = createFakeModels({ writer: () => 'should not be called' });
  const last = history.at(-1)!;
  const submitted: RunEvent = { runId: last.runId, seq: last.seq + 1, ts: last.ts + 1, type: 'user.submitted', nodeId: 'review', data: { decision: submission.decision, value: submission.value } };
  const second = await runTestPipeline(reviewPipeline, { models: models.resolver, inputs: { prompt: 'Sam' }, history: [...history, submitted] });
  return { ...second, calls: models.calls, newEvents: second.events.slice(history.length + 1) };
}

describe('when a run reaches a user step', () => {
  it('pauses and asks a person with the rendered title and the pre-filled value', async () => {
    const { outcome, events, calls } = await pause();
    expect(outcome.status).toBe('waiting');
    expect(calls).toHaveLength(1);
    const waiting = ofType(events, 'user.waiting');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ nodeId: 'review', data: { title: 'Check the reply to Sam', instructions: 'Fix the tone.', value: 'Dear Sam, no.' } });
    expect(ofType(events, 'run.waiting')[0]!.data).toEqual({ nodes: ['review'] });
    expect(ofType(events, 'step.completed').map((event) => event.nodeId)).not.toContain('review');
  });
});

describe('when the person approves with an edited value', () => {
  it('completes the run without calling the steps that completed before', async () => {
    const { events: history } = await pause();
    const { outcome, calls, newEvents } = await resume(history, { decision: 'approved', value: 'Dear Sam, thank you.' });
    expect(outcome.status).toBe('completed');
    expect(outcome.outputs).toEqual({ sent: 'Dear Sam, thank you.' });
    expect(calls).toHaveLength(0);
    expect(newEvents[0]!.type).toBe('run.resumed');
    // The answer continues the attempt that waited: no second start of the person step.
    expect(ofType(newEvents, 'step.started').map((event) => event.nodeId)).toEqual(['route', 'sent']);
    const reviewed = ofType(newEvents, 'step.completed').find((event) => event.nodeId === 'review')!;
    expect(reviewed.attempt).toBe(1);
    expect(reviewed.data.output).toEqual({ decision: 'approved', value: 'Dear Sam, thank you.' });
  });

  it('shows one attempt that ran for as long as the person took, and succeeded', async () => {
    const { events: history } = await pause();
    const waitingSince = ofType(history, 'step.started').find((event) => event.nodeId === 'review')!.ts;
    const { events } = await resume(history, { decision: 'approved' });
    const review = foldRunState(events).steps.review!;
    expect(review.status).toBe('succeeded');
    expect(review.attempt).toBe(1);
    expect(review.attempts).toHaveLength(1);
    expect(review.attempts[0]).toMatchObject({ attempt: 1, status: 'succeeded', startedAt: waitingSince });
    expect(review.answer).toMatchObject({ decision: 'approved' });
    const completed = ofType(events, 'step.completed').find((event) => event.nodeId === 'review')!;
    expect(completed.data.durationMs).toBe(completed.ts - waitingSince);
  });

  it('keeps the pre-filled value when the person sends none', async () => {
    const { events: history } = await pause();
    const { outcome } = await resume(history, { decision: 'approved' });
    expect(outcome.outputs).toEqual({ sent: 'Dear Sam, no.' });
  });
});

describe('when the person rejects', () => {
  it('still completes the step, and a branch routes on the decision', async () => {
    const { events: history } = await pause();
    const { outcome, newEvents } = await resume(history, { decision: 'rejected' });
    expect(outcome.status).toBe('completed');
    expect(outcome.outputs).toEqual({ dropped: 'rejected' });
    expect(ofType(newEvents, 'step.skipped').map((event) => event.nodeId)).toEqual(['sent']);
  });
});
