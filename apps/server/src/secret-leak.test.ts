import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainDocument } from './testing/test-server.ts';
import { startServerProcess } from './testing/server-process.ts';

/**
 * A provider key echoed by the upstream in an error must appear on no surface: API answers, the
 * trace, SSE, /v1 errors (stream and not), /generate, exports, metrics, the log and the database
 * file's bytes.
 */
const secret = 'sk-test-SECRET-123';

let upstream: Server;
let upstreamCalls = 0;
let directory: string;
let child: ChildProcess;
let baseUrl: string;
let output: () => string;
const surfaces = new Map<string, string>();

beforeAll(async () => {
  // An OpenAI-compatible server that refuses the key and quotes it back, as some do.
  upstream = createServer((request, response) => {
    upstreamCalls += request.headers.authorization === `Bearer ${secret}` ? 1 : 0;
    request.resume();
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${secret}.`, type: 'invalid_request_error', code: 'invalid_api_key', param: null } }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  directory = mkdtempSync(join(tmpdir(), 'tandem-leak-'));
  ({ child, baseUrl, output } = await startServerProcess({
    TANDEM_DB: join(directory, 'tandem.db'),
    TANDEM_STUDIO_DIST: join(directory, 'no-studio'),
    TANDEM_TRACE_LOG: join(directory, 'trace.jsonl'),
    TANDEM_OPENAI_COMPATIBLE_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`,
    TANDEM_OPENAI_COMPATIBLE_KEY: secret,
    LLM_MODEL: 'local:gpt-test',
    LLM_MODEL_SECONDARY: 'local:gpt-test',
  }));
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

async function call(name: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    ...(init.body !== undefined ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } } : {}),
  });
  surfaces.set(name, await response.clone().text());
  return response;
}

describe('a provider key echoed in an upstream error', () => {
  it('is masked on every surface', async () => {
    expect((await call('create pipeline', '/api/pipelines', { body: chainDocument('leaky', 'local:gpt-test') })).status).toBe(201);
    const started = (await (await call('start run', '/api/runs', { body: { pipelineId: 'leaky', inputs: { prompt: 'hello' } } })).json()) as { id: string };
    let status = 'running';
    for (let attempt = 0; attempt < 200 && !['failed', 'completed'].includes(status); attempt++) {
      status = ((await (await call('run', `/api/runs/${started.id}`)).json()) as { status: string }).status;
      if (status === 'running' || status === 'queued') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe('failed');
    await call('runs', '/api/runs');
    await call('trace', `/api/runs/${started.id}/trace`);
    await call('events (SSE)', `/api/runs/${started.id}/events`);
    await call('export', '/api/pipelines/leaky/export');
    const completions = [
      ['/v1 model, not streamed', { model: 'local:gpt-test', messages: [{ role: 'user', content: 'hi' }] }],
      ['/v1 model, streamed', { model: 'local:gpt-test', stream: true, messages: [{ role: 'user', content: 'hi' }] }],
      ['/v1 pipeline, not streamed', { model: 'pipeline:leaky', messages: [{ role: 'user', content: 'hi' }] }],
      ['/v1 pipeline, streamed', { model: 'pipeline:leaky', stream: true, messages: [{ role: 'user', content: 'hi' }] }],
    ] as const;
    for (const [name, body] of completions) await call(name, '/v1/chat/completions', { body });
    await call('/generate', '/generate', { body: { prompt: 'hello' } });
    await call('metrics', '/metrics');
    await call('inbox', '/api/inbox');

    // Stop the server so every write is in the files, then read them as bytes.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    surfaces.set('server log', output());
    for (const file of readdirSync(directory)) {
      if (file.startsWith('tandem.db') || file === 'trace.jsonl') surfaces.set(`file ${file}`, readFileSync(join(directory, file)).toString('latin1'));
    }

    expect(upstreamCalls, 'the upstream was really called with the key').toBeGreaterThanOrEqual(5);
    expect(surfaces.get('trace')).toContain('Incorrect API key provided: [redacted]');
    expect(surfaces.get('/v1 model, not streamed')).toContain('[redacted]');
    expect(surfaces.get('/v1 model, streamed')).toContain('[redacted]');
    expect(surfaces.get('events (SSE)')).toContain('[redacted]');
    expect(surfaces.get('file tandem.db')).toContain('[redacted]');
    const leaking = [...surfaces].filter(([, text]) => text.includes(secret)).map(([name]) => name);
    expect(leaking).toEqual([]);
    expect(surfaces.get('/generate')).toContain('Incorrect API key provided: [redacted]');
    expect(surfaces.size).toBeGreaterThanOrEqual(16);
  }, 60_000);
});
