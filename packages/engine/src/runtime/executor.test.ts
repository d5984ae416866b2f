import { describe, expect, it } from 'vitest';
import type { RunEvent } from '@tandem/shared';
import { createFakeModels } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline } from '../testing/run-pipeline.ts';
import { foldRunState } from './run-state.ts';

const chain = (model = 'fake:a') =>
  pipeline(
    [
      { id: 'input', kind: 'input' },
      { id: 'answer', kind: 'llm', config: { model, prompt: 'Q: {{input.prompt}}' } },
      { id: 'out', kind: 'output', config: { value: '{{answer.text}}' } },
    ],
    [['input', 'answer'], ['answer', 'out']],
  );

const types = (events: RunEvent[]) => events.map((event) => `${event.type}${event.nodeId ? `:${event.nodeId}` : ''}`);

describe('executePipeline', () => {
  describe('when a chain runs', () => {
    it('runs steps in order, renders templates and returns the outputs', async () => {
      const { outcome, events } = await runTestPipeline(chain(), { inputs: { prompt: 'hi' } });
      expect(outcome).toEqual({ status: 'completed', outputs: { out: 'echo: Q: hi' } });
      expect(types(events)).toEqual([
        'run.started',
        'step.started:input',
        'step.completed:input',
        'step.started:answer',
        'llm.call:answer',
        'step.completed:answer',
        'step.started:out',
        'step.completed:out',
        'run.completed',
      ]);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    });

    it('records model, prompt, tokens and cost of each call', async () => {
      const { events } = await runTestPipeline(chain(), { inputs: { prompt: 'hi' } });
      const state = foldRunState(events);
      expect(state.status).toBe('completed');
      expect(state.steps.answer!.calls[0]).toMatchObject({ role: 'main', model: 'fake:a', prompt: 'Q: hi', output: 'echo: Q: hi', usage: { inputTokens: 5, outputTokens: 11 } });
      expect(state.steps.answer!.calls[0]!.costUsd).toBeCloseTo((5 * 1 + 11 * 2) / 1e6);
    });
  });

  describe('when branches are independent', () => {
    it('runs them concurrently', async () => {
      const document = pipeline(
        [
          { id: 'input', kind: 'input' },
          { id: 'left', kind: 'llm', config: { model: 'fake:a', prompt: 'L' } },
          { id: 'right', kind: 'llm', config: { model: 'fake:a', prompt: 'R' } },
          { id: 'out', kind: 'output', config: { value: '{{left.text}}|{{right.text}}' } },
        ],
        [['input', 'left'], ['input', 'right'], ['left', 'out'], ['right', 'out']],
      );
      const { resolver } = createFakeModels({}, { delayMs: 150 });
      const { outcome, events } = await runTestPipeline(document, { models: resolver });
      expect(outcome.outputs).toEqual({ out: 'echo: L|echo: R' });
      const order = types(events);
      expect(order.indexOf('step.started:right')).toBeLessThan(order.indexOf('step.completed:left'));
      expect(order.indexOf('step.started:left')).toBeLessThan(order.indexOf('step.completed:right'));
    });
  });

  describe('when a step fails', () => {
    it('fails the run with the step named', async () => {
      const { resolver } = createFakeModels({ a: () => Object.assign(new Error('bad key'), { statusCode: 401 }) });
      const { outcome, events } = await runTestPipeline(chain(), { models: resolver });
      expect(outcome.status).toBe('failed');
      expect(outcome.error).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', nodeId: 'answer' });
      expect(types(events)).toContain('step.failed:answer');
      expect(types(events).at(-1)).toBe('run.failed');
    });

    it('names an unknown model', async () => {
      const { outcome } = await runTestPipeline(chain('nope:x'));
      expect(outcome.error?.message).toMatch(/nope:x/);
    });
  });

  describe('when the run is cancelled', () => {
    it('aborts the running step and ends cancelled', async () => {
      const controller = new AbortController();
      const { resolver } = createFakeModels({}, { delayMs: 5_000 });
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const { outcome, events } = await runTestPipeline(chain(), { models: resolver, signal: controller.signal });
      expect(outcome.status).toBe('cancelled');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(types(events).at(-1)).toBe('run.cancelled');
    });
  });

  describe('when a step exceeds its timeout', () => {
    it('fails it with STEP_TIMEOUT', async () => {
      const { resolver } = createFakeModels({}, { delayMs: 5_000 });
      const { outcome } = await runTestPipeline(chain(), { models: resolver, stepTimeoutMs: 50 });
      expect(outcome.error).toMatchObject({ code: 'STEP_TIMEOUT', nodeId: 'answer' });
    });
  });

  describe('when a run resumes from its log', () => {
    it('does not run completed steps again and continues the sequence', async () => {
      const first = await runTestPipeline(chain(), { inputs: { prompt: 'hi' } });
      const cut = first.events.findIndex((event) => event.type === 'step.started' && event.nodeId === 'out');
      const history = first.events.slice(0, cut + 1);
      const { resolver, calls } = createFakeModels();
      const { outcome, events } = await runTestPipeline(chain(), { inputs: { prompt: 'hi' }, models: resolver, history });
      expect(calls).toHaveLength(0);
      expect(outcome.outputs).toEqual({ out: 'echo: Q: hi' });
      const appended = events.slice(history.length);
      expect(appended[0]!.type).toBe('run.resumed');
      expect(appended.find((event) => event.nodeId === 'out' && event.type === 'step.started')!.attempt).toBe(2);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    });
  });
});
