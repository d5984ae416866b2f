import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent, RunView } from '@tandem/shared';
import { createTestServer } from '../testing/test-server.ts';
import { shippedTemplates } from '../templates/seed-templates.ts';

let server: ReturnType<typeof createTestServer>;
beforeEach(() => (server = createTestServer()));
afterEach(() => server.cleanup());

const inputsFor: Record<string, Record<string, unknown>> = {
  'template-answer': { prompt: 'What is a lighthouse?' },
  'template-critique': { prompt: 'Explain photosynthesis to a child.' },
  'template-validated-json': { text: 'Can Ana, Ben and Chloe meet for 45 minutes about the launch?' },
  'template-ab-test': { question: 'How do I reset my password?' },
  'template-meeting-scheduler': { request: 'Ana and Ben should plan the launch review.' },
};

describe('shipped templates', () => {
  it.each(shippedTemplates.map((template) => template.id))('%s runs on the simulator', async (id) => {
    const { run, events } = await server.runToEnd(id, inputsFor[id]!);
    if (id === 'template-meeting-scheduler') {
      expect(run.status).toBe('waiting');
      expect(events.some((event) => event.type === 'user.waiting' && event.nodeId === 'ConfirmInvitation_User')).toBe(true);
      return;
    }
    expect(run.error).toBeUndefined();
    expect(run.status).toBe('completed');
  }, 60_000);

  it('each template answers its default input with output that reads as an answer to it', async () => {
    const defaults = (id: string) => {
      const template = shippedTemplates.find((candidate) => candidate.id === id)!;
      return Object.fromEntries(Object.entries(template.inputs.properties ?? {}).map(([name, property]) => [name, (property as { default: unknown }).default]));
    };
    const answer = await server.runToEnd('template-answer', defaults('template-answer'));
    expect(answer.run.outputs.out).toMatch(/lighthouse/i);

    const extraction = await server.runToEnd('template-validated-json', defaults('template-validated-json'));
    expect(extraction.run.outputs.out).toEqual({ title: 'Review the Q3 launch plan', participants: ['Ana Lopez', 'Ben Okafor', 'Chloe Martin'], durationMinutes: 45 });

    const ab = await server.runToEnd('template-ab-test', defaults('template-ab-test'));
    // The A/B template splits runs between its variants: each run answers with one of them, scored.
    expect(ab.run.outputs.out).toMatch(/^Variant [AB]: \d+\/10\. The answer about .*password/);

    const meeting = await server.runToEnd('template-meeting-scheduler', defaults('template-meeting-scheduler'));
    const waiting = meeting.events.find((event) => event.type === 'user.waiting');
    const proposal = (waiting?.data as { value: Record<string, unknown> }).value;
    expect(Object.keys(proposal)).toEqual(['start', 'durationMinutes', 'attendees', 'invitation']);
    expect(proposal.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00Z$/);
    expect(proposal.durationMinutes).toBeGreaterThanOrEqual(15);
    expect(proposal.durationMinutes).toBeLessThanOrEqual(60);
    expect(proposal.attendees).toEqual(['Ana', 'Ben']);
    expect(proposal.invitation).toMatch(/^Hi Ana and Ben, let's meet on .+ to plan the launch review\./);
    // The introspect mixin's notes stay in the step's output and the trace, beside the clean value.
    const proposed = meeting.events.find((event) => event.type === 'step.completed' && event.nodeId === 'ProposeSlot');
    expect((proposed?.data as { output: Record<string, unknown> }).output.introspection).toEqual({ considerations: expect.stringContaining('Ana and Ben'), feedback: expect.any(String) });
  }, 60_000);

  it('the critique template records both rounds', async () => {
    const { events } = await server.runToEnd('template-critique', inputsFor['template-critique']!);
    const rounds = events.filter((event) => event.type === 'critique.round');
    expect(rounds.map((event) => event.data.round)).toEqual([1, 2]);
    expect(events.filter((event) => event.type === 'llm.call').map((event) => event.data.role)).toEqual(['primary', 'secondary', 'primary', 'secondary', 'primary']);
  }, 60_000);
});

describe('a person step', () => {
  it('pauses the run, lists it in the inbox, resumes on an answer and refuses a second one', async () => {
    const { run } = await server.runToEnd('template-meeting-scheduler', inputsFor['template-meeting-scheduler']!);
    const inbox = await server.json<{ items: { runId: string; nodeId: string; title: string }[] }>('/api/inbox');
    expect(inbox.body.items).toEqual([expect.objectContaining({ runId: run.id, nodeId: 'ConfirmInvitation_User', title: 'Confirm the invitation' })]);

    const answer = { decision: 'approved', value: { slot: 'Tuesday 10:00', invitation: 'See you there.' } };
    const submitted = await server.json(`/api/runs/${run.id}/nodes/ConfirmInvitation_User/submit`, { body: answer });
    expect(submitted.status).toBe(200);
    const again = await server.json<{ error: { code: string } }>(`/api/runs/${run.id}/nodes/ConfirmInvitation_User/submit`, { body: answer });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('STEP_NOT_WAITING');

    await server.context.runs.waitForSettled(run.id);
    const finished = (await server.json<RunView>(`/api/runs/${run.id}`)).body;
    expect(finished.status).toBe('completed');
    expect(finished.outputs.out).toEqual({ decision: 'approved', value: answer.value });
    expect((await server.json<{ items: unknown[] }>('/api/inbox')).body.items).toEqual([]);
  }, 60_000);

  it('refuses a bad decision with the field named', async () => {
    const { run } = await server.runToEnd('template-meeting-scheduler', inputsFor['template-meeting-scheduler']!);
    const bad = await server.json<{ error: { message: string } }>(`/api/runs/${run.id}/nodes/ConfirmInvitation_User/submit`, { body: { decision: 'maybe' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/decision/);
  }, 60_000);

  it('cancels a waiting run', async () => {
    const { run } = await server.runToEnd('template-meeting-scheduler', inputsFor['template-meeting-scheduler']!);
    expect((await server.json<RunView>(`/api/runs/${run.id}/cancel`, { method: 'POST' })).body.status).toBe('cancelled');
    const events = (await server.json<{ events: RunEvent[] }>(`/api/runs/${run.id}/trace`)).body.events;
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  }, 60_000);
});

describe('the two-model compatibility API', () => {
  it('answers POST /generate in the chat completion shape with a trace', async () => {
    const { status, body } = await server.json<{
      choices: { message: { role: string; content: string } }[];
      run_id: string;
      trace: { step: string }[];
    }>('/generate', { body: { prompt: 'Write a haiku about rain', max_tokens: 200, temperature: 0.3 } });
    expect(status).toBe(200);
    expect(body.choices[0]!.message.role).toBe('assistant');
    expect(body.choices[0]!.message.content.length).toBeGreaterThan(0);
    expect(body.trace.map((step) => step.step)).toEqual(['primary_response', 'secondary_guidance', 'refined_response', 'secondary_guidance', 'final_response']);
    expect((await server.json<RunView>(`/api/runs/${body.run_id}`)).body.status).toBe('completed');
  }, 60_000);

  it('reads and updates the orchestration config, validating rounds', async () => {
    expect((await server.json('/config/orchestration')).body).toEqual({ enabled: true, communication_rounds: 2, secondary_goal_prompt: expect.stringContaining('reviewing assistant') });
    const updated = await server.json('/config/orchestration', { method: 'PUT', body: { communication_rounds: 0, enabled: false } });
    expect(updated.body).toMatchObject({ enabled: false, communication_rounds: 0 });
    const refused = await server.json<{ error: { message: string } }>('/config/orchestration', { method: 'PUT', body: { communication_rounds: 11 } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/communication_rounds/);
    const single = await server.json<{ trace: { step: string }[] }>('/generate', { body: { prompt: 'hi' } });
    expect(single.body.trace.map((step) => step.step)).toEqual(['final_response']);
  }, 60_000);

  it('refuses an empty prompt', async () => {
    const { status, body } = await server.json<{ error: { message: string } }>('/generate', { body: { prompt: '' } });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/prompt/);
  });
});
