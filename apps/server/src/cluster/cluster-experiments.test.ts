import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSummary, ExperimentEvent, ExperimentView, TrialResult } from '@tandem/shared';
import type { ExperimentAnalysis } from '@tandem/stats';
import { testPostgresUrl } from '@tandem/db/pg-testing';
import { abDocument, followExperiment, questionsCsv, startExperiment, uploadCsv } from '../testing/experiment-fixtures.ts';
import { createTestServer, readSse } from '../testing/test-server.ts';
import { createTestCluster, type TestCluster } from './testing/cluster-fixture.ts';

const serverUrl = testPostgresUrl();
const rows = 10;
const experimentBody = (datasetId: string) => ({
  pipelineId: 'ab',
  datasetId,
  arms: { kind: 'variants', nodeId: 'variants' },
  repeats: 1,
  concurrency: 3,
  scorers: [{ type: 'contains' }],
});

/** What must not depend on where a trial ran: everything but its run id and wall-clock latency. */
const comparable = (trials: TrialResult[]) =>
  trials.map(({ runId: _runId, metrics: { latencyMs: _latencyMs, ...metrics }, ...trial }) => ({ ...trial, metrics }));

/** The analysis of what the trials scored (cost and speed depend on the simulator's pace, which differs between the two setups). */
const qualityMetrics = ['judge.score', 'length.valid', 'contains'];
const comparableAnalysis = (analysis: ExperimentAnalysis) => ({
  primaryMetric: analysis.primaryMetric,
  arms: analysis.arms.map((arm) => ({ id: arm.id, n: arm.n, metrics: qualityMetrics.map((name) => arm.metrics[name]) })),
  // The paired bootstrap is seeded by the experiment's id: only its interval may differ.
  comparisons: analysis.comparisons.filter((comparison) => qualityMetrics.includes(comparison.metric)).map(({ bootstrap: _bootstrap, bootstrapCi95: _interval, ...comparison }) => comparison),
});

describe.skipIf(!serverUrl)('datasets and experiments on a cluster over Postgres', () => {
  let cluster: TestCluster;
  let reference: { trials: TrialResult[]; analysis: ExperimentAnalysis };
  const json = async <T>(path: string, init?: Parameters<TestCluster['request']>[1]) => {
    const response = await cluster.request(path, init);
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    // The same experiment in the single process on SQLite: the simulator is deterministic, so the numbers must match.
    const single = createTestServer();
    try {
      expect((await single.request('/api/pipelines', { body: abDocument() })).status).toBe(201);
      const id = await startExperiment(single, experimentBody(await uploadCsv(single, questionsCsv(rows))));
      expect((await followExperiment(single, id)).experiment.status).toBe('completed');
      reference = {
        trials: (await single.json<{ trials: TrialResult[] }>(`/api/experiments/${id}/results`)).body.trials,
        analysis: (await single.json<ExperimentAnalysis>(`/api/experiments/${id}/analysis`)).body,
      };
    } finally {
      single.cleanup();
    }
    cluster = await createTestCluster('postgres', serverUrl);
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  it('uploads a CSV through a web node, runs an A/B experiment on workers restarted midway, and answers the single process’s numbers', { timeout: 120_000 }, async () => {
    expect((await cluster.request('/api/pipelines', { body: abDocument('ab', 'sim:writer?tps=400&ttft=30') })).status).toBe(201);

    const form = new FormData();
    form.set('file', new File([questionsCsv(rows)], 'questions.csv', { type: 'text/csv' }));
    const upload = await json<{ id: string; version: number; rowCount: number; columns: string[] }>('/api/datasets', { form });
    expect(upload).toMatchObject({ status: 201, body: { version: 1, rowCount: rows, columns: ['question', 'expected'] } });
    const datasetId = upload.body.id;
    expect((await json<{ datasets: DatasetSummary[] }>('/api/datasets')).body.datasets.map((dataset) => dataset.id)).toEqual([datasetId]);
    expect((await json<{ rows: { index: number; data: Record<string, unknown> }[] }>(`/api/datasets/${datasetId}/rows?offset=2&limit=1`)).body.rows).toEqual([
      { index: 2, data: { question: 'Question 2: how do I reset password 2, please?', expected: 'password' } },
    ]);

    const first = await cluster.startWorker({ concurrency: 2 });
    const created = await json<{ id: string }>('/api/experiments', { body: experimentBody(datasetId) });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const stream = cluster.request(`/api/experiments/${id}/events`).then((response) => readSse(response, (seen) => seen.some((message) => message.event === 'end')));

    // Midway, the worker is stopped (its leases released, runs in flight abandoned) and another takes over.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const { body } = await json<ExperimentView>(`/api/experiments/${id}`);
      if (body.progress.done >= 4) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const midway = (await json<ExperimentView>(`/api/experiments/${id}`)).body;
    expect(midway.progress.done).toBeLessThan(rows * 2);
    await first.stop(0);
    await cluster.startWorker({ concurrency: 2 });

    const messages = await stream;
    const events = messages.filter((message) => message.id).map((message) => JSON.parse(message.data) as ExperimentEvent);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index + 1));
    expect(events.at(-1)).toMatchObject({ type: 'experiment.completed' });
    expect(messages.at(-1)).toMatchObject({ event: 'end', data: JSON.stringify({ status: 'completed' }) });
    // Every trial was recorded exactly once.
    expect(events.filter((event) => event.type === 'trial.completed')).toHaveLength(rows * 2);

    const experiment = (await json<ExperimentView>(`/api/experiments/${id}`)).body;
    expect(experiment).toMatchObject({ status: 'completed', datasetName: 'questions', pipelineName: 'A/B', progress: { done: rows * 2, failed: 0, total: rows * 2, running: 0, queued: 0 } });
    const results = (await json<{ experimentId: string; trials: TrialResult[] }>(`/api/experiments/${id}/results`)).body;
    expect(comparable(results.trials)).toEqual(comparable(reference.trials));
    const analysis = (await json<ExperimentAnalysis>(`/api/experiments/${id}/analysis`)).body;
    expect(comparableAnalysis(analysis)).toEqual(comparableAnalysis(reference.analysis));
    expect(experiment.progress.costUsd).toBeCloseTo(reference.trials.reduce((sum, trial) => sum + Number(trial.metrics.costUsd ?? 0), 0), 9);
  });
  it('answers the single process’s errors, estimates, pages, exports, cancels and retries from a web node', { timeout: 60_000 }, async () => {
    expect((await cluster.request('/api/pipelines', { body: abDocument('slow', 'sim:writer?tps=20&ttft=200') })).status).toBe(201);
    const upload = await json<{ id: string }>('/api/datasets', { body: { name: 'Four', format: 'csv', content: questionsCsv(4) } });
    expect(upload.status).toBe(201);
    const datasetId = upload.body.id;
    const base = () => ({ pipelineId: 'slow', datasetId, arms: { kind: 'variants', nodeId: 'variants' } });
    const refusal = async (body: unknown) => {
      const { status, body: answer } = await json<{ error: { code: string; message: string; details: { field?: string } } }>('/api/experiments', { body });
      return { status, ...answer.error };
    };

    expect(await json('/api/datasets/nope')).toMatchObject({ status: 404, body: { error: { code: 'DATASET_NOT_FOUND' } } });
    expect(await json('/api/datasets', { form: new FormData() })).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', details: { field: 'file' } } } });
    expect(await json('/api/experiments/nope')).toMatchObject({ status: 404, body: { error: { code: 'EXPERIMENT_NOT_FOUND' } } });
    expect(await refusal({ ...base(), mapping: { inputs: { question: 'nope' } } })).toMatchObject({ status: 422, code: 'EXPERIMENT_INVALID', details: { field: 'mapping.inputs.question' } });
    expect(await refusal({ ...base(), arms: { kind: 'versions', versions: [1, 7] } })).toMatchObject({ status: 422, details: { field: 'arms.versions.1' } });
    expect(await refusal({ ...base(), scorers: [{ type: 'regex', pattern: '(' }] })).toMatchObject({ status: 422, details: { field: 'scorers.0.pattern' } });
    expect(await refusal({ ...base(), pipelineId: 'missing' })).toMatchObject({ status: 404, code: 'PIPELINE_NOT_FOUND' });
    expect(await refusal({ ...base(), datasetId: 'missing' })).toMatchObject({ status: 404, code: 'DATASET_NOT_FOUND' });
    expect(await refusal({ ...base(), repeats: 0 })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('repeats') });
    expect((await json<{ experiments: unknown[] }>(`/api/experiments?datasetId=${datasetId}`)).body.experiments).toEqual([]);
    expect((await json<{ trials: number }>('/api/experiments/estimate', { body: { ...base(), repeats: 2 } })).body).toMatchObject({ trials: 16, baseline: 'A' });

    // Cancelled from the web node while the workers run its first trial: queued trials are skipped, the running one ends.
    const id = (await json<{ id: string }>('/api/experiments', { body: { ...base(), concurrency: 1 } })).body.id;
    await expect.poll(async () => (await json<ExperimentView>(`/api/experiments/${id}`)).body.progress.running, { timeout: 20_000, interval: 20 }).toBe(1);
    const cancelled = await json<ExperimentView>(`/api/experiments/${id}/cancel`, { method: 'POST' });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', stopReason: 'cancelled', progress: { skipped: 7 } } });
    expect(await json(`/api/experiments/${id}/cancel`, { method: 'POST' })).toMatchObject({ status: 409, body: { error: { code: 'EXPERIMENT_FINISHED' } } });
    const ended = await cluster.request(`/api/experiments/${id}/events`).then((response) => readSse(response, (seen) => seen.some((message) => message.event === 'end')));
    expect(ended.at(-1)).toMatchObject({ event: 'end', data: JSON.stringify({ status: 'cancelled' }) });
    expect((await json<{ experiments: ExperimentView[] }>(`/api/experiments?datasetId=${datasetId}`)).body.experiments.map((experiment) => experiment.id)).toEqual([id]);
    expect(await json(`/api/experiments/${id}/retry-failed`, { method: 'POST' })).toMatchObject({ status: 200, body: { requeued: 0, experiment: { status: 'cancelled' } } });

    // The side-by-side rows and the exports of the finished A/B experiment of the first test.
    const [finished] = (await json<{ experiments: ExperimentView[] }>('/api/experiments?pipelineId=ab')).body.experiments;
    const page = (await json<{ total: number; rows: { row: number; cells: Record<string, { output?: string }[]> }[] }>(`/api/experiments/${finished!.id}/rows?limit=2`)).body;
    expect(page).toMatchObject({ total: rows, rows: [{ row: 0 }, { row: 1 }] });
    expect(page.rows[0]!.cells.A![0]!.output).toEqual(expect.any(String));
    const csv = await cluster.request(`/api/experiments/${finished!.id}/results?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).trim().split('\n')).toHaveLength(rows * 2 + 1);
    expect(await json(`/api/experiments/${finished!.id}/compare?with=${id}`)).toMatchObject({ status: 422, body: { error: { code: 'EXPERIMENT_INVALID', details: { field: 'with' } } } });
  });
});
