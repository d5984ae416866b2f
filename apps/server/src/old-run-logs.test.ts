import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsOfType, type PipelineDocument, type RunEvent, type RunView } from '@tandem/shared';
import { openDatabase } from '@tandem/db';
import { createTestServer } from './testing/test-server.ts';

/** Run logs as databases held them before run events became a typed union (stored unchanged). */
const fixture = JSON.parse(readFileSync(new URL('../../../packages/engine/src/runtime/__fixtures__/run-logs-2026-11.json', import.meta.url), 'utf8')) as {
  documents: Record<string, PipelineDocument>;
  logs: Record<'waiting' | 'answered' | 'critique' | 'validated', { pipelineId: string; events: RunEvent[] }>;
};

/**
 * Writes a run and its log the way the server stored them then: the raw event rows, and the run row's
 * status columns and the waitpoint as its projections had left them. Returns the database path.
 */
function oldDatabase(directory: string, runs: { log: { pipelineId: string; events: RunEvent[] }; status: string; waiting?: string }[]) {
  const path = join(directory, 'tandem.db');
  const database = openDatabase(path);
  const { sqlite } = database;
  const insertEvent = sqlite.prepare('INSERT INTO run_events (run_id, seq, ts, type, node_id, attempt, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const { log, status, waiting } of runs) {
    const document = { ...fixture.documents[log.pipelineId]!, id: `old-${log.pipelineId}` };
    if (!database.sqlite.prepare('SELECT 1 FROM pipelines WHERE id = ?').get(document.id)) {
      sqlite.prepare('INSERT INTO pipelines (id, name, latest_version, created_at, updated_at) VALUES (?, ?, 1, 0, 0)').run(document.id, document.name);
      sqlite.prepare('INSERT INTO pipeline_versions (pipeline_id, version, document, created_at) VALUES (?, 1, ?, 0)').run(document.id, JSON.stringify(document));
    }
    const first = log.events[0]!;
    const last = log.events.at(-1)!;
    const inputs = (first.data as { inputs: Record<string, unknown> }).inputs;
    sqlite
      .prepare(`INSERT INTO runs (id, pipeline_id, version, status, inputs, outputs, started_at, updated_at, last_seq) VALUES (?, ?, 1, ?, ?, '{}', ?, ?, ?)`)
      .run(first.runId, document.id, status, JSON.stringify(inputs), first.ts, last.ts, last.seq);
    for (const event of log.events) {
      insertEvent.run(event.runId, event.seq, event.ts, event.type, event.nodeId ?? null, event.attempt ?? null, JSON.stringify(event.data));
    }
    if (waiting) {
      const request = eventsOfType(log.events, 'user.waiting').at(-1)!;
      sqlite
        .prepare('INSERT INTO waitpoints (run_id, node_id, title, instructions, value, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(first.runId, waiting, request.data.title, request.data.instructions ?? null, JSON.stringify(request.data.value), request.ts);
    }
  }
  database.close();
  return path;
}

describe('a database written before run events were typed', () => {
  let directory: string;
  let server: ReturnType<typeof createTestServer> | undefined;
  afterEach(() => {
    server?.cleanup();
    server = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  it('replays every stored log through the event contract, with the same state as then', async () => {
    directory = mkdtempSync(join(tmpdir(), 'tandem-old-logs-'));
    const { answered, critique, validated } = fixture.logs;
    const path = oldDatabase(directory, [
      { log: answered, status: 'completed' },
      { log: critique, status: 'completed' },
      { log: validated, status: 'completed' },
    ]);
    server = createTestServer({ TANDEM_DB: path });
    for (const log of [answered, critique, validated]) {
      const runId = log.events[0]!.runId;
      const { status, body } = await server.json<{ events: RunEvent[] }>(`/api/runs/${runId}/trace`);
      expect(status).toBe(200);
      expect(body.events).toEqual(log.events);
    }
    // The person step of the old log reads as one attempt that waited and succeeded.
    const { foldRunState } = await import('@tandem/engine');
    const step = foldRunState(answered.events).steps.ConfirmInvitation_User!;
    expect(step.status).toBe('succeeded');
    expect(step.attempts).toHaveLength(1);
    expect(step.attempts[0]!.startedAt).toBe(eventsOfType(answered.events, 'step.started').find((event) => event.nodeId === 'ConfirmInvitation_User')!.ts);
  });

  it('resumes a run that waits for a person, and the answer completes it without another model call', async () => {
    directory = mkdtempSync(join(tmpdir(), 'tandem-old-logs-'));
    const { waiting } = fixture.logs;
    const runId = waiting.events[0]!.runId;
    server = createTestServer({ TANDEM_DB: oldDatabase(directory, [{ log: waiting, status: 'waiting', waiting: 'ConfirmInvitation_User' }]) });
    const inbox = await server.json<{ items: { runId: string }[] }>('/api/inbox');
    expect(JSON.stringify(inbox.body)).toContain(runId);

    const answer = await server.json(`/api/runs/${runId}/nodes/ConfirmInvitation_User/submit`, { body: { decision: 'approved' } });
    expect(answer.status).toBe(200);
    await server.context.runs.waitForSettled(runId);
    const run = (await server.json<RunView>(`/api/runs/${runId}`)).body;
    expect(run.status).toBe('completed');
    const events = (await server.json<{ events: RunEvent[] }>(`/api/runs/${runId}/trace`)).body.events;
    const added = events.slice(waiting.events.length);
    expect(eventsOfType(added, 'llm.call')).toHaveLength(0);
    expect(eventsOfType(added, 'step.started').map((event) => event.nodeId)).toEqual(['out']);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  });

  it('resumes a run the server stopped in the middle of, without redoing what completed', async () => {
    directory = mkdtempSync(join(tmpdir(), 'tandem-old-logs-'));
    const { critique } = fixture.logs;
    // Cut the log after the first critique round, as a crash would have left it.
    const cut = critique.events.findIndex((event) => event.type === 'critique.round') + 1;
    const interrupted = { ...critique, events: critique.events.slice(0, cut) };
    const runId = critique.events[0]!.runId;
    server = createTestServer({ TANDEM_DB: oldDatabase(directory, [{ log: interrupted, status: 'running' }]) });
    expect(server.context.runs.resumeInterrupted()).toEqual([runId]);
    await server.context.runs.waitForSettled(runId);
    const events = (await server.json<{ events: RunEvent[] }>(`/api/runs/${runId}/trace`)).body.events;
    expect(events.at(-1)!.type).toBe('run.completed');
    expect(events.slice(0, cut)).toEqual(interrupted.events);
    expect(events[cut]!.type).toBe('run.resumed');
    // The critique step had not completed, so it runs again as attempt 2; the input step is not redone.
    expect(eventsOfType(events.slice(cut), 'step.started').map((event) => [event.nodeId, event.attempt])).toEqual([
      ['answer', 2],
      ['out', 1],
    ]);
  });
});
