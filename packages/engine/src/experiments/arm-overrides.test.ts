import { describe, expect, it } from 'vitest';
import { StudioError } from '@tandem/shared';
import { applyConfigOverrides } from '../graph/config-overrides.ts';
import { checkPipeline } from '../graph/check-pipeline.ts';
import { createFakeModels } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline, testRegistry } from '../testing/run-pipeline.ts';
import { foldRunState } from '../runtime/run-state.ts';
import { runMetricsOf } from '../runtime/run-metrics.ts';
import { modelArms, variantArms } from './arm-overrides.ts';

const document = pipeline(
  [
    { id: 'input', kind: 'input' },
    { id: 'ab', kind: 'variants', config: { mode: 'split', key: '{{input.prompt}}', model: 'fake:writer', variants: [{ id: 'A', weight: 9, prompt: 'A {{input.prompt}}' }, { id: 'B', weight: 1, prompt: 'B {{input.prompt}}' }] } },
    { id: 'grade', kind: 'judge', config: { model: 'fake:judge', subject: '{{ab.text}}', criteria: 'clarity' } },
    { id: 'out', kind: 'output', config: { value: '{{ab.text}}' } },
  ],
  [['input', 'ab'], ['ab', 'grade'], ['grade', 'out']],
);

function errorOf(action: () => unknown): StudioError {
  try {
    action();
  } catch (error) {
    if (StudioError.is(error)) return error;
  }
  throw new Error('expected a StudioError');
}

describe('variant arms', () => {
  it('make one arm per variant, and each arm always serves its variant whatever the weights and key', async () => {
    const arms = variantArms(document, 'ab');
    expect(arms.map((arm) => arm.id)).toEqual(['A', 'B']);
    for (const arm of arms) {
      const merged = applyConfigOverrides(document, arm.overrides).document;
      expect(checkPipeline(merged, testRegistry).ok).toBe(true);
      for (const prompt of ['one', 'two', 'three']) {
        const models = createFakeModels({ judge: () => 'Score: 5' });
        const { events } = await runTestPipeline(merged, { inputs: { prompt }, models: models.resolver });
        expect(runMetricsOf(foldRunState(events)).variants.ab).toBe(arm.id);
      }
    }
  });

  it('refuse a node that is not a variants node, naming the field and the pipeline’s variants nodes', () => {
    const error = errorOf(() => variantArms(document, 'grade'));
    expect(error.code).toBe('EXPERIMENT_INVALID');
    expect(error.details).toMatchObject({ field: 'arms.nodeId' });
    expect(error.message).toContain('"ab"');
  });

  it('refuse a pipeline without variants node', () => {
    const plain = pipeline([{ id: 'input', kind: 'input' }, { id: 'out', kind: 'output', config: { value: 'x' } }], [['input', 'out']]);
    expect(errorOf(() => variantArms(plain, 'ab')).message).toContain('no variants node');
  });
});

describe('model arms', () => {
  it('override the model of an llm or judge and the primary model of a critique', () => {
    expect(modelArms(document, 'grade', ['fake:x', 'fake:y']).map((arm) => arm.overrides)).toEqual([{ grade: { model: 'fake:x' } }, { grade: { model: 'fake:y' } }]);
    const critique = pipeline(
      [
        { id: 'input', kind: 'input' },
        { id: 'c', kind: 'critique', config: { prompt: 'p', primary: { model: 'fake:a' }, secondary: { model: 'fake:b' } } },
        { id: 'out', kind: 'output', config: { value: '{{c.text}}' } },
      ],
      [['input', 'c'], ['c', 'out']],
    );
    expect(modelArms(critique, 'c', ['fake:z'])[0]!.overrides).toEqual({ c: { primary: { model: 'fake:z' } } });
  });

  it('refuse a node kind without a model to vary and a model listed twice', () => {
    expect(errorOf(() => modelArms(document, 'ab', ['fake:x'])).details).toMatchObject({ field: 'arms.nodeId' });
    expect(errorOf(() => modelArms(document, 'grade', ['fake:x', 'fake:x'])).details).toMatchObject({ field: 'arms.models.1' });
  });
});
