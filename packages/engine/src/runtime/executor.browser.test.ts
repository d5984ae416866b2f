// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { pipeline, runTestPipeline } from '../testing/run-pipeline.ts';

describe('the executor in a browser environment', () => {
  it('runs a pipeline with no Node APIs', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('object');
    const document = pipeline(
      [
        { id: 'input', kind: 'input' },
        { id: 'answer', kind: 'llm', config: { model: 'fake:a', prompt: '{{input.prompt}}' } },
        { id: 'out', kind: 'output', config: { value: '{{answer.text}}' } },
      ],
      [['input', 'answer'], ['answer', 'out']],
    );
    const { outcome } = await runTestPipeline(document, { inputs: { prompt: 'from the browser' } });
    expect(outcome.outputs).toEqual({ out: 'echo: from the browser' });
  });
});
