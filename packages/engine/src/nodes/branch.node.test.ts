import { describe, expect, it } from 'vitest';
import { eventsOfType, type RunEvent } from '@tandem/shared';
import { checkPipeline } from '../graph/check-pipeline.ts';
import { createFakeModels } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline, testRegistry } from '../testing/run-pipeline.ts';

const ofType = eventsOfType;

function routingPipeline(condition: string) {
  return pipeline(
    [
      { id: 'input', kind: 'input' },
      { id: 'grade', kind: 'judge', config: { model: 'fake:grader', subject: '{{input.prompt}}', criteria: 'quality' } },
      { id: 'route', kind: 'branch', config: { condition } },
      { id: 'publish', kind: 'llm', config: { model: 'fake:writer', prompt: 'Publish {{input.prompt}}' } },
      { id: 'rewrite', kind: 'llm', config: { model: 'fake:writer', prompt: 'Rewrite {{input.prompt}}' } },
      { id: 'published', kind: 'output', config: { value: '{{publish.text}}' } },
      { id: 'rewritten', kind: 'output', config: { value: '{{rewrite.text}}' } },
    ],
    [
      ['input', 'grade'],
      ['grade', 'route'],
      ['route', 'publish', 'true'],
      ['route', 'rewrite', 'false'],
      ['publish', 'published'],
      ['rewrite', 'rewritten'],
    ],
  );
}

async function route(score: number, condition = '{{grade.score}} >= 7') {
  const models = createFakeModels({ grader: () => `Score: ${score}`, writer: (prompt) => `done: ${prompt}` });
  const result = await runTestPipeline(routingPipeline(condition), { models: models.resolver, inputs: { prompt: 'essay' } });
  return { ...result, calls: models.calls };
}

describe('when the condition holds', () => {
  it('runs the true side and skips the false side and everything after it', async () => {
    const { outcome, events, calls } = await route(9);
    expect(outcome.status).toBe('completed');
    expect(outcome.outputs).toEqual({ published: 'done: Publish essay' });
    expect(ofType(events, 'step.completed').find((event) => event.nodeId === 'route')!.data.output).toEqual({ taken: true });
    expect(ofType(events, 'step.skipped').map((event) => event.nodeId).sort()).toEqual(['rewrite', 'rewritten']);
    expect(calls.map((call) => call.prompt)).not.toContain('Rewrite essay');
  });
});

describe('when the condition does not hold', () => {
  it('runs the false side', async () => {
    const { outcome, events } = await route(4);
    expect(outcome.outputs).toEqual({ rewritten: 'done: Rewrite essay' });
    expect(ofType(events, 'step.skipped').map((event) => event.nodeId).sort()).toEqual(['publish', 'published']);
  });
});

describe('when the condition is invalid', () => {
  it('is refused before running, with the position', () => {
    const result = checkPipeline(routingPipeline('{{grade.score}} >= '), testRegistry);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: 'NODE_CONFIG_INVALID', nodeId: 'route', field: 'config.condition', message: expect.stringContaining('position 20') }),
    );
  });

  it('refuses references to nodes that are not upstream', () => {
    const result = checkPipeline(routingPipeline('{{publish.text}} == "x"'), testRegistry);
    expect(result.problems.map((problem) => problem.code)).toContain('GRAPH_REFERENCE_NOT_UPSTREAM');
  });
});
