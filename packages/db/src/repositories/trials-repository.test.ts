import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentEvent } from '@tandem/shared';
import { createRepositories, type Repositories } from '../index.ts';
import { openTemporaryDatabase, samplePipeline, type TemporaryDatabase } from '../test-support.ts';

const arms = [
  { id: 'A', label: 'Variant A', version: 1, overrides: { approve: { title: 'A' } } },
  { id: 'B', label: 'Variant B', version: 1 },
];

describe('experiments and their trial queue', () => {
  let temporary: TemporaryDatabase;
  let repositories: Repositories;
  let runCount = 0;
  const run = (trial: { row: number; arm: string }) => ({ run: { id: `run-${++runCount}`, pipelineId: 'p', version: 1, inputs: { prompt: `row ${trial.row}` }, experimentId: 'e1' } });

  beforeEach(() => {
    runCount = 0;
    temporary = openTemporaryDatabase();
    repositories = createRepositories(temporary.database);
    repositories.pipelines.createPipeline(samplePipeline('p'));
    repositories.datasets.create('qa', { name: 'QA', format: 'csv', columns: ['prompt'], rows: ['{"prompt":"a"}', '{"prompt":"b"}', '{"prompt":"c"}'] });
    repositories.experiments.create({
      id: 'e1', name: 'E', pipelineId: 'p', datasetId: 'qa', datasetVersion: 1, rowCount: 3, repeats: 2, concurrency: 2, budgetUsd: 5,
      armsSpec: { kind: 'variants', nodeId: 'ab' }, arms, baseline: 'A', scorers: [], mapping: { inputs: { prompt: 'prompt' } },
    });
  });
  afterEach(() => temporary.cleanup());

  it('creates every trial queued, in repeat, row, arm order, with a started event', () => {
    const record = repositories.experiments.get('e1')!;
    expect(record).toMatchObject({ status: 'running', total: 12, started: 0, budgetUsd: 5, arms, lastSeq: 1 });
    const trials = repositories.trials.list('e1');
    expect(trials).toHaveLength(12);
    expect([...trials].sort((a, b) => a.ordinal - b.ordinal).slice(0, 4).map((t) => `${t.repeat}/${t.row}/${t.arm}`)).toEqual(['0/0/A', '0/0/B', '0/1/A', '0/1/B']);
    expect(repositories.experiments.events('e1').map((event) => event.type)).toEqual(['experiment.started']);
  });

  it('gives each claimed trial its run in the same transaction, and never the same trial twice', () => {
    const first = repositories.trials.claimNext('e1', run)!;
    const second = repositories.trials.claimNext('e1', run)!;
    expect([first.trial, second.trial].map((t) => [t.row, t.arm, t.status, t.runId])).toEqual([[0, 'A', 'running', 'run-1'], [0, 'B', 'running', 'run-2']]);
    expect(repositories.runs.get('run-1')).toMatchObject({ status: 'queued', experimentId: 'e1', inputs: { prompt: 'row 0' } });
    expect(repositories.trials.byRun('run-2')).toMatchObject({ row: 0, arm: 'B', attempts: 1 });
    expect(repositories.experiments.get('e1')).toMatchObject({ started: 2 });
  });

  it('rolls the claim back when the run cannot be created: the trial stays queued', () => {
    expect(() => repositories.trials.claimNext('e1', () => ({ run: { id: 'x', pipelineId: 'p', version: 9, inputs: {} } }))).toThrow();
    expect(repositories.trials.list('e1', ['queued'])).toHaveLength(12);
    expect(repositories.runs.get('x')).toBeUndefined();
    expect(repositories.experiments.get('e1')?.started).toBe(0);
  });

  it('fails a trial whose inputs cannot run, without a run', () => {
    const claimed = repositories.trials.claimNext('e1', () => ({ failure: { code: 'RUN_INPUT_INVALID', message: 'inputs.prompt is required' } }))!;
    expect(claimed.trial).toMatchObject({ status: 'failed', runId: null, error: { code: 'RUN_INPUT_INVALID' } });
    expect(claimed.event?.type).toBe('trial.failed');
    expect(repositories.experiments.get('e1')).toMatchObject({ started: 1, failed: 1 });
  });

  it('records a finished trial once, with its metrics, and adds its cost', () => {
    const { trial } = repositories.trials.claimNext('e1', run)!;
    const finished = repositories.trials.finish(trial.runId!, { status: 'completed', metrics: { 'judge.score': 7, latencyMs: 12 }, costUsd: 0.25 })!;
    expect(finished.trial).toMatchObject({ status: 'completed', metrics: { 'judge.score': 7, latencyMs: 12 }, costUsd: 0.25 });
    expect(finished.event.data).toMatchObject({ trial: { row: 0, arm: 'A', runId: 'run-1', status: 'completed' }, progress: { done: 1, running: 0, queued: 11, costUsd: 0.25 } });
    expect(repositories.trials.finish(trial.runId!, { status: 'completed', metrics: {}, costUsd: 9 })).toBeUndefined();
    expect(repositories.experiments.get('e1')).toMatchObject({ done: 1, costUsd: 0.25 });
    expect(repositories.trials.armCosts('e1').get('A')).toEqual({ ended: 1, meanCostUsd: 0.25 });
  });

  it('stops on a budget by skipping queued trials, then finishes once', () => {
    repositories.trials.claimNext('e1', run);
    expect(repositories.experiments.stop('e1', 'budget')).toBeUndefined();
    expect(repositories.experiments.get('e1')).toMatchObject({ status: 'running', stopReason: 'budget', skipped: 11 });
    expect(repositories.trials.claimNext('e1', run)).toBeUndefined();
    const event = repositories.experiments.finish('e1', 'completed')!;
    expect(event.data).toMatchObject({ status: 'completed', stopReason: 'budget', progress: { skipped: 11, running: 1 } });
    expect(repositories.experiments.finish('e1', 'completed')).toBeUndefined();
  });

  it('cancels: queued trials are skipped, and a finished experiment is not cancelled again', () => {
    const event = repositories.experiments.stop('e1', 'cancelled') as ExperimentEvent;
    expect(event).toMatchObject({ type: 'experiment.cancelled', data: { status: 'cancelled', stopReason: 'cancelled', progress: { skipped: 12, queued: 0 } } });
    expect(repositories.experiments.stop('e1', 'cancelled')).toBeUndefined();
  });

  it('puts only failed trials back in the queue', () => {
    const a = repositories.trials.claimNext('e1', run)!.trial;
    const b = repositories.trials.claimNext('e1', run)!.trial;
    repositories.trials.finish(a.runId!, { status: 'completed', metrics: {}, costUsd: 0 });
    repositories.trials.finish(b.runId!, { status: 'failed', metrics: {}, costUsd: 0.1, error: { code: 'PROVIDER_ERROR', message: 'down' } });
    repositories.experiments.finish('e1', 'completed');
    const { requeued, event } = repositories.experiments.retryFailed('e1');
    expect(requeued).toBe(1);
    expect(event?.data).toMatchObject({ status: 'running', progress: { done: 1, failed: 0, queued: 11 } });
    expect(repositories.trials.list('e1', ['queued']).map((t) => `${t.row}/${t.arm}`)).toContain('0/B');
    expect(repositories.trials.list('e1', ['completed']).map((t) => t.runId)).toEqual(['run-1']);
    expect(repositories.experiments.retryFailed('e1')).toEqual({ requeued: 0 });
  });

  it('reads events after a seq, like a reconnecting stream', () => {
    for (let index = 0; index < 3; index++) {
      const { trial } = repositories.trials.claimNext('e1', run)!;
      repositories.trials.finish(trial.runId!, { status: 'completed', metrics: {}, costUsd: 0 });
    }
    expect(repositories.experiments.events('e1', 2).map((event) => event.seq)).toEqual([3, 4]);
    expect(repositories.experiments.events('e1', 0, 2).map((event) => event.seq)).toEqual([1, 2]);
  });
});
