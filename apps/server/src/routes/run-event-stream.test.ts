import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '@tandem/shared';
import { testEvent } from '@tandem/shared/testing';
import { createEventHub } from '../services/event-hub.ts';
import { readSse } from '../testing/test-server.ts';
import { streamRunEvents } from './run-event-stream.ts';

/** A run log in memory standing in for the database, and a hub to publish its commits. */
function fakeRun() {
  const log: RunEvent[] = [];
  const hub = createEventHub();
  const reads: number[] = [];
  const app = new Hono().get('/events', (c) =>
    streamRunEvents(c, {
      runId: 'r',
      afterSeq: Number(c.req.header('Last-Event-ID') ?? 0),
      hub,
      heartbeatMs: 50,
      readEvents: (_runId, afterSeq, limit) => {
        reads.push(afterSeq);
        return log.filter((event) => event.seq > afterSeq).slice(0, limit);
      },
    }),
  );
  const append = (type: Parameters<typeof testEvent>[0], publish = true) => {
    const event = testEvent(type, {}, { runId: 'r', seq: log.length + 1, ts: Date.now() });
    log.push(event);
    if (publish) hub.publish([event]);
    return event;
  };
  return { app, hub, append, reads };
}

const seqs = (messages: { id?: string; event?: string }[]) => messages.filter((message) => message.id).map((message) => Number(message.id));

describe('a run event stream', () => {
  it('replays what the client missed, then streams commits, and ends with the run', async () => {
    const run = fakeRun();
    run.append('run.started');
    run.append('step.started');
    const response = await run.app.request('/events', { headers: { 'Last-Event-ID': '1' } });
    const reading = readSse(response);
    await new Promise((resolve) => setTimeout(resolve, 20));
    run.append('step.completed');
    run.append('run.completed');
    const messages = await reading;
    expect(seqs(messages)).toEqual([2, 3, 4]);
    expect(messages.at(-1)).toMatchObject({ event: 'end', data: JSON.stringify({ status: 'completed' }) });
  });

  it('reads a commit it was not told about from the log, so nothing is skipped', async () => {
    const run = fakeRun();
    run.append('run.started');
    const response = await run.app.request('/events');
    const reading = readSse(response);
    await new Promise((resolve) => setTimeout(resolve, 20));
    run.append('step.started', false);
    run.append('step.completed', false);
    run.append('run.completed');
    const messages = await reading;
    expect(seqs(messages)).toEqual([1, 2, 3, 4]);
  });

  it('serves every watcher of a run from one publish, each in order without repeats', async () => {
    const run = fakeRun();
    run.append('run.started');
    const readings = Array.from({ length: 5 }, async () => readSse(await run.app.request('/events')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(run.hub.size).toBe(5);
    run.append('step.started');
    run.append('run.failed');
    for (const messages of await Promise.all(readings)) {
      expect(seqs(messages)).toEqual([1, 2, 3]);
      expect(messages.at(-1)).toMatchObject({ event: 'end' });
    }
    expect(run.hub.size).toBe(0);
  });

  it('keeps an idle stream open with comments', async () => {
    const run = fakeRun();
    run.append('run.started');
    const response = await run.app.request('/events');
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes(': keep-alive')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain('id: 1');
  });
});

describe('a run event stream on the Node server (frames written straight to the socket)', () => {
  it('sends every watcher the same events in order, ends with the run, and lets go of a client that leaves', async () => {
    const { serve } = await import('@hono/node-server');
    const run = fakeRun();
    run.append('run.started');
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: run.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    try {
      const address = server.address() as { port: number };
      const url = `http://127.0.0.1:${address.port}/events`;
      const leaving = new AbortController();
      const left = fetch(url, { signal: leaving.signal }).then(async (response) => {
        const reader = response.body!.getReader();
        await reader.read();
        leaving.abort();
      });
      const readings = Array.from({ length: 3 }, async () => readSse(await fetch(url)));
      await left.catch(() => undefined);
      for (let waited = 0; run.hub.size !== 3 && waited < 100; waited++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(run.hub.size).toBe(3);
      run.append('step.started');
      run.append('step.completed');
      run.append('run.completed');
      for (const messages of await Promise.all(readings)) {
        expect(seqs(messages)).toEqual([1, 2, 3, 4]);
        expect(messages.at(-1)).toMatchObject({ event: 'end', data: JSON.stringify({ status: 'completed' }) });
      }
      for (let waited = 0; run.hub.size > 0 && waited < 100; waited++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(run.hub.size).toBe(0);
    } finally {
      server.close();
    }
  });
});
