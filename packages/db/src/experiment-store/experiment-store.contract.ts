/**
 * The behaviour every ExperimentStore adapter must have, as one suite run against each (SQLite and
 * Postgres): see sqlite-experiment-store.test.ts and ../pg/pg-experiment-store.test.ts. Not exported from
 * the package entry point.
 */
import type { ExperimentArm } from '@tandem/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewExperiment } from '../repositories/experiments-repository.ts';
import type { RunStore } from '../run-store/run-store.ts';
import { eventsFor, samplePipeline, studioRejectionOf } from '../test-support.ts';
import type { ExperimentStore, TrialPreparer } from './experiment-store.ts';

/** An adapter under test (with the run store over the same database, to create pipelines and end runs) and how to dispose of it. */
export interface OpenedExperimentStore {
  store: ExperimentStore;
  runs: RunStore;
  close(): Promise<void>;
}

const upload = (rows: Record<string, unknown>[], name = 'Questions') => ({
  name,
  format: 'csv' as const,
  columns: Object.keys(rows[0] ?? {}),
  rows: rows.map((row) => JSON.stringify(row)),
});

const arms: ExperimentArm[] = [
  { id: 'a', label: 'A', version: 1 },
  { id: 'b', label: 'B', version: 1 },
];

function newExperiment(id: string, overrides: Partial<NewExperiment> = {}): NewExperiment {
  return {
    id,
    name: `Experiment ${id}`,
    pipelineId: 'demo',
    datasetId: 'questions',
    datasetVersion: 1,
    rowCount: 3,
    armsSpec: { kind: 'versions', versions: [1] },
    arms,
    baseline: 'a',
    repeats: 1,
    concurrency: 2,
    scorers: [],
    mapping: { inputs: { prompt: 'question' }, expected: 'answer' },
    ...overrides,
  };
}

let runCounter = 0;
/** Gives every claimed trial a run of `demo` with the row's question as input. */
const runFor: TrialPreparer = (trial, row) =>
  row ? { run: { id: `run-${trial.experimentId}-${trial.row}-${trial.arm}-${++runCounter}`, pipelineId: 'demo', version: 1, inputs: { prompt: row.data.question }, experimentId: trial.experimentId } } : { failure: { code: 'DATASET_NOT_FOUND', message: 'missing' } };

/** Declares the contract suite for one adapter; `open` gives a store over an empty database. */
export function describeExperimentStoreContract(adapter: string, open: () => Promise<OpenedExperimentStore>): void {
  describe(`experiment store contract (${adapter})`, () => {
    let opened: OpenedExperimentStore;
    let store: ExperimentStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      await opened.runs.createPipeline(samplePipeline('demo', 'Demo'));
      await store.datasets.create('questions', upload([{ question: 'q0', answer: 'a0' }, { question: 'q1', answer: 'a1' }, { question: 'q2', answer: 'a2' }]));
    });
    afterEach(async () => {
      await opened.close();
    });

    describe('datasets', () => {
      it('stores an upload with its rows, pages them and reads rows by index', async () => {
        const summary = await store.datasets.get('questions');
        expect(summary).toMatchObject({ id: 'questions', name: 'Questions', version: 1, versions: [1], format: 'csv', rowCount: 3, columns: ['question', 'answer'], locked: false });
        expect(await store.datasets.rows('questions', 1, 1, 5)).toEqual([
          { index: 1, data: { question: 'q1', answer: 'a1' } },
          { index: 2, data: { question: 'q2', answer: 'a2' } },
        ]);
        expect(await store.datasets.rowsAt('questions', 1, [2, 0, 2, 7])).toEqual([
          { index: 0, data: { question: 'q0', answer: 'a0' } },
          { index: 2, data: { question: 'q2', answer: 'a2' } },
        ]);
        // Fields keep the file's column order (what the rows page shows first).
        expect(Object.keys((await store.datasets.rows('questions', 1, 0, 1))[0]!.data)).toEqual(['question', 'answer']);
        expect(await store.datasets.get('questions', 2)).toBeUndefined();
        expect(await store.datasets.get('nope')).toBeUndefined();
      });

      it('refuses a taken id and lists the newest first', async () => {
        expect((await studioRejectionOf(() => store.datasets.create('questions', upload([{ x: 1 }])))).code).toBe('CONFLICT');
        await new Promise((resolve) => setTimeout(resolve, 5));
        await store.datasets.create('later', upload([{ x: 1 }], 'Later'));
        expect((await store.datasets.list()).map((dataset) => dataset.id)).toEqual(['later', 'questions']);
      });

      it('rewrites an unused version in place and adds a version once an experiment used it', async () => {
        expect(await store.datasets.replace('questions', upload([{ question: 'only' }], 'Renamed'))).toEqual({ id: 'questions', version: 1, rowCount: 1, columns: ['question'] });
        expect(await store.datasets.rows('questions', 1, 0, 10)).toEqual([{ index: 0, data: { question: 'only' } }]);
        await store.experiments.create(newExperiment('e1', { rowCount: 1 }));
        expect((await store.datasets.get('questions'))?.locked).toBe(true);
        expect(await store.datasets.replace('questions', upload([{ question: 'n0' }, { question: 'n1' }]))).toMatchObject({ version: 2, rowCount: 2 });
        expect(await store.datasets.rows('questions', 1, 0, 10)).toEqual([{ index: 0, data: { question: 'only' } }]);
        expect(await store.datasets.get('questions')).toMatchObject({ version: 2, versions: [1, 2], locked: false });
        expect((await studioRejectionOf(() => store.datasets.replace('nope', upload([{ x: 1 }])))).code).toBe('DATASET_NOT_FOUND');
      });
    });

    describe('experiments', () => {
      it('stores an experiment with every trial queued and its started event', async () => {
        const { record, event } = await store.experiments.create(newExperiment('e1'));
        expect(record).toMatchObject({ id: 'e1', status: 'running', total: 6, started: 0, lastSeq: 1, arms, mapping: { inputs: { prompt: 'question' }, expected: 'answer' } });
        expect(event).toMatchObject({ experimentId: 'e1', seq: 1, type: 'experiment.started', data: { status: 'running', progress: { total: 6, queued: 6 } } });
        const trials = await store.trials.list('e1');
        expect(trials.map((trial) => [trial.row, trial.arm, trial.ordinal, trial.status])).toEqual([
          [0, 'a', 0, 'queued'],
          [0, 'b', 1, 'queued'],
          [1, 'a', 2, 'queued'],
          [1, 'b', 3, 'queued'],
          [2, 'a', 4, 'queued'],
          [2, 'b', 5, 'queued'],
        ]);
        expect(await store.experiments.events('e1')).toEqual([event]);
        expect(await store.experiments.listByStatus(['running'])).toHaveLength(1);
        expect(await store.experiments.list({ datasetId: 'other' })).toEqual([]);
        expect((await store.experiments.list({ pipelineId: 'demo' })).map((experiment) => experiment.id)).toEqual(['e1']);
      });

      it('claims trials in order up to the concurrency, each with its run', async () => {
        await store.experiments.create(newExperiment('e1'));
        const first = await store.trials.claimNext('e1', runFor);
        const second = await store.trials.claimNext('e1', runFor);
        expect(await store.trials.claimNext('e1', runFor)).toBeUndefined();
        expect([first?.trial.row, first?.trial.arm, second?.trial.row, second?.trial.arm]).toEqual([0, 'a', 0, 'b']);
        const run = await opened.runs.getRun(first!.trial.runId!);
        expect(run).toMatchObject({ status: 'queued', inputs: { prompt: 'q0' }, experimentId: 'e1' });
        expect(await store.trials.byRun(first!.trial.runId!)).toMatchObject({ row: 0, arm: 'a', status: 'running', attempts: 1 });
        expect(await store.experiments.get('e1')).toMatchObject({ started: 2 });
      });

      it('never exceeds the concurrency when claims race', async () => {
        await store.experiments.create(newExperiment('e1', { concurrency: 1 }));
        const claims = await Promise.all([1, 2, 3, 4].map(() => store.trials.claimNext('e1', runFor)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect((await store.trials.list('e1', ['running'])).length).toBe(1);
      });

      it('fails a trial whose preparation fails, without a run, with its event', async () => {
        await store.experiments.create(newExperiment('e1'));
        const claimed = await store.trials.claimNext('e1', () => ({ failure: { code: 'RUN_INPUT_INVALID', message: 'Row 0: no prompt' } }));
        expect(claimed?.trial).toMatchObject({ status: 'failed', runId: null, error: { code: 'RUN_INPUT_INVALID' } });
        expect(claimed?.event).toMatchObject({ seq: 2, type: 'trial.failed', data: { trial: { row: 0, arm: 'a', runId: null } } });
        expect(await store.experiments.get('e1')).toMatchObject({ started: 1, failed: 1 });
      });

      it('records a trial outcome exactly once, even when two processes record it at once', async () => {
        await store.experiments.create(newExperiment('e1'));
        const { trial } = (await store.trials.claimNext('e1', runFor))!;
        const outcome = { status: 'completed' as const, metrics: { latencyMs: 12, exact: true }, costUsd: 0.25 };
        const results = await Promise.all([store.trials.finish(trial.runId!, outcome), store.trials.finish(trial.runId!, outcome)]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.trials.byRun(trial.runId!)).toMatchObject({ status: 'completed', metrics: { latencyMs: 12, exact: true }, costUsd: 0.25 });
        expect(await store.experiments.get('e1')).toMatchObject({ done: 1, failed: 0, costUsd: 0.25, lastSeq: 2 });
        expect((await store.experiments.events('e1', 1)).map((event) => event.type)).toEqual(['trial.completed']);
        expect(await store.trials.armCosts('e1')).toEqual(new Map([['a', { ended: 1, meanCostUsd: 0.25 }]]));
        expect(await store.trials.finish('no-such-run', outcome)).toBeUndefined();
      });

      it('cancels (queued trials skipped), ends once, and puts failed trials back', async () => {
        await store.experiments.create(newExperiment('e1'));
        const { trial } = (await store.trials.claimNext('e1', runFor))!;
        await store.trials.finish(trial.runId!, { status: 'failed', metrics: {}, costUsd: 0, error: { code: 'PROVIDER_ERROR', message: 'down' } });
        const cancelled = await store.experiments.stop('e1', 'cancelled');
        expect(cancelled).toMatchObject({ type: 'experiment.cancelled', data: { status: 'cancelled', stopReason: 'cancelled' } });
        expect(await store.experiments.get('e1')).toMatchObject({ status: 'cancelled', skipped: 5 });
        expect(await store.experiments.stop('e1', 'cancelled')).toBeUndefined();
        expect(await store.experiments.finish('e1', 'completed')).toBeUndefined();
        const retried = await store.experiments.retryFailed('e1');
        expect(retried).toMatchObject({ requeued: 1, event: { type: 'experiment.retrying' } });
        expect(await store.experiments.get('e1')).toMatchObject({ status: 'running', started: 0, failed: 0 });
        expect(await store.experiments.finish('e1', 'completed')).toMatchObject({ type: 'experiment.completed' });
        expect((await studioRejectionOf(() => store.experiments.stop('nope', 'cancelled'))).code).toBe('EXPERIMENT_NOT_FOUND');
        expect((await studioRejectionOf(() => store.experiments.retryFailed('nope'))).code).toBe('EXPERIMENT_NOT_FOUND');
      });

      it('a budget stop keeps the experiment running until its trials end, and claims nothing more', async () => {
        await store.experiments.create(newExperiment('e1'));
        await store.trials.claimNext('e1', runFor);
        expect(await store.experiments.stop('e1', 'budget')).toBeUndefined();
        expect(await store.experiments.get('e1')).toMatchObject({ status: 'running', stopReason: 'budget', skipped: 5 });
        expect(await store.trials.claimNext('e1', runFor)).toBeUndefined();
      });
    });

    describe('reads', () => {
      it("reads a trial's run with what it measured, and a pipeline's versions", async () => {
        await store.experiments.create(newExperiment('e1'));
        const { trial } = (await store.trials.claimNext('e1', runFor))!;
        const runId = trial.runId!;
        await opened.runs.append(eventsFor(runId, 0, [{ type: 'run.started' }, { type: 'run.completed', data: { outputs: { out: 'answer' } } }]), [
          { runId, status: 'completed', outputs: { out: 'answer' }, finishedAt: 2_000, metrics: { values: { latencyMs: 5, costUsd: 0.1 }, variants: {} } },
        ]);
        expect(await store.reads.run(runId)).toMatchObject({ id: runId, status: 'completed', inputs: { prompt: 'q0' }, outputs: { out: 'answer' }, experimentId: 'e1', metrics: { values: { latencyMs: 5, costUsd: 0.1 } } });
        expect(await store.reads.run('nope')).toBeUndefined();
        expect(await store.reads.latestFeedback('e1')).toEqual(new Map());
        expect(await store.reads.pipelineVersions('demo')).toEqual([1]);
        expect(await store.reads.pipelineVersions('nope')).toEqual([]);
      });
    });
  });
}
