import { describe, expect, it } from 'vitest';
import type { ChildPipelineRunner } from '../ports/services.ts';
import { checkPipeline } from '../graph/check-pipeline.ts';
import { pipeline, runTestPipeline, testRegistry } from '../testing/run-pipeline.ts';

type ChildRequest = Parameters<ChildPipelineRunner['run']>[0];

function parentPipeline(config: Record<string, unknown>) {
  return pipeline(
    [
      { id: 'input', kind: 'input' },
      { id: 'child', kind: 'pipeline', config: { pipelineId: 'summarise', inputs: { text: '{{input.prompt}}', options: '{{input}}' }, ...config } },
      { id: 'out', kind: 'output', config: { value: '{{child.summary}}' } },
      { id: 'all', kind: 'output', config: { value: '{{child}}' } },
    ],
    [
      ['input', 'child'],
      ['child', 'out'],
      ['child', 'all'],
    ],
  );
}

function createRunner(result: Awaited<ReturnType<ChildPipelineRunner['run']>>) {
  const requests: ChildRequest[] = [];
  const pipelines: ChildPipelineRunner = {
    async run(request) {
      requests.push(request);
      return result;
    },
  };
  return { pipelines, requests };
}

describe('when a pipeline step runs a child pipeline', () => {
  it('passes evaluated inputs and exposes the child outputs at the top level', async () => {
    const { pipelines, requests } = createRunner({ runId: 'child-7', status: 'completed', outputs: { summary: 'short', runId: 'not me' } });
    const { outcome } = await runTestPipeline(parentPipeline({ version: 3 }), { services: { pipelines }, inputs: { prompt: 'long text' } });
    expect(outcome.status).toBe('completed');
    expect(requests[0]).toMatchObject({ parentRunId: 'run-1', nodeId: 'child', pipelineId: 'summarise', version: 3, inputs: { text: 'long text', options: { prompt: 'long text' } } });
    expect(requests[0]!.signal).toBeInstanceOf(AbortSignal);
    expect(outcome.outputs.out).toBe('short');
    expect(outcome.outputs.all).toEqual({ summary: 'short', runId: 'child-7', outputs: { summary: 'short', runId: 'not me' } });
  });

  it('leaves the version out when none is pinned', async () => {
    const { pipelines, requests } = createRunner({ runId: 'child-1', status: 'completed', outputs: {} });
    await runTestPipeline(parentPipeline({}), { services: { pipelines }, inputs: { prompt: 'x' } });
    expect(requests[0]).not.toHaveProperty('version');
  });
});

describe('when the child run fails', () => {
  it('fails the step with NODE_RUN_FAILED naming the child run', async () => {
    const { pipelines } = createRunner({ runId: 'child-9', status: 'failed', outputs: {}, error: { code: 'PROVIDER_ERROR', message: 'model down' } });
    const { outcome } = await runTestPipeline(parentPipeline({}), { services: { pipelines }, inputs: { prompt: 'x' } });
    expect(outcome.error).toMatchObject({ code: 'NODE_RUN_FAILED', nodeId: 'child', message: 'Child run child-9 failed: PROVIDER_ERROR: model down' });
  });
});

describe('when the host cannot run child pipelines', () => {
  it('fails with a clear error', async () => {
    const { outcome } = await runTestPipeline(parentPipeline({}), { inputs: { prompt: 'x' } });
    expect(outcome.error).toMatchObject({ code: 'NODE_RUN_FAILED', message: expect.stringContaining('no pipeline runner') });
  });
});

describe('when the document is checked', () => {
  it('refuses a pipeline that runs itself', () => {
    const result = checkPipeline(parentPipeline({ pipelineId: 'test' }), testRegistry);
    expect(result.problems).toContainEqual(expect.objectContaining({ nodeId: 'child', field: 'config.pipelineId' }));
  });
});
