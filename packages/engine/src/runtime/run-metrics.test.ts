import { describe, expect, it } from 'vitest';
import { createFakeModels } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline } from '../testing/run-pipeline.ts';
import { foldRunState } from './run-state.ts';
import { runMetricsOf } from './run-metrics.ts';

describe('the metrics of a run', () => {
  it('read judge scores, validator passes, the split variant, tokens, cost and latency from the fold', async () => {
    const document = pipeline(
      [
        { id: 'input', kind: 'input' },
        { id: 'ab', kind: 'variants', config: { mode: 'split', model: 'fake:writer', variants: [{ id: 'only', weight: 1, prompt: 'Say {{input.prompt}}' }] } },
        { id: 'check', kind: 'validate', config: { target: 'ab', checks: [{ type: 'contains', text: 'hello' }], maxRetries: 0, onFail: { type: 'default', value: 'x' } } },
        { id: 'grade', kind: 'judge', config: { model: 'fake:judge', subject: '{{ab.text}}', criteria: 'clarity' } },
        { id: 'out', kind: 'output', config: { value: '{{grade.score}}' } },
      ],
      [['input', 'ab'], ['ab', 'check'], ['ab', 'grade'], ['grade', 'out'], ['check', 'out']],
    );
    const models = createFakeModels({ writer: () => 'goodbye there', judge: () => 'Score: 7\nReason: fine' });
    const { outcome, events } = await runTestPipeline(document, { inputs: { prompt: 'hi' }, models: models.resolver });
    expect(outcome.status).toBe('completed');
    const metrics = runMetricsOf(foldRunState(events));
    expect(metrics.variants).toEqual({ ab: 'only' });
    expect(metrics.values).toMatchObject({ 'grade.score': 7, 'check.valid': false });
    expect(metrics.values.inputTokens).toBeGreaterThan(0);
    expect(metrics.values.outputTokens).toBeGreaterThan(0);
    expect(metrics.values.costUsd).toBeGreaterThan(0);
    const state = foldRunState(events);
    expect(metrics.values.latencyMs).toBe(state.finishedAt! - state.startedAt!);
  });

  it('give no score for a judge that failed, and still count what the run spent', async () => {
    const document = pipeline(
      [
        { id: 'input', kind: 'input' },
        { id: 'grade', kind: 'judge', config: { model: 'fake:judge', subject: '{{input.prompt}}', criteria: 'clarity' } },
        { id: 'out', kind: 'output', config: { value: '{{grade.score}}' } },
      ],
      [['input', 'grade'], ['grade', 'out']],
    );
    const models = createFakeModels({ judge: () => 'no score here' });
    const { outcome, events } = await runTestPipeline(document, { inputs: { prompt: 'hi' }, models: models.resolver });
    expect(outcome.status).toBe('failed');
    const { values } = runMetricsOf(foldRunState(events));
    expect(values['grade.score']).toBeUndefined();
    expect(values.costUsd).toBeGreaterThan(0);
    expect(Object.values(values).every((value) => typeof value === 'boolean' || Number.isFinite(value))).toBe(true);
  });
});
