import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerType } from '@hono/node-server';
import { listen } from './http-listener.ts';

let server: ServerType | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function start(): Promise<number> {
  server = listen(async (request) => new Response(request.method === 'POST' ? await request.text() : 'ok'), { port: 0, hostname: '127.0.0.1', headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 200 });
  return new Promise((resolve) => server!.once('listening', () => resolve((server!.address() as AddressInfo).port)));
}

/** Writes `text` and never finishes the request; answers what the server sent before it closed the connection. */
function trickle(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('listen', () => {
  it('closes a connection whose headers never finish', async () => {
    const port = await start();
    const answer = await trickle(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('closes a connection whose body never finishes', async () => {
    const port = await start();
    const answer = await trickle(port, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('still answers an ordinary request', async () => {
    const port = await start();
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
  });
});
