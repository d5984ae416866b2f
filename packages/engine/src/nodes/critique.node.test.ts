import { describe, expect, it } from 'vitest';
import { eventsOfType, type RunEvent } from '@tandem/shared';
import { createFakeModels, type FakeAnswer } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline } from '../testing/run-pipeline.ts';
import { critiqueNode, defaultCritiqueGoal } from './critique.node.ts';

const ofType = eventsOfType;

function critiquePipeline(config: Record<string, unknown>, extra: { id: string; kind: string; config?: Record<string, unknown> }[] = [], extraEdges: [string, string][] = []) {
  return pipeline(
    [
      { id: 'input', kind: 'input' },
      {
        id: 'answer',
        kind: 'critique',
        config: { prompt: 'Explain {{input.prompt}}', primary: { model: 'fake:writer', temperature: 0.7 }, secondary: { model: 'fake:critic' }, ...config },
      },
      { id: 'out', kind: 'output', config: { value: '{{answer}}' } },
      ...extra,
    ],
    [['input', 'answer'], ['answer', 'out'], ...extraEdges],
  );
}

const writer: FakeAnswer = (_prompt, call) => `draft ${call}`;
const critic: FakeAnswer = (_prompt, call) => `guidance ${call}`;

describe('when critique runs two rounds', () => {
  it('calls primary, secondary, primary, secondary, primary and records each round', async () => {
    const models = createFakeModels({ writer, critic });
    const { outcome, events } = await runTestPipeline(critiquePipeline({ rounds: 2 }), { models: models.resolver, inputs: { prompt: 'tides' } });

    expect(outcome.status).toBe('completed');
    expect(models.calls.map((call) => call.model)).toEqual(['fake:writer', 'fake:critic', 'fake:writer', 'fake:critic', 'fake:writer']);
    expect(ofType(events, 'llm.call').map((event) => event.data.role)).toEqual(['primary', 'secondary', 'primary', 'secondary', 'primary']);

    const rounds = ofType(events, 'critique.round').map((event) => event.data);
    expect(rounds).toEqual([
      { round: 1, draft: 'draft 1', guidance: 'guidance 1', refined: 'draft 2' },
      { round: 2, draft: 'draft 2', guidance: 'guidance 2', refined: 'draft 3' },
    ]);
    expect(outcome.outputs.out).toEqual(
      expect.objectContaining({
        text: 'draft 3',
        model: 'fake:writer',
        rounds: [
          { round: 1, draft: 'draft 1', guidance: 'guidance 1' },
          { round: 2, draft: 'draft 2', guidance: 'guidance 2' },
        ],
      }),
    );
  });

  it('gives the secondary the goal as system and the task with the draft', async () => {
    const models = createFakeModels({ writer, critic });
    await runTestPipeline(critiquePipeline({ rounds: 1, system: 'Be brief.' }), { models: models.resolver, inputs: { prompt: 'tides' } });
    const [first, review, refine] = models.calls;
    expect(first).toEqual({ model: 'fake:writer', prompt: 'Explain tides', system: 'Be brief.' });
    expect(review!.system).toBe(defaultCritiqueGoal);
    expect(review!.prompt).toContain('Explain tides');
    expect(review!.prompt).toContain('draft 1');
    expect(refine!.system).toBe('Be brief.');
    expect(refine!.prompt).toContain('Explain tides');
    expect(refine!.prompt).toContain('Previous answer:\ndraft 1');
    expect(refine!.prompt).toContain('Improve your answer using this guidance:\nguidance 1');
  });

  it('sums the usage of every call', async () => {
    const models = createFakeModels({ writer, critic });
    const { outcome, events } = await runTestPipeline(critiquePipeline({ rounds: 2 }), { models: models.resolver, inputs: { prompt: 'tides' } });
    const calls = ofType(events, 'llm.call').map((event) => event.data.usage as { inputTokens: number; outputTokens: number });
    expect((outcome.outputs.out as { usage: unknown }).usage).toEqual({
      inputTokens: calls.reduce((sum, usage) => sum + usage.inputTokens, 0),
      outputTokens: calls.reduce((sum, usage) => sum + usage.outputTokens, 0),
    });
  });
});

describe('when critique is switched off or has no rounds', () => {
  it.each([{ enabled: false }, { rounds: 0 }])('makes a single primary call (%o)', async (config) => {
    const models = createFakeModels({ writer, critic });
    const { outcome, events } = await runTestPipeline(critiquePipeline(config), { models: models.resolver, inputs: { prompt: 'tides' } });
    expect(models.calls.map((call) => call.model)).toEqual(['fake:writer']);
    expect(ofType(events, 'critique.round')).toHaveLength(0);
    expect(outcome.outputs.out).toMatchObject({ text: 'draft 1', rounds: [] });
  });
});

describe('when a validator sends the critique back', () => {
  it('adds the feedback to the task and uses the fallback model as primary', async () => {
    const models = createFakeModels({ writer: () => 'bad', critic, careful: () => 'good and careful' });
    const validator = {
      id: 'check',
      kind: 'validate',
      config: { target: 'answer', checks: [{ type: 'contains', text: 'good' }], maxRetries: 0, onFail: { type: 'fallbackModel', model: 'fake:careful' } },
    };
    const { outcome } = await runTestPipeline(critiquePipeline({ rounds: 0 }, [validator]), { models: models.resolver, inputs: { prompt: 'tides' } });
    expect(outcome.status).toBe('completed');
    expect(models.calls[1]).toMatchObject({ model: 'fake:careful' });
    expect(models.calls[1]!.prompt).toContain('must contain "good"');
    expect(outcome.outputs.out).toMatchObject({ text: 'good and careful', model: 'fake:careful' });
  });
});

describe('when critique is estimated', () => {
  it('counts 1 + 2 × rounds calls', () => {
    const models = createFakeModels();
    const config = critiqueNode.config.parse({ prompt: 'x', primary: { model: 'fake:writer' }, secondary: { model: 'fake:critic' }, rounds: 3 });
    expect(critiqueNode.estimate!(config, models.resolver.describe)!.calls).toBe(7);
    expect(critiqueNode.estimate!({ ...config, enabled: false }, models.resolver.describe)!.calls).toBe(1);
  });

  it('fills in the default goal, two rounds and enabled', () => {
    const config = critiqueNode.config.parse({ prompt: 'x', primary: { model: 'a' }, secondary: { model: 'b' } });
    expect(config).toMatchObject({ goal: defaultCritiqueGoal, rounds: 2, enabled: true });
  });
});
