import { describe, expect, it } from 'vitest';
import { eventsOfType, type RunEvent, type RunEventType } from '@tandem/shared';
import { createFakeClock } from '../testing/fake-clock.ts';
import { createFakeModels, providerFailure, type FakeAnswer } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline, testRegistry } from '../testing/run-pipeline.ts';
import { checkPipeline } from '../graph/check-pipeline.ts';

const ofType = <Type extends RunEventType>(events: RunEvent[], type: Type, nodeId?: string) =>
  eventsOfType(events, type).filter((event) => nodeId === undefined || event.nodeId === nodeId);

/** input → answer (llm, fake:writer) → check (validate) → out, plus an output reading the target directly. */
function guardedPipeline(validator: Record<string, unknown>, answer: Record<string, unknown> = {}) {
  return pipeline(
    [
      { id: 'input', kind: 'input' },
      { id: 'answer', kind: 'llm', config: { model: 'fake:writer', prompt: 'Write about {{input.prompt}}', ...answer } },
      { id: 'check', kind: 'validate', config: { target: 'answer', ...validator } },
      { id: 'out', kind: 'output', config: { value: '{{check}}' } },
      { id: 'raw', kind: 'output', config: { value: '{{answer.text}}' } },
    ],
    [
      ['input', 'answer'],
      ['answer', 'check'],
      ['check', 'out'],
      ['answer', 'raw'],
    ],
  );
}

async function run(validator: Record<string, unknown>, writer: FakeAnswer, extra: { models?: Record<string, FakeAnswer>; answer?: Record<string, unknown> } = {}) {
  const { clock, sleeps } = createFakeClock();
  const models = createFakeModels({ writer, ...extra.models });
  const result = await runTestPipeline(guardedPipeline(validator, extra.answer), {
    models: models.resolver,
    clock,
    inputs: { prompt: 'owls' },
  });
  return { ...result, sleeps, calls: models.calls };
}

const atLeastTen = [{ type: 'length', min: 10 }];
const badThenGood: FakeAnswer = (_prompt, call) => (call === 1 ? 'short' : 'a long enough answer');

describe('when the guarded step fails the check and then passes', () => {
  it('sends it back with the reasons, once, after the first backoff', async () => {
    const { outcome, events, sleeps, calls } = await run({ checks: atLeastTen }, badThenGood);

    expect(outcome.status).toBe('completed');
    expect(outcome.outputs.out).toEqual({
      valid: true,
      value: 'a long enough answer',
      attempts: 2,
      failures: [{ attempt: 1, reasons: ['length: is 5 long, shorter than the minimum 10'] }],
    });
    expect(ofType(events, 'step.started', 'answer').map((event) => event.attempt)).toEqual([1, 2]);
    expect(ofType(events, 'step.started', 'answer')[1]!.data.feedback).toContain('shorter than the minimum 10');
    expect(ofType(events, 'validate.result').map((event) => [event.data.attempt, event.data.valid])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(ofType(events, 'validate.result')[0]!.data.results).toEqual([{ type: 'length', passed: false, reason: 'is 5 long, shorter than the minimum 10' }]);
    const retrying = ofType(events, 'step.retrying');
    expect(retrying).toHaveLength(1);
    expect(retrying[0]).toMatchObject({ nodeId: 'answer', attempt: 1, data: { delayMs: 500, attempt: 2 } });
    expect(sleeps).toEqual([500]);
    expect(calls[1]!.prompt).toContain('Your previous answer was rejected');
    expect(outcome.outputs.raw).toBe('a long enough answer');
  });

  it('makes downstream readers of the target wait for the validator', async () => {
    const { events } = await run({ checks: atLeastTen }, badThenGood);
    const rawStarted = events.findIndex((event) => event.type === 'step.started' && event.nodeId === 'raw');
    const checkDone = events.findIndex((event) => event.type === 'step.completed' && event.nodeId === 'check');
    expect(rawStarted).toBeGreaterThan(checkDone);
  });
});

describe('when the retries are used up', () => {
  it('waits initialMs × factor^n between attempts', async () => {
    const { sleeps, outcome } = await run(
      { checks: atLeastTen, maxRetries: 3, backoff: { initialMs: 100, factor: 3 }, onFail: { type: 'default', value: 'n/a' } },
      () => 'short',
    );
    expect(sleeps).toEqual([100, 300, 900]);
    expect(outcome.outputs.out).toMatchObject({ attempts: 4 });
  });

  it('falls back to a default value; the target keeps its own output', async () => {
    const { outcome, events } = await run({ checks: atLeastTen, onFail: { type: 'default', value: 'n/a' } }, () => 'short');
    expect(outcome.status).toBe('completed');
    expect(outcome.outputs.out).toMatchObject({ valid: false, value: 'n/a', attempts: 3, usedFallback: 'default' });
    expect((outcome.outputs.out as { failures: unknown[] }).failures).toHaveLength(3);
    expect(outcome.outputs.raw).toBe('short');
    expect(ofType(events, 'validate.result').map((event) => event.data.attempt)).toEqual([1, 2, 3]);
  });

  it('falls back to another model for one more attempt', async () => {
    const { outcome, events, calls } = await run(
      { checks: atLeastTen, maxRetries: 1, onFail: { type: 'fallbackModel', model: 'fake:careful' } },
      () => 'short',
      { models: { careful: () => 'a careful and long answer' } },
    );
    expect(outcome.outputs.out).toMatchObject({ valid: true, value: 'a careful and long answer', attempts: 3, usedFallback: 'fallbackModel' });
    expect(calls.map((call) => call.model)).toEqual(['fake:writer', 'fake:writer', 'fake:careful']);
    expect(ofType(events, 'step.started', 'answer')[2]!.data).toMatchObject({ model: 'fake:careful' });
    expect(ofType(events, 'step.retrying').at(-1)!.data).toMatchObject({ fallback: true, model: 'fake:careful', attempt: 3 });
  });

  it('fails the run when the fallback model fails the check too', async () => {
    const { outcome } = await run({ checks: atLeastTen, maxRetries: 0, onFail: { type: 'fallbackModel', model: 'fake:careful' } }, () => 'short', {
      models: { careful: () => 'tiny' },
    });
    expect(outcome.error).toMatchObject({ code: 'VALIDATION_CHECK_FAILED', nodeId: 'check' });
  });

  it('fails the run with the reasons when onFail is fail', async () => {
    const { outcome, events } = await run({ checks: atLeastTen, maxRetries: 1 }, () => 'short');
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'VALIDATION_CHECK_FAILED', nodeId: 'check' });
    expect(outcome.error!.message).toContain('after 2 attempts');
    expect(outcome.error!.message).toContain('shorter than the minimum 10');
    expect(ofType(events, 'run.failed')).toHaveLength(1);
  });
});

describe('when the guarded step itself fails on a retry', () => {
  it('counts the failure as a failed attempt and keeps retrying', async () => {
    const writer: FakeAnswer = (_prompt, call) => (call === 1 ? 'short' : call === 2 ? new Error('provider hiccup') : 'a long enough answer');
    const { outcome, events } = await run({ checks: atLeastTen, maxRetries: 2 }, writer);
    expect(outcome.outputs.out).toMatchObject({ valid: true, attempts: 3 });
    expect(ofType(events, 'validate.result')[1]!.data).toMatchObject({ attempt: 2, valid: false, results: [{ type: 'target', passed: false }] });
    expect(ofType(events, 'step.failed', 'answer')).toHaveLength(1);
  });
});

describe('when the guarded step is refused by its provider with Retry-After', () => {
  it('waits at least as long as the provider asked before the next re-run', async () => {
    const writer: FakeAnswer = (_prompt, call) => (call === 1 ? 'short' : call === 2 ? providerFailure(429, 'slow down', { 'retry-after': '5' }) : 'a long enough answer');
    const { outcome, sleeps } = await run({ checks: atLeastTen, maxRetries: 2, backoff: { initialMs: 10, factor: 2 } }, writer);
    expect(outcome.outputs.out).toMatchObject({ valid: true, attempts: 3 });
    expect(sleeps).toEqual([10, 5000]);
  });

  it('gives up rather than wait longer than a retry waits at most, and says why', async () => {
    const writer: FakeAnswer = (_prompt, call) => (call === 1 ? 'short' : providerFailure(429, 'quota', { 'retry-after': '3600' }));
    const { outcome, sleeps } = await run({ checks: atLeastTen, maxRetries: 3, backoff: { initialMs: 10, factor: 2 } }, writer);
    expect(outcome.error).toMatchObject({ code: 'VALIDATION_CHECK_FAILED' });
    expect(outcome.error!.message).toContain('not retried: the provider asked to wait 3600 s');
    expect(sleeps).toEqual([10]);
  });
});

describe('when a guarded llm step must answer with JSON', () => {
  const schema = { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] };

  it('hands invalid JSON to the validator instead of failing, and the retry fixes it', async () => {
    const writer: FakeAnswer = (_prompt, call) => (call === 1 ? '{"n": ' : '{"n": 3}');
    const { outcome, events } = await run({ checks: [{ type: 'jsonSchema', schema }] }, writer, { answer: { outputSchema: schema } });
    expect(outcome.status).toBe('completed');
    expect(outcome.outputs.out).toMatchObject({ valid: true, value: { n: 3 }, attempts: 2 });
    expect(ofType(events, 'validate.result')[0]!.data.results).toEqual([{ type: 'jsonSchema', passed: false, reason: 'the value is not valid JSON' }]);
  });
});

describe('when the document is checked', () => {
  const problemsFor = (target: string, extraNodes: { id: string; kind: string; config?: Record<string, unknown> }[] = []) => {
    const document = pipeline(
      [
        { id: 'input', kind: 'input' },
        ...extraNodes,
        { id: 'check', kind: 'validate', config: { target, checks: atLeastTen } },
        { id: 'out', kind: 'output', config: { value: '{{check.value}}' } },
      ],
      [['check', 'out']],
    );
    const result = checkPipeline(document, testRegistry);
    return result.ok ? [] : result.problems.filter((problem) => problem.nodeId === 'check');
  };

  it('refuses a missing target', () => {
    expect(problemsFor('nowhere')).toMatchObject([{ code: 'GRAPH_REFERENCE_UNKNOWN', field: 'config.target' }]);
  });

  it('refuses a validator guarding itself', () => {
    expect(problemsFor('check')[0]).toMatchObject({ code: 'NODE_CONFIG_INVALID', message: expect.stringContaining('cannot guard itself') });
  });

  it('refuses a target that cannot be re-run', () => {
    expect(problemsFor('input')[0]).toMatchObject({ code: 'NODE_CONFIG_INVALID', message: expect.stringContaining('cannot be re-run') });
  });

  it('accepts an llm target and depends on it', () => {
    const document = guardedPipeline({ checks: atLeastTen });
    const result = checkPipeline(document, testRegistry);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.plan.dependencies.get('check')).toContain('answer');
  });
});
