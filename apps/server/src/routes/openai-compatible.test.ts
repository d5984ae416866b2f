import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '@tandem/shared';
import { startListeningTestServer, type ListeningTestServer } from '../testing/listening-server.ts';
import { startOpenAIWireServer, type OpenAIWireServer } from '../testing/openai-wire-server.ts';
import { chainDocument } from '../testing/test-server.ts';

let harness: ListeningTestServer;
let client: OpenAI;
let upstream: OpenAIWireServer;

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city', 'unit'], additionalProperties: false },
  },
};

function slowChain(id: string, model: string): PipelineDocument {
  return chainDocument(id, model);
}

beforeAll(async () => {
  upstream = await startOpenAIWireServer();
  harness = await startListeningTestServer(
    { TANDEM_API_KEYS: 'test-key-0123456789', TANDEM_STREAM_KEEPALIVE_MS: 40 },
    { providerEnv: { TANDEM_OPENAI_COMPATIBLE_URL: upstream.baseURL, TANDEM_OPENAI_COMPATIBLE_MODELS: 'upstream-model' } },
  );
  await harness.server.json('/api/pipelines', { body: chainDocument('chat-chain') });
  await harness.server.json('/api/pipelines', { body: slowChain('slow-chain', 'sim:writer?tps=150&ttft=20') });
  await harness.server.json('/api/pipelines', { body: slowChain('very-slow-chain', 'sim:writer?tps=5&ttft=300') });
  client = harness.client('test-key-0123456789');
});
afterAll(async () => {
  await harness.close();
  await upstream.close();
});

describe('models', () => {
  it('lists pipelines (with the parameters that apply to them), pools and provider models', async () => {
    const models = (await client.models.list()).data as (OpenAI.Models.Model & { tandem?: { parameters?: string[] } })[];
    const pipeline = models.find((model) => model.id === 'pipeline:chat-chain');
    expect(pipeline?.tandem?.parameters).toEqual(expect.arrayContaining(['messages', 'stream', 'stream_options']));
    expect(pipeline?.tandem?.parameters).not.toContain('temperature');
    expect(models.some((model) => model.id.startsWith('sim:'))).toBe(true);
  });

  it('retrieves one model, and answers an unknown model or path with OpenAI-shaped 404s', async () => {
    expect(await client.models.retrieve('sim:writer')).toMatchObject({ id: 'sim:writer', object: 'model', owned_by: 'sim' });
    await expect(client.models.retrieve('nosuch:model')).rejects.toMatchObject({ status: 404, error: { code: 'model_not_found' } });
    const unknownPath = await fetch(`${harness.origin}/v1/embeddings-nope`, { headers: { authorization: 'Bearer test-key-0123456789' } });
    expect(unknownPath.status).toBe(404);
    expect(await unknownPath.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('/v1/embeddings-nope') } });
  });
});

describe('parameters reach the model, or are refused by name', () => {
  it('calls a tool with arguments valid for its parameters, finish_reason tool_calls, then answers the tool result', async () => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'What is the weather in Lisbon?' }];
    const first = await client.chat.completions.create({ model: 'sim:instant', messages, tools: [weatherTool], tool_choice: 'required' });
    const choice = first.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls![0]! as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toMatchObject({ city: expect.any(String), unit: expect.stringMatching(/^(celsius|fahrenheit)$/) });
    const second = await client.chat.completions.create({
      model: 'sim:instant',
      messages: [...messages, choice.message, { role: 'tool', tool_call_id: call.id, content: '{"temperature":19}' }],
      tools: [weatherTool],
    });
    expect(second.choices[0]!.finish_reason).toBe('stop');
    expect(second.choices[0]!.message.content).toContain('get_weather returned {"temperature":19}');
  });

  it('streams tool calls as OpenAI does (the client assembles them)', async () => {
    const stream = client.chat.completions.stream({ model: 'sim:fast?tps=5000&ttft=5', messages: [{ role: 'user', content: 'Weather in Oslo?' }], tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_weather' } } });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(JSON.parse((final.choices[0]!.message.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall).function.arguments)).toHaveProperty('city');
  });

  it('parses structured output with chat.completions.parse() for json_schema, and gives JSON for json_object', async () => {
    const schema = { type: 'object', properties: { title: { type: 'string' }, year: { type: 'integer', minimum: 1900, maximum: 2100 } }, required: ['title', 'year'], additionalProperties: false };
    const parsed = await client.chat.completions.parse({
      model: 'sim:instant',
      messages: [{ role: 'user', content: 'Name a film about the sea.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'film', schema, strict: true } },
    });
    expect(parsed.choices[0]!.message.parsed).toMatchObject({ title: expect.any(String), year: expect.any(Number) });
    const object = await client.chat.completions.create({ model: 'sim:instant', messages: [{ role: 'user', content: 'Describe a cat as JSON.' }], response_format: { type: 'json_object' } });
    expect(() => JSON.parse(object.choices[0]!.message.content!)).not.toThrow();
  });

  it('honours stop, seed and max_tokens (finish_reason length)', async () => {
    const ask = (extra: Partial<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>) =>
      client.chat.completions.create({ model: 'sim:instant', messages: [{ role: 'user', content: 'Explain how tides work.' }], ...extra });
    const full = (await ask({})).choices[0]!.message.content!;
    const word = full.split(' ')[3]!;
    const stopped = await ask({ stop: [word] });
    expect(stopped.choices[0]!.message.content).toBe(full.slice(0, full.indexOf(word)));
    expect(stopped.choices[0]!.finish_reason).toBe('stop');
    const [a, b, c] = await Promise.all([ask({ seed: 1, temperature: 1 }), ask({ seed: 1, temperature: 1 }), ask({ seed: 2, temperature: 1 })]);
    expect(b.choices[0]!.message.content).toBe(a.choices[0]!.message.content);
    expect(c.choices[0]!.message.content).not.toBe(a.choices[0]!.message.content);
    const short = await ask({ max_tokens: 3 });
    expect(short.choices[0]!.finish_reason).toBe('length');
    expect(short.usage!.completion_tokens).toBe(3);
  });

  it('passes tools, tool_choice, response_format, stop and seed to an upstream provider', async () => {
    upstream.requests.length = 0;
    await client.chat.completions.create({
      model: 'local:upstream-model',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello' }],
      tools: [weatherTool],
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      stop: ['END'],
      seed: 42,
      max_tokens: 50,
      temperature: 0.3,
    });
    expect(upstream.requests[0]!.body).toMatchObject({
      model: 'upstream-model',
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: weatherTool.function.parameters } }],
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      stop: ['END'],
      seed: 42,
      max_tokens: 50,
      temperature: 0.3,
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello' }],
    });
  });

  it('refuses what it cannot honour with a 400 naming the parameter', async () => {
    const base = { model: 'sim:instant', messages: [{ role: 'user' as const, content: 'hi' }] };
    await expect(client.chat.completions.create({ ...base, n: 2 })).rejects.toMatchObject({ status: 400, error: { param: 'n', type: 'invalid_request_error' } });
    await expect(client.chat.completions.create({ ...base, logprobs: true })).rejects.toMatchObject({ status: 400, error: { param: 'logprobs' } });
    await expect(client.chat.completions.create({ ...base, frobnicate: 1 } as never)).rejects.toMatchObject({ status: 400, error: { param: 'frobnicate', message: expect.stringContaining('Unrecognized request argument') } });
    await expect(client.chat.completions.create({ ...base, model: 'pipeline:chat-chain', temperature: 0.5 })).rejects.toMatchObject({ status: 400, error: { param: 'temperature' } });
    await expect(client.chat.completions.create({ ...base, messages: [] })).rejects.toMatchObject({ status: 400, error: { param: 'messages' } });
    await expect(client.chat.completions.create({ ...base, tool_choice: { type: 'function', function: { name: 'ghost' } }, tools: [weatherTool] })).rejects.toMatchObject({ status: 400, error: { param: 'tool_choice' } });
    // n = 1 and logprobs = false are the defaults, and accepted.
    expect((await client.chat.completions.create({ ...base, n: 1, logprobs: false, user: 'someone' })).choices).toHaveLength(1);
  });
});

describe('streaming', () => {
  it('sends usage in a final chunk with empty choices only when asked', async () => {
    const chunks = async (includeUsage: boolean) => {
      const stream = await client.chat.completions.create({ model: 'sim:instant', messages: [{ role: 'user', content: 'Say something.' }], stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) });
      const all: OpenAI.Chat.ChatCompletionChunk[] = [];
      for await (const chunk of stream) all.push(chunk);
      return all;
    };
    const withUsage = await chunks(true);
    expect(withUsage.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
    expect(withUsage.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect((await chunks(false)).every((chunk) => !chunk.usage && chunk.choices.length === 1)).toBe(true);
  });

  it('streams a pipeline’s answering step as it is produced, then the whole output', async () => {
    const stream = await client.chat.completions.create({ model: 'pipeline:slow-chain', messages: [{ role: 'user', content: 'Describe a harbour at dawn.' }], stream: true }).withResponse();
    const runId = stream.response.headers.get('x-tandem-run-id')!;
    let text = '';
    let statusAtFirstToken: string | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream.data) {
      const piece = chunk.choices[0]?.delta.content ?? '';
      if (piece && statusAtFirstToken === undefined) statusAtFirstToken = (await harness.server.json<{ status: string }>(`/api/runs/${runId}`)).body.status;
      text += piece;
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(statusAtFirstToken).toBe('running');
    expect(finish).toBe('stop');
    const run = await harness.server.json<{ outputs: { out: string } }>(`/api/runs/${runId}`);
    expect(text).toBe(run.body.outputs.out);
  });

  it('answers a pipeline without streaming: its whole output, the run named in a header', async () => {
    const answer = await client.chat.completions.create({ model: 'pipeline:chat-chain', messages: [{ role: 'user', content: 'Describe a harbour at dawn.' }] }).withResponse();
    const runId = answer.response.headers.get('x-tandem-run-id');
    expect(runId).toBeTruthy();
    expect(answer.response.headers.get('x-content-type-options')).toBe('nosniff');
    const run = await harness.server.json<{ status: string; outputs: { out: string } }>(`/api/runs/${runId}`);
    expect(run.body.status).toBe('completed');
    expect(answer.data.choices[0]!.message.content).toBe(run.body.outputs.out);
  });

  it('sends keep-alive comments while a pipeline has nothing to say, and cancels the run when the client leaves', async () => {
    const controller = new AbortController();
    const response = await fetch(`${harness.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key-0123456789' },
      body: JSON.stringify({ model: 'pipeline:very-slow-chain', messages: [{ role: 'user', content: 'Tell a long story.' }], stream: true }),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const runId = response.headers.get('x-tandem-run-id')!;
    const reader = response.body!.getReader();
    let received = '';
    while (!received.includes(': keep-alive')) received += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const outcome = await harness.server.context.runs.waitForSettled(runId);
    expect(outcome.status).toBe('cancelled');
  });
});

describe('errors', () => {
  it('maps upstream failures to their status in OpenAI’s shape, Retry-After included', async () => {
    upstream.behave({ kind: 'fail', status: 503 });
    await expect(client.chat.completions.create({ model: 'local:upstream-model', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 503, error: { type: 'api_error', code: 'PROVIDER_UNAVAILABLE' } });
    upstream.behave({ kind: 'fail', status: 422, message: 'unprocessable' });
    await expect(client.chat.completions.create({ model: 'local:upstream-model', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 422, error: { type: 'invalid_request_error' } });
    upstream.behave({ kind: 'fail', status: 429, retryAfter: '7' });
    const limited = await client.chat.completions.create({ model: 'local:upstream-model', messages: [{ role: 'user', content: 'x' }] }).then(() => expect.fail('expected a refusal'), (error: unknown) => error as InstanceType<typeof OpenAI.APIError>);
    expect(limited).toMatchObject({ status: 429, error: { type: 'rate_limit_error' } });
    expect(limited.headers?.get('retry-after')).toBe('7');
    upstream.behave({ kind: 'answer' });
    await expect(client.chat.completions.create({ model: 'sim:x?errorRate=1', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 503 });
    await expect(client.chat.completions.create({ model: 'nosuch:model', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 404, error: { code: 'model_not_found', param: 'model' } });
    await expect(client.chat.completions.create({ model: 'pipeline:ghost', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 404 });
    await expect(harness.client('wrong').models.list()).rejects.toMatchObject({ status: 401, error: { type: 'authentication_error' } });
  });

  it('ends a stream that fails after its first tokens with an error the client raises, never a truncated stop', async () => {
    upstream.behave({ kind: 'drop', tokens: 2 });
    const stream = await client.chat.completions.create({ model: 'local:upstream-model', messages: [{ role: 'user', content: 'one two three four five six' }], stream: true });
    const pieces: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) {
        pieces.push(chunk.choices[0]?.delta.content ?? '');
        expect(chunk.choices[0]?.finish_reason ?? null).toBeNull();
      }
    })().catch((error: unknown) => error as Error);
    upstream.behave({ kind: 'answer' });
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(String((failure as Error).message)).not.toContain('[object Object]');
    expect(pieces.join('')).toBe('echo: one ');
  });
});

describe('metrics', () => {
  it('counts direct model calls through /v1 in /metrics', async () => {
    await client.chat.completions.create({ model: 'sim:instant', messages: [{ role: 'user', content: 'count me' }] });
    const text = await (await fetch(`${harness.origin}/metrics`)).text();
    expect(text).toMatch(/tandem_gateway_requests_total\{route="chat\.completions",key="env-1",model="sim:instant",status="200"\} [1-9]/);
    expect(text).toMatch(/tandem_llm_tokens_total\{model="sim:instant",direction="output",source="v1"\} [1-9]/);
  });
});
