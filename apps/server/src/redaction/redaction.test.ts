import { describe, expect, it } from 'vitest';
import { createSecretRedactor, type RunEvent } from '@tandem/shared';
import { testEvent } from '@tandem/shared/testing';
import type { BatchingWriter } from '@tandem/db';
import { apiAnswerText } from '../middleware/api-headers.ts';
import { startOpenAIWireServer } from '../testing/openai-wire-server.ts';
import { chainDocument, createTestServer, readSse } from '../testing/test-server.ts';
import { redactConsole } from './redact-console.ts';
import { createRedactingWriter } from './redacting-writer.ts';
import { redactTextStream } from './redact-responses.ts';

const secret = 'sk-test-SECRET-123';

async function throughStream(chunks: string[]): Promise<string> {
  const encoder = new TextEncoder();
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(source.pipeThrough(redactTextStream(createSecretRedactor([secret])))).text();
}

describe('redactTextStream', () => {
  it('masks a secret split across chunks', async () => {
    expect(await throughStream(['{"message":"bad key sk-te', 'st-SECRET', '-123 here"}'])).toBe('{"message":"bad key [redacted] here"}');
  });

  it('passes SSE messages on at once and masks them', async () => {
    const secrets = createSecretRedactor([secret]);
    const stream = redactTextStream(secrets);
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    void writer.write(new TextEncoder().encode(`id: 1\ndata: {"error":"${secret}"}\n\n`));
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('id: 1\ndata: {"error":"[redacted]"}\n\n');
  });
});

describe('createRedactingWriter', () => {
  it('masks event data before the inner writer sees it, and hands clean events through unchanged', () => {
    const written: RunEvent[] = [];
    const inner = { write: (event: RunEvent) => written.push(event) } as unknown as BatchingWriter;
    const writer = createRedactingWriter(inner, createSecretRedactor([secret]));
    const clean = testEvent('run.started', { inputs: { prompt: 'hi' } });
    writer.write(clean);
    writer.write(testEvent('step.failed', { error: { code: 'PROVIDER_AUTH_FAILED', message: `bad ${secret}` }, durationMs: 5 }, { seq: 2, nodeId: 'answer' }));
    expect(written[0]).toBe(clean);
    expect(written[1]!.data).toEqual({ error: { code: 'PROVIDER_AUTH_FAILED', message: 'bad [redacted]' }, durationMs: 5 });
  });
});

describe('redactConsole', () => {
  it('masks secrets in every console line, errors and their causes included', () => {
    const lines: string[] = [];
    const target = { log: (line: string) => lines.push(line), info: () => {}, warn: () => {}, error: (line: string) => lines.push(line), debug: () => {}, trace: () => {} };
    const restore = redactConsole(createSecretRedactor([secret]), target as unknown as Console);
    (target.log as (...args: unknown[]) => void)('key %s', secret);
    (target.error as (...args: unknown[]) => void)('Unhandled error', new Error('wrapped', { cause: new Error(`upstream said ${secret}`) }));
    restore();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('key [redacted]');
    expect(lines[1]).toContain('upstream said [redacted]');
    expect(lines.join('\n')).not.toContain(secret);
  });
});

describe('a live SSE stream through the response redactor', () => {
  it('passes events on as they come and ends its subscription when the client leaves', async () => {
    const server = createTestServer({}, { providerEnv: { OPENAI_API_KEY: secret } });
    try {
      expect(server.context.secrets.size).toBe(1);
      await server.json('/api/pipelines', { body: chainDocument('slow', 'sim:writer?tps=50&ttft=0') });
      const { body } = await server.json<{ id: string }>('/api/runs', { body: { pipelineId: 'slow', inputs: { prompt: 'tell a long story' } } });
      const first = await readSse(await server.request(`/api/runs/${body.id}/events`), (messages) => messages.length >= 2);
      expect(first.length).toBeGreaterThanOrEqual(2);
      for (let attempt = 0; attempt < 100 && server.context.hub.size > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(server.context.hub.size).toBe(0);
      await server.json(`/api/runs/${body.id}/cancel`, { method: 'POST' });
    } finally {
      server.cleanup();
    }
  });
});

describe('a gateway answer that carries a known secret', () => {
  it('is masked whether streamed or not, and an answer without one is sent as it was built', async () => {
    // The upstream answers with the key in its text: only the answer's own text can bring it in.
    const upstream = await startOpenAIWireServer({ kind: 'answer', text: `the key is ${secret}, keep it` });
    const server = createTestServer({}, { providerEnv: { TANDEM_OPENAI_COMPATIBLE_URL: upstream.baseURL, TANDEM_OPENAI_COMPATIBLE_KEY: secret, TANDEM_OPENAI_COMPATIBLE_MODELS: 'upstream-model' } });
    try {
      expect(server.context.secrets.size).toBe(1);
      const ask = (stream: boolean) => server.request('/v1/chat/completions', { body: { model: 'local:upstream-model', stream, messages: [{ role: 'user', content: 'hi' }] } });
      const whole = await ask(false);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('x-content-type-options')).toBe('nosniff');
      const answer = (await whole.json()) as { choices: { message: { content: string } }[] };
      expect(answer.choices[0]!.message.content).toBe('the key is [redacted], keep it');
      const streamed = await (await ask(true)).text();
      expect(streamed).toContain('[redacted]');
      expect(streamed).not.toContain(secret);
      expect(upstream.requests.map((request) => request.body.stream ?? false)).toEqual([false, true]);

      upstream.behave({ kind: 'answer', text: 'nothing to hide' });
      const clean = await ask(false);
      // The very answer the route built: no copy, no stream through the redactor.
      expect(apiAnswerText(clean)).toContain('nothing to hide');
      expect(apiAnswerText(whole)).toBeUndefined();
      expect(((await clean.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('nothing to hide');
    } finally {
      server.cleanup();
      await upstream.close();
    }
  });
});
