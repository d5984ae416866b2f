import { describe, expect, it } from 'vitest';
import { pipeline, testRegistry } from '../testing/run-pipeline.ts';
import { checkPipeline } from './check-pipeline.ts';
import { applyConfigOverrides, mergeConfig } from './config-overrides.ts';

const document = pipeline(
  [
    { id: 'input', kind: 'input' },
    { id: 'answer', kind: 'critique', config: { prompt: '{{input.prompt}}', primary: { model: 'fake:a', temperature: 0.2 }, secondary: { model: 'fake:b' } } },
    { id: 'out', kind: 'output', config: { value: '{{answer.text}}' } },
  ],
  [['input', 'answer'], ['answer', 'out']],
);

describe('config overrides', () => {
  it('merge objects key by key and replace arrays and scalars', () => {
    expect(mergeConfig({ a: { b: 1, c: 2 }, list: [1, 2], keep: 'x' }, { a: { c: 3 }, list: [9], skip: undefined })).toEqual({ a: { b: 1, c: 3 }, list: [9], keep: 'x' });
  });

  it('change only the named node and leave the stored document untouched', () => {
    const { document: merged, problems } = applyConfigOverrides(document, { answer: { primary: { model: 'fake:c' } } });
    expect(problems).toEqual([]);
    expect(merged.nodes[1]!.config).toMatchObject({ primary: { model: 'fake:c', temperature: 0.2 }, secondary: { model: 'fake:b' } });
    expect(document.nodes[1]!.config).toMatchObject({ primary: { model: 'fake:a' } });
    expect(merged.nodes[2]).toBe(document.nodes[2]);
  });

  it('name an override of a node the pipeline does not have', () => {
    const { problems } = applyConfigOverrides(document, { ghost: { model: 'x' } });
    expect(problems).toEqual([expect.objectContaining({ nodeId: 'ghost', field: 'overrides.ghost' })]);
  });

  it('leave the merged config to the pipeline checks, which name node and field', () => {
    const { document: merged } = applyConfigOverrides(document, { answer: { rounds: 99 } });
    const check = checkPipeline(merged, testRegistry);
    expect(check.ok).toBe(false);
    expect(check.ok ? [] : check.problems).toEqual([expect.objectContaining({ nodeId: 'answer', field: 'config.rounds' })]);
  });
});
