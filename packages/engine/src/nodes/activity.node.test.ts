import { describe, expect, it } from 'vitest';
import { StudioError } from '@tandem/shared';
import type { FunctionRegistry, HttpClient, HttpRequest, HttpResponse, RunServices, Sandbox } from '../ports/services.ts';
import { checkPipeline } from '../graph/check-pipeline.ts';
import { pipeline, runTestPipeline, testRegistry } from '../testing/run-pipeline.ts';

function activityPipeline(config: Record<string, unknown>) {
  return pipeline(
    [
      { id: 'input', kind: 'input' },
      { id: 'act', kind: 'activity', config },
      { id: 'out', kind: 'output', config: { value: '{{act}}' } },
    ],
    [
      ['input', 'act'],
      ['act', 'out'],
    ],
    { type: 'object', properties: { city: { type: 'string' }, token: { type: 'string' } } },
  );
}

function createFakeHttp(respond: (request: HttpRequest) => HttpResponse) {
  const requests: HttpRequest[] = [];
  const http: HttpClient = {
    async request(request) {
      requests.push(request);
      return respond(request);
    },
  };
  return { http, requests };
}

const run = (config: Record<string, unknown>, services: RunServices) =>
  runTestPipeline(activityPipeline(config), { services, inputs: { city: 'Oslo', token: 'secret' } });

describe('when an http activity runs', () => {
  it('renders url, headers and body, adds an idempotency key and parses JSON', async () => {
    const { http, requests } = createFakeHttp(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"temp": 4}' }));
    const { outcome } = await run(
      { type: 'http', method: 'POST', url: 'https://api.example.com/weather?city={{input.city}}', headers: { Authorization: 'Bearer {{input.token}}' }, body: '{"city": "{{input.city}}"}' },
      { http },
    );
    expect(outcome.outputs.out).toEqual({ status: 200, body: '{"temp": 4}', json: { temp: 4 }, headers: { 'content-type': 'application/json' } });
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.example.com/weather?city=Oslo',
      headers: { Authorization: 'Bearer secret', 'Idempotency-Key': 'run-1:act' },
      body: '{"city": "Oslo"}',
    });
    expect(requests[0]!.signal).toBeInstanceOf(AbortSignal);
  });

  it('defaults to GET and leaves json out when the body is not JSON', async () => {
    const { http, requests } = createFakeHttp(() => ({ status: 200, headers: {}, body: 'plain text' }));
    const { outcome } = await run({ type: 'http', url: 'https://example.com' }, { http });
    expect(requests[0]!.method).toBe('GET');
    expect(outcome.outputs.out).toEqual({ status: 200, body: 'plain text', headers: {} });
  });

  it('fails with HTTP_ACTIVITY_FAILED on a 4xx or 5xx status', async () => {
    const { http } = createFakeHttp(() => ({ status: 503, headers: {}, body: 'try later' }));
    const { outcome } = await run({ type: 'http', url: 'https://example.com' }, { http });
    expect(outcome.error).toMatchObject({ code: 'HTTP_ACTIVITY_FAILED', nodeId: 'act', message: expect.stringContaining('503') });
  });

  it('passes on the client’s SSRF refusal', async () => {
    const http: HttpClient = { request: () => Promise.reject(new StudioError('SSRF_BLOCKED', 'private address refused')) };
    const { outcome } = await run({ type: 'http', url: 'http://10.0.0.1' }, { http });
    expect(outcome.error).toMatchObject({ code: 'SSRF_BLOCKED' });
  });

  it('fails clearly when the host has no HTTP client', async () => {
    const { outcome } = await run({ type: 'http', url: 'https://example.com' }, {});
    expect(outcome.error).toMatchObject({ code: 'NODE_RUN_FAILED', message: expect.stringContaining('no HTTP client') });
  });
});

describe('when a js activity runs', () => {
  it('gives the sandbox the inputs and the completed steps and returns its value', async () => {
    const seen: unknown[] = [];
    const sandbox: Sandbox = {
      async run(code, input) {
        seen.push({ code, input });
        return `Hello ${(input as { inputs: { city: string } }).inputs.city}`;
      },
    };
    const code = 'return "{{not a template}}" + inputs.city';
    const { outcome } = await run({ type: 'js', code }, { sandbox });
    expect(outcome.outputs.out).toEqual({ value: 'Hello Oslo' });
    expect(seen[0]).toMatchObject({ code, input: { inputs: { city: 'Oslo' }, steps: { input: { city: 'Oslo' } } } });
  });

  it('fails clearly without a sandbox', async () => {
    const { outcome } = await run({ type: 'js', code: 'return 1' }, {});
    expect(outcome.error!.message).toContain('no JavaScript sandbox');
  });
});

describe('when a function activity runs', () => {
  const createRegistry = () => {
    const calls: { name: string; args: unknown }[] = [];
    const functions: FunctionRegistry = {
      async call(name, args) {
        calls.push({ name, args });
        if (name !== 'lookup') throw new StudioError('FUNCTION_UNKNOWN', `No function "${name}"`);
        return { found: true };
      },
      list: () => [{ name: 'lookup', description: 'Looks things up' }],
    };
    return { functions, calls };
  };

  it('evaluates each argument template and returns the value', async () => {
    const { functions, calls } = createRegistry();
    const { outcome } = await run({ type: 'function', name: 'lookup', args: { city: '{{input.city}}', where: 'in {{input.city}}', limit: 3 } }, { functions });
    expect(outcome.outputs.out).toEqual({ value: { found: true } });
    expect(calls[0]).toEqual({ name: 'lookup', args: { city: 'Oslo', where: 'in Oslo', limit: 3 } });
  });

  it('accepts one template as the whole argument', async () => {
    const { functions, calls } = createRegistry();
    await run({ type: 'function', name: 'lookup', args: '{{input}}' }, { functions });
    expect(calls[0]!.args).toEqual({ city: 'Oslo', token: 'secret' });
  });

  it('reports an unknown function', async () => {
    const { functions } = createRegistry();
    const { outcome } = await run({ type: 'function', name: 'nope' }, { functions });
    expect(outcome.error).toMatchObject({ code: 'FUNCTION_UNKNOWN' });
  });
});

describe('when the document is checked', () => {
  it('refuses an unknown activity type', () => {
    const result = checkPipeline(activityPipeline({ type: 'ftp', url: 'x' }), testRegistry);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ code: 'NODE_CONFIG_INVALID', nodeId: 'act' });
  });
});
