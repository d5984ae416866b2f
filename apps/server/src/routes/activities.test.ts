import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { PipelineDocument, RunEvent } from '@tandem/shared';
import { createTestServer } from '../testing/test-server.ts';

let server: ReturnType<typeof createTestServer> | undefined;
afterEach(() => server?.cleanup());

const activityPipeline = (id: string, activity: Record<string, unknown>): PipelineDocument => ({
  schema: 'tandem.pipeline/v1',
  id,
  name: id,
  inputs: { type: 'object', properties: {} },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'act', kind: 'activity', position: { x: 200, y: 0 }, config: activity },
    { id: 'out', kind: 'output', position: { x: 400, y: 0 }, config: { value: '{{act}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'act' },
    { id: 'e2', source: 'act', target: 'out' },
  ],
});

describe('activities through the server', () => {
  it('fails an HTTP activity to a private address with SSRF_BLOCKED and keeps serving', async () => {
    server = createTestServer();
    await server.json('/api/pipelines', { body: activityPipeline('metadata', { type: 'http', method: 'GET', url: 'http://169.254.169.254/latest/meta-data/' }) });
    const { run, events } = await server.runToEnd('metadata', {});
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'SSRF_BLOCKED', nodeId: 'act' });
    expect(events.find((event: RunEvent) => event.type === 'step.failed')!.data.error).toMatchObject({ code: 'SSRF_BLOCKED' });
    expect((await server.request('/healthz')).status).toBe(200);
  });

  it('stops sandboxed code that loops forever and keeps serving', async () => {
    server = createTestServer();
    await server.json('/api/pipelines', { body: activityPipeline('forever', { type: 'js', code: 'while (true) {}' }) });
    const { run } = await server.runToEnd('forever', {});
    expect(run.error).toMatchObject({ code: 'SANDBOX_TIMEOUT' });
    expect((await server.request('/healthz')).status).toBe(200);
  }, 30_000);

  it('calls a registered server function', async () => {
    server = createTestServer();
    await server.json('/api/pipelines', { body: activityPipeline('count', { type: 'function', name: 'wordCount', args: { text: 'three little words' } }) });
    const { run } = await server.runToEnd('count', {});
    expect(run.outputs.out).toMatchObject({ value: { words: 3 } });
    const functions = await server.json<{ functions: { name: string }[] }>('/api/functions');
    expect(functions.body.functions.map((fn) => fn.name)).toContain('fetchAvailability');
  });

  it('edits the HTTP allow-list in settings, refusing malformed entries', async () => {
    server = createTestServer();
    expect((await server.json('/api/settings')).body).toEqual({ httpAllowList: [] });
    expect((await server.json('/api/settings', { method: 'PUT', body: { httpAllowList: ['10.0.0.0/8', 'intranet.local'] } })).body).toEqual({ httpAllowList: ['10.0.0.0/8', 'intranet.local'] });
    for (const entry of ['http://x y', '10.0.0.0/99', 'example.com/8', '::1/200', '-.-']) {
      const bad = await server.json<{ error: { message: string } }>('/api/settings', { method: 'PUT', body: { httpAllowList: ['ok.example', entry] } });
      expect(bad.status, entry).toBe(400);
      expect(bad.body.error.message).toMatch(/httpAllowList\.1/);
    }
    expect((await server.json('/api/settings')).body).toEqual({ httpAllowList: ['10.0.0.0/8', 'intranet.local'] });
  });
});

describe('the compatibility trace log', () => {
  it('appends each /generate run as JSON lines', async () => {
    const logPath = join(tmpdir(), `tandem-trace-${process.pid}-${Date.now()}.jsonl`);
    server = createTestServer({ TANDEM_TRACE_LOG: logPath });
    onTestFinished(() => rmSync(logPath, { force: true }));
    const { body } = await server.json<{ run_id: string }>('/generate', { body: { prompt: 'hello' } });
    const lines = readFileSync(logPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { run_id: string; step: string });
    expect(lines.map((line) => line.step)).toEqual(['primary_response', 'secondary_guidance', 'refined_response', 'secondary_guidance', 'final_response']);
    expect(new Set(lines.map((line) => line.run_id))).toEqual(new Set([body.run_id]));
  }, 30_000);
});
