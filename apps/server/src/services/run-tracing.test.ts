import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainDocument, createTestServer } from '../testing/test-server.ts';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: Record<string, unknown> }[];
  status?: { code?: number };
}

/** A tiny OTLP/HTTP receiver: decodes the JSON export of POST /v1/traces. */
async function startOtlpReceiver() {
  const spans: OtlpSpan[] = [];
  const resources: unknown[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: { resource: unknown; scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const resourceSpan of body.resourceSpans) {
          resources.push(resourceSpan.resource);
          for (const scope of resourceSpan.scopeSpans) spans.push(...scope.spans);
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, resources, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  return value && (value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.doubleValue ?? value.boolValue ?? value.arrayValue);
};

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let server: ReturnType<typeof createTestServer>;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  server = createTestServer({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_SERVICE_NAME: 'tandem-test' });
});
afterAll(async () => {
  server.cleanup();
  await receiver.close();
});

describe('OpenTelemetry export', () => {
  it('sends one span per run, step and model call, with GenAI attributes that match the stored trace', async () => {
    await server.json('/api/pipelines', { body: chainDocument('traced') });
    const { run, events } = await server.runToEnd('traced', { prompt: 'Trace me' });
    await server.context.tracing!.flush();
    const runSpan = receiver.spans.find((span) => span.name === 'run traced')!;
    expect(runSpan).toBeDefined();
    expect(attribute(runSpan, 'tandem.run.id')).toBe(run.id);
    const steps = receiver.spans.filter((span) => span.parentSpanId === runSpan.spanId);
    expect(steps.map((span) => span.name).sort()).toEqual(['step answer', 'step input', 'step out']);
    const answerStep = steps.find((span) => span.name === 'step answer')!;
    const callSpan = receiver.spans.find((span) => span.parentSpanId === answerStep.spanId)!;
    const call = events.find((event) => event.type === 'llm.call')!.data as { model: string; usage: { inputTokens: number; outputTokens: number } };
    expect(callSpan.name).toBe(`chat ${call.model}`);
    expect(attribute(callSpan, 'gen_ai.operation.name')).toBe('chat');
    expect(attribute(callSpan, 'gen_ai.request.model')).toBe(call.model);
    expect(attribute(callSpan, 'gen_ai.usage.input_tokens')).toBe(call.usage.inputTokens);
    expect(attribute(callSpan, 'gen_ai.usage.output_tokens')).toBe(call.usage.outputTokens);
    expect(new Set([runSpan, ...steps, callSpan].map((span) => span.traceId)).size).toBe(1);
    expect(BigInt(runSpan.endTimeUnixNano) / 1_000_000n).toBe(BigInt(run.finishedAt!));
    expect(JSON.stringify(receiver.resources)).toContain('tandem-test');
  });
});
