import { connect, type AddressInfo, type Socket } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '@tandem/shared';
import { testEvent } from '@tandem/shared/testing';
import { createEventHub } from '../services/event-hub.ts';
import { streamRunEvents } from './run-event-stream.ts';

/** A run log in memory, a hub publishing its commits, and its event stream served by Node on a loopback port. */
async function servedRun() {
  const log: RunEvent[] = [];
  const hub = createEventHub();
  const app = new Hono().get('/events', (c) =>
    streamRunEvents(c, {
      runId: 'r',
      afterSeq: Number(c.req.header('Last-Event-ID') ?? 0),
      hub,
      readEvents: (_runId, afterSeq, limit) => log.filter((event) => event.seq > afterSeq).slice(0, limit),
    }),
  );
  const listener: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => listener.once('listening', resolve));
  listeners.push(listener);
  const append = (type: Parameters<typeof testEvent>[0]) => {
    const event = testEvent(type, {}, { runId: 'r', seq: log.length + 1, ts: Date.now() });
    log.push(event);
    hub.publish([event]);
  };
  return { port: (listener.address() as AddressInfo).port, append, hub };
}

const listeners: ServerType[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((listener) => new Promise((resolve) => listener.close(resolve))));
});

/** A raw HTTP/1.1 connection: what the server wrote, byte for byte, and a way to wait for some of it. */
function rawConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  const waiters: (() => void)[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
    waiters.splice(0).forEach((wake) => wake());
  });
  return {
    get(path: string, headers: Record<string, string> = {}) {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`);
    },
    /** Resolves once what was received satisfies `done`. */
    async until(done: (text: string) => boolean): Promise<string> {
      while (!done(received)) await new Promise<void>((resolve) => waiters.push(resolve));
      return received;
    },
    take() {
      const text = received;
      received = '';
      return text;
    },
    close: () => socket.destroy(),
  };
}

/** Splits a raw response into its head and its chunked body, decoded; `complete` once the last chunk came. */
function parseChunked(raw: string): { head: string; body: string; complete: boolean } {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return { head: '', body: '', complete: false };
  const head = raw.slice(0, headEnd);
  let rest = raw.slice(headEnd + 4);
  let body = '';
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) return { head, body, complete: false };
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (Number.isNaN(size)) throw new Error(`not a chunk size: ${JSON.stringify(rest.slice(0, lineEnd))}`);
    if (size === 0) return { head, body, complete: rest.slice(lineEnd + 2).startsWith('\r\n') };
    // Frames are ASCII here, so characters count as bytes; a chunk still arriving is left for later.
    if (rest.length < lineEnd + 2 + size + 2) return { head, body, complete: false };
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

const ids = (body: string) => [...body.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));

describe('a run event stream on a Node socket', () => {
  it('sends the replay with its headers, then each commit, then the end of the run and a complete chunked body', async () => {
    const run = await servedRun();
    run.append('run.started');
    run.append('step.started');
    const connection = rawConnection(run.port);
    connection.get('/events', { 'Last-Event-ID': '1' });
    const first = parseChunked(await connection.until((text) => ids(parseChunked(text).body).includes(2)));
    expect(first.head).toMatch(/^HTTP\/1\.1 200/);
    expect(first.head.toLowerCase()).toContain('content-type: text/event-stream');
    expect(first.head.toLowerCase()).toContain('transfer-encoding: chunked');
    run.append('step.completed');
    run.append('run.completed');
    const whole = parseChunked(await connection.until((text) => parseChunked(text).complete));
    expect(ids(whole.body)).toEqual([2, 3, 4]);
    expect(whole.body.endsWith(`event: end\ndata: ${JSON.stringify({ status: 'completed' })}\n\n`)).toBe(true);
    expect(run.hub.size).toBe(0);

    // The connection stays usable: a second request on it replays the finished run and ends.
    connection.take();
    connection.get('/events', { 'Last-Event-ID': '3' });
    const again = parseChunked(await connection.until((text) => parseChunked(text).complete));
    expect(ids(again.body)).toEqual([4]);
    connection.close();
  });

  it('sends its headers at once when there is nothing to replay yet', async () => {
    const run = await servedRun();
    const connection = rawConnection(run.port);
    connection.get('/events');
    const head = await connection.until((text) => text.includes('\r\n\r\n'));
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(ids(parseChunked(head).body)).toEqual([]);
    run.append('run.started');
    run.append('run.completed');
    const whole = parseChunked(await connection.until((text) => parseChunked(text).complete));
    expect(ids(whole.body)).toEqual([1, 2]);
    connection.close();
  });

  it('replays a run that is already over and ends the response', async () => {
    const run = await servedRun();
    run.append('run.started');
    run.append('run.failed');
    const connection = rawConnection(run.port);
    connection.get('/events');
    const whole = parseChunked(await connection.until((text) => parseChunked(text).complete));
    expect(ids(whole.body)).toEqual([1, 2]);
    expect(whole.body).toContain('event: end\ndata: {"status":"failed"}');
    connection.close();
  });
});
