import { describe, expect, it } from 'vitest';
import { eventsOfType, type RunEvent } from '@tandem/shared';
import { checkPipeline } from '../graph/check-pipeline.ts';
import { createFakeModels } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline, testRegistry } from '../testing/run-pipeline.ts';
import { assignmentUnit, pickWeighted } from './variant-assignment.ts';

const ofType = eventsOfType;

const twoVariants = [
  { id: 'short', weight: 1, prompt: 'Briefly: {{input.prompt}}' },
  { id: 'long', weight: 3, prompt: 'In depth: {{input.prompt}}', system: 'You are thorough.', model: 'fake:deep' },
];

function variantsPipeline(config: Record<string, unknown>) {
  return pipeline(
    [
      { id: 'input', kind: 'input' },
      { id: 'ab', kind: 'variants', config: { model: 'fake:writer', variants: twoVariants, ...config } },
      { id: 'out', kind: 'output', config: { value: '{{ab}}' } },
    ],
    [
      ['input', 'ab'],
      ['ab', 'out'],
    ],
    { type: 'object', properties: { prompt: { type: 'string' }, userId: { type: 'string' } } },
  );
}

const answers = { writer: (prompt: string) => `writer: ${prompt}`, deep: (prompt: string) => `deep: ${prompt}` };

describe('when split mode has a key', () => {
  it('assigns the same variant to the same key every time', async () => {
    const document = variantsPipeline({ mode: 'split', key: '{{input.userId}}' });
    const seen = new Set<unknown>();
    for (let index = 0; index < 100; index++) {
      const { outcome } = await runTestPipeline(document, {
        runId: `run-${index}`,
        models: createFakeModels(answers).resolver,
        inputs: { prompt: 'owls', userId: 'user-42' },
      });
      seen.add((outcome.outputs.out as { variant: string }).variant);
    }
    expect(seen.size).toBe(1);
  });

  it('records the assignment with the key and answers with the picked variant', async () => {
    const { outcome, events } = await runTestPipeline(variantsPipeline({ key: '{{input.userId}}' }), {
      models: createFakeModels(answers).resolver,
      inputs: { prompt: 'owls', userId: 'user-42' },
    });
    const out = outcome.outputs.out as { variant: string; text: string; model: string; usage: unknown; latencyMs: number };
    const assigned = ofType(events, 'variant.assigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]!.data).toEqual({ variant: out.variant, mode: 'split', key: 'user-42' });
    expect(Object.keys(out).sort()).toEqual(['latencyMs', 'model', 'text', 'usage', 'variant']);
    expect(out.text).toBe(out.variant === 'long' ? 'deep: In depth: owls' : 'writer: Briefly: owls');
    expect(ofType(events, 'llm.call')[0]!.data.role).toBe(`variant:${out.variant}`);
  });

  it('spreads 2000 keys roughly by weight (1:3)', () => {
    const counts = { short: 0, long: 0 };
    for (let index = 0; index < 2000; index++) {
      const unit = assignmentUnit({ key: `user-${index}`, pipelineId: 'test', nodeId: 'ab', runId: 'ignored' });
      counts[pickWeighted(twoVariants, unit)!.id as 'short' | 'long']++;
    }
    expect(counts.long / 2000).toBeGreaterThan(0.7);
    expect(counts.long / 2000).toBeLessThan(0.8);
  });

  it('does not depend on the run', () => {
    const a = assignmentUnit({ key: 'k', pipelineId: 'p', nodeId: 'n', runId: 'r1' });
    const b = assignmentUnit({ key: 'k', pipelineId: 'p', nodeId: 'n', runId: 'r2' });
    expect(a).toBe(b);
  });
});

describe('when split mode has no key', () => {
  it('picks by weighted random seeded by the run, so a resumed run picks the same', async () => {
    const document = variantsPipeline({ mode: 'split' });
    const pick = async (runId: string) => {
      const { outcome, events } = await runTestPipeline(document, { runId, models: createFakeModels(answers).resolver, inputs: { prompt: 'owls' } });
      expect(ofType(events, 'variant.assigned')[0]!.data).not.toHaveProperty('key');
      return (outcome.outputs.out as { variant: string }).variant;
    };
    expect(await pick('run-a')).toBe(await pick('run-a'));
    const picks = new Set(await Promise.all(Array.from({ length: 40 }, (_, index) => pick(`run-${index}`))));
    expect(picks).toEqual(new Set(['short', 'long']));
  });

  it('never picks a variant with weight 0', () => {
    const variants = [
      { id: 'off', weight: 0 },
      { id: 'on', weight: 2 },
    ];
    for (const unit of [0, 0.25, 0.5, 0.999]) expect(pickWeighted(variants, unit)!.id).toBe('on');
  });
});

describe('when mode is all', () => {
  it('answers with every variant in parallel and records each assignment', async () => {
    const models = createFakeModels(answers);
    const { outcome, events } = await runTestPipeline(variantsPipeline({ mode: 'all' }), { models: models.resolver, inputs: { prompt: 'owls' } });
    const results = (outcome.outputs.out as { results: Record<string, { text: string; model: string }> }).results;
    expect(Object.keys(results).sort()).toEqual(['long', 'short']);
    expect(results.short).toMatchObject({ text: 'writer: Briefly: owls', model: 'fake:writer' });
    expect(results.long).toMatchObject({ text: 'deep: In depth: owls', model: 'fake:deep' });
    expect(models.calls.find((call) => call.model === 'fake:deep')!.system).toBe('You are thorough.');
    expect(ofType(events, 'variant.assigned').map((event) => event.data)).toEqual([
      { variant: 'short', mode: 'all' },
      { variant: 'long', mode: 'all' },
    ]);
    expect(ofType(events, 'llm.call').map((event) => event.data.role).sort()).toEqual(['variant:long', 'variant:short']);
  });
});

describe('when a validator sends the variants step back', () => {
  it('uses the feedback and the override model', async () => {
    const models = createFakeModels({ writer: () => 'meh', deep: () => 'meh', careful: () => 'great' });
    const document = pipeline(
      [
        { id: 'input', kind: 'input' },
        { id: 'ab', kind: 'variants', config: { model: 'fake:writer', variants: twoVariants } },
        { id: 'check', kind: 'validate', config: { target: 'ab', checks: [{ type: 'contains', text: 'great' }], maxRetries: 0, onFail: { type: 'fallbackModel', model: 'fake:careful' } } },
        { id: 'out', kind: 'output', config: { value: '{{check.value}}' } },
      ],
      [
        ['input', 'ab'],
        ['check', 'out'],
      ],
    );
    const { outcome } = await runTestPipeline(document, { models: models.resolver, inputs: { prompt: 'owls' } });
    expect(outcome.outputs.out).toBe('great');
    expect(models.calls[1]!.prompt).toContain('Your previous answer was rejected');
  });
});

describe('when the document is checked', () => {
  it('refuses duplicate variant ids and all-zero weights in split mode', () => {
    const document = variantsPipeline({
      variants: [
        { id: 'a', weight: 0, prompt: 'x' },
        { id: 'a', weight: 0, prompt: 'y' },
      ],
    });
    const result = checkPipeline(document, testRegistry);
    expect(result.ok).toBe(false);
    const fields = result.problems.map((problem) => problem.field);
    expect(fields).toContain('config.variants.1.id');
    expect(fields).toContain('config.variants');
  });
});
