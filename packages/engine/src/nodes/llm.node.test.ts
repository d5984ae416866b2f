import { describe, expect, it } from 'vitest';
import { eventsOfType, type RunEvent } from '@tandem/shared';
import type { CachedCompletion, CompletionCache } from '../ports/services.ts';
import { createFakeClock } from '../testing/fake-clock.ts';
import { createFakeModels, providerFailure } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline } from '../testing/run-pipeline.ts';

function llmPipeline(config: Record<string, unknown>) {
  return pipeline(
    [
      { id: 'input', kind: 'input' },
      { id: 'answer', kind: 'llm', config: { model: 'fake:writer', prompt: 'Say {{input.prompt}}', ...config } },
      { id: 'out', kind: 'output', config: { value: '{{answer}}' } },
    ],
    [
      ['input', 'answer'],
      ['answer', 'out'],
    ],
  );
}

function createMemoryCache() {
  const entries = new Map<string, CachedCompletion>();
  const cache: CompletionCache = { get: async (key) => entries.get(key), set: async (key, value) => void entries.set(key, value) };
  return { cache, entries };
}

const ofType = eventsOfType;

describe('when cache is on and the same prompt runs twice', () => {
  it('answers the second run from the cache without calling the model', async () => {
    const { cache } = createMemoryCache();
    const models = createFakeModels({ writer: () => 'hello' });
    const document = llmPipeline({ cache: true });
    const first = await runTestPipeline(document, { models: models.resolver, services: { cache }, inputs: { prompt: 'hi' } });
    const second = await runTestPipeline(document, { models: models.resolver, services: { cache }, inputs: { prompt: 'hi' } });

    expect(models.calls).toHaveLength(1);
    expect(ofType(first.events, 'llm.call')[0]!.data.cached).toBe(false);
    expect(ofType(second.events, 'llm.call')[0]!.data).toMatchObject({ cached: true, output: 'hello' });
    expect(second.outcome.outputs.out).toMatchObject({ text: 'hello', cached: true });
  });

  it('never caches an error', async () => {
    const { cache, entries } = createMemoryCache();
    const models = createFakeModels({ writer: (_prompt, call) => (call === 1 ? new Error('boom') : 'recovered') });
    const document = llmPipeline({ cache: true });
    const first = await runTestPipeline(document, { models: models.resolver, services: { cache }, inputs: { prompt: 'hi' } });
    expect(first.outcome.status).toBe('failed');
    expect(entries.size).toBe(0);

    const second = await runTestPipeline(document, { models: models.resolver, services: { cache }, inputs: { prompt: 'hi' } });
    expect(second.outcome.outputs.out).toMatchObject({ text: 'recovered', cached: false });
    expect(models.calls).toHaveLength(2);
    expect(entries.size).toBe(1);
  });

  it('misses when the prompt differs', async () => {
    const { cache } = createMemoryCache();
    const models = createFakeModels({ writer: (prompt) => prompt });
    const document = llmPipeline({ cache: true });
    await runTestPipeline(document, { models: models.resolver, services: { cache }, inputs: { prompt: 'a' } });
    await runTestPipeline(document, { models: models.resolver, services: { cache }, inputs: { prompt: 'b' } });
    expect(models.calls).toHaveLength(2);
  });
});

describe('when the provider fails and a retry policy is set', () => {
  it('waits a jittered backoff below initialMs × factor^n between attempts and then succeeds', async () => {
    const { clock, sleeps } = createFakeClock();
    const models = createFakeModels({ writer: (_prompt, call) => (call <= 3 ? providerFailure(503, `flaky ${call}`) : 'finally') });
    const { outcome, events } = await runTestPipeline(llmPipeline({ retry: { maxRetries: 3, initialMs: 500, factor: 2 } }), {
      models: models.resolver,
      clock,
      inputs: { prompt: 'hi' },
    });

    expect(outcome.status).toBe('completed');
    expect(outcome.outputs.out).toMatchObject({ text: 'finally' });
    expect(sleeps).toHaveLength(3);
    [500, 1000, 2000].forEach((ceiling, index) => {
      expect(sleeps[index]).toBeGreaterThanOrEqual(0);
      expect(sleeps[index]).toBeLessThan(ceiling);
    });
    expect(ofType(events, 'step.retrying').map((event) => event.data.delayMs)).toEqual(sleeps);
    expect(models.calls).toHaveLength(4);
  });

  it('draws the same waits for the same run and step, and other waits for another run', async () => {
    const sleepsOf = async (runId: string) => {
      const { clock, sleeps } = createFakeClock();
      const models = createFakeModels({ writer: (_prompt, call) => (call <= 4 ? providerFailure(500) : 'ok') });
      await runTestPipeline(llmPipeline({ retry: { maxRetries: 4, initialMs: 1000, factor: 2 } }), { models: models.resolver, clock, runId });
      return sleeps;
    };
    const first = await sleepsOf('run-a');
    expect(await sleepsOf('run-a')).toEqual(first);
    expect(await sleepsOf('run-b')).not.toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('waits as long as Retry-After asks when that is longer than the backoff', async () => {
    const { clock, sleeps } = createFakeClock();
    const models = createFakeModels({ writer: (_prompt, call) => (call === 1 ? providerFailure(429, 'slow down', { 'retry-after': '2' }) : 'done') });
    const { outcome, events } = await runTestPipeline(llmPipeline({ retry: { maxRetries: 2, initialMs: 100, factor: 2 } }), { models: models.resolver, clock });
    expect(outcome.outputs.out).toMatchObject({ text: 'done' });
    expect(sleeps).toEqual([2000]);
    expect(ofType(events, 'step.retrying').map((event) => event.data)).toMatchObject([{ code: 'PROVIDER_RATE_LIMITED', delayMs: 2000, fallback: false }]);
  });

  it('does not wait when the provider asks for longer than a retry waits at most, and says so', async () => {
    const { clock, sleeps } = createFakeClock();
    const models = createFakeModels({ writer: () => providerFailure(429, 'quota', { 'retry-after': '120' }) });
    const { outcome } = await runTestPipeline(llmPipeline({ retry: { maxRetries: 3, initialMs: 100, factor: 2 } }), { models: models.resolver, clock });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'PROVIDER_RATE_LIMITED' });
    expect(outcome.error!.message).toContain('not retried: the provider asked to wait 120 s, longer than the 60 s a retry waits at most');
    expect(sleeps).toEqual([]);
    expect(models.calls).toHaveLength(1);
  });

  it('does not wait past the step timeout', async () => {
    const { clock, sleeps } = createFakeClock();
    const models = createFakeModels({ writer: () => providerFailure(503, 'busy', { 'retry-after': '30' }) });
    const { outcome } = await runTestPipeline(llmPipeline({ timeoutMs: 10_000, retry: { maxRetries: 3, initialMs: 100, factor: 2 } }), { models: models.resolver, clock });
    expect(outcome.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(outcome.error!.message).toContain("not retried: waiting 30 s would pass the step's timeout (10 s left)");
    expect(sleeps).toEqual([]);
  });

  it('fails the run once the retries are used up', async () => {
    const { clock, sleeps } = createFakeClock();
    const models = createFakeModels({ writer: () => providerFailure(502, 'down') });
    const { outcome } = await runTestPipeline(llmPipeline({ retry: { maxRetries: 2, initialMs: 100, factor: 3 } }), { models: models.resolver, clock });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ nodeId: 'answer', code: 'PROVIDER_UNAVAILABLE' });
    expect(sleeps).toHaveLength(2);
    expect(models.calls).toHaveLength(3);
  });

  it('does not retry what a retry cannot fix (a 400, an unknown error)', async () => {
    for (const failure of [providerFailure(400, 'bad request'), providerFailure(401, 'bad key'), new Error('parse error')]) {
      const { clock, sleeps } = createFakeClock();
      const models = createFakeModels({ writer: () => failure });
      const { outcome } = await runTestPipeline(llmPipeline({ retry: { maxRetries: 3, initialMs: 100, factor: 2 } }), { models: models.resolver, clock });
      expect(outcome.status).toBe('failed');
      expect(sleeps).toEqual([]);
      expect(models.calls).toHaveLength(1);
    }
  });
});

describe('when fallback models are set', () => {
  it('moves to the next model after the retries of the first', async () => {
    const { clock, sleeps } = createFakeClock();
    const models = createFakeModels({ writer: () => providerFailure(503, 'writer down'), backup: () => 'from backup' });
    const { outcome, events } = await runTestPipeline(
      llmPipeline({ retry: { maxRetries: 1, initialMs: 10, factor: 2 }, fallbackModels: ['fake:backup'] }),
      { models: models.resolver, clock },
    );
    expect(outcome.outputs.out).toMatchObject({ text: 'from backup', model: 'fake:backup' });
    expect(models.calls.map((call) => call.model)).toEqual(['fake:writer', 'fake:writer', 'fake:backup']);
    expect(ofType(events, 'step.retrying').map((event) => event.data)).toMatchObject([
      { model: 'fake:writer', fallback: false, delayMs: sleeps[0] },
      { model: 'fake:backup', fallback: true, delayMs: 0 },
    ]);
  });

  it('moves on at once when a failure cannot be retried or the wait would be too long', async () => {
    const models = createFakeModels({ writer: () => providerFailure(429, 'quota', { 'retry-after': '3600' }), backup: () => 'from backup' });
    const { clock, sleeps } = createFakeClock();
    const { outcome } = await runTestPipeline(llmPipeline({ retry: { maxRetries: 3, initialMs: 10, factor: 2 }, fallbackModels: ['fake:backup'] }), { models: models.resolver, clock });
    expect(outcome.outputs.out).toMatchObject({ text: 'from backup' });
    expect(sleeps).toEqual([]);
  });
});

describe('when an output schema is set', () => {
  const outputSchema = { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] };

  it('re-asks with the errors as feedback when the answer is not valid JSON for the schema', async () => {
    const models = createFakeModels({ writer: (_prompt, call) => (call === 1 ? 'no json here' : call === 2 ? '{"n": "two"}' : '```json\n{"n": 2}\n```') });
    const { outcome, events } = await runTestPipeline(llmPipeline({ outputSchema, retry: { maxRetries: 2, initialMs: 0, factor: 1 } }), { models: models.resolver });

    expect(outcome.status).toBe('completed');
    expect(outcome.outputs.out).toMatchObject({ json: { n: 2 } });
    expect(models.calls[1]!.prompt).toContain('not valid JSON');
    expect(models.calls[2]!.prompt).toContain('/n must be number');
    expect(ofType(events, 'step.retrying').map((event) => event.data.code)).toEqual(['OUTPUT_INVALID', 'OUTPUT_INVALID']);
  });

  it('fails with OUTPUT_INVALID when no retry is allowed', async () => {
    const models = createFakeModels({ writer: () => 'no json here' });
    const { outcome } = await runTestPipeline(llmPipeline({ outputSchema }), { models: models.resolver });
    expect(outcome.error).toMatchObject({ code: 'OUTPUT_INVALID', nodeId: 'answer' });
    expect(models.calls).toHaveLength(1);
  });

  it('fails after maxRetries invalid answers', async () => {
    const models = createFakeModels({ writer: () => '{"n": "never a number"}' });
    const { outcome } = await runTestPipeline(llmPipeline({ outputSchema, retry: { maxRetries: 1, initialMs: 0, factor: 1 } }), { models: models.resolver });
    expect(outcome.error).toMatchObject({ code: 'OUTPUT_INVALID' });
    expect(models.calls).toHaveLength(2);
  });

  it('validates against the introspect-wrapped schema and keeps the notes out of json', async () => {
    const answer = JSON.stringify({ _considerations: 'c', n: 1, _feedback: 'f' });
    const models = createFakeModels({ writer: () => answer });
    const { outcome } = await runTestPipeline(llmPipeline({ outputSchema, mixins: ['introspect'] }), { models: models.resolver });
    const output = outcome.outputs.out as Record<string, unknown>;
    expect(output.json).toEqual({ n: 1 });
    expect(output.introspection).toEqual({ considerations: 'c', feedback: 'f' });
    expect(output.text).toBe(answer);
  });

  it('refuses an introspect answer without its notes, naming the missing field', async () => {
    const models = createFakeModels({ writer: () => JSON.stringify({ n: 1 }) });
    const { outcome } = await runTestPipeline(llmPipeline({ outputSchema, mixins: ['introspect'] }), { models: models.resolver });
    expect(outcome.error).toMatchObject({ code: 'OUTPUT_INVALID' });
    expect(outcome.error?.message).toContain('_considerations');
  });
});

describe('when a validator sends the step back', () => {
  it('appends the feedback to the prompt and uses the override model', async () => {
    const models = createFakeModels({ writer: () => 'short', big: () => 'a much longer answer' });
    const document = pipeline(
      [
        { id: 'input', kind: 'input' },
        { id: 'answer', kind: 'llm', config: { model: 'fake:writer', prompt: 'Say {{input.prompt}}' } },
        { id: 'check', kind: 'validate', config: { target: 'answer', checks: [{ type: 'length', min: 10 }], maxRetries: 0, onFail: { type: 'fallbackModel', model: 'fake:big' } } },
        { id: 'out', kind: 'output', config: { value: '{{check.value}}' } },
      ],
      [
        ['input', 'answer'],
        ['check', 'out'],
      ],
    );
    const { outcome } = await runTestPipeline(document, { models: models.resolver, inputs: { prompt: 'hi' } });
    expect(outcome.outputs.out).toBe('a much longer answer');
    expect(models.calls[1]).toMatchObject({ model: 'fake:big' });
    expect(models.calls[1]!.prompt).toContain('Your previous answer was rejected');
  });
});
