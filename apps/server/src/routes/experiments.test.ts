import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentEvent, ExperimentView, RunEvent, RunView, TrialResult } from '@tandem/shared';
import type { ExperimentAnalysis } from '@tandem/stats';
import { createTestServer } from '../testing/test-server.ts';
import { abDocument, followExperiment, questionsCsv, startExperiment, uploadCsv } from '../testing/experiment-fixtures.ts';

describe('experiments over a dataset', () => {
  let server: ReturnType<typeof createTestServer>;
  let datasetId: string;
  beforeEach(async () => {
    server = createTestServer();
    expect((await server.request('/api/pipelines', { body: abDocument() })).status).toBe(201);
    datasetId = await uploadCsv(server, questionsCsv(8));
  });
  afterEach(() => server.cleanup());

  it('runs every row on every variant, forcing each arm’s variant, and streams progress to the end', async () => {
    const id = await startExperiment(server, { pipelineId: 'ab', datasetId, arms: { kind: 'variants', nodeId: 'variants' }, repeats: 2, concurrency: 3 });
    const { experiment, messages } = await followExperiment(server, id);
    expect(experiment).toMatchObject({ status: 'completed', baseline: 'A', progress: { done: 32, failed: 0, total: 32, running: 0, queued: 0 }, mapping: { inputs: { question: 'question' }, expected: 'expected' } });
    const events = messages.filter((message) => message.id).map((message) => JSON.parse(message.data) as ExperimentEvent);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.type === 'trial.completed')).toHaveLength(32);
    expect(events.at(-1)).toMatchObject({ type: 'experiment.completed', data: { status: 'completed' } });
    expect(messages.at(-1)).toMatchObject({ event: 'end' });

    const { body } = await server.json<{ trials: TrialResult[] }>(`/api/experiments/${id}/results`);
    expect(body.trials).toHaveLength(32);
    for (const trial of body.trials.slice(0, 6)) {
      const { body: trace } = await server.json<{ events: RunEvent[] }>(`/api/runs/${trial.runId}/trace`);
      expect(trace.events.find((event) => event.type === 'variant.assigned')?.data).toMatchObject({ variant: trial.arm, mode: 'split' });
      expect(Object.keys(trial.metrics)).toEqual(expect.arrayContaining(['judge.score', 'length.valid', 'latencyMs', 'costUsd', 'inputTokens', 'outputTokens']));
      const { body: run } = await server.json<RunView>(`/api/runs/${trial.runId}`);
      expect(run).toMatchObject({ experimentId: id, inputs: { question: expect.stringContaining(`Question ${trial.row}:`) } });
    }

    // A reconnect with Last-Event-ID gets exactly what it missed.
    const resumed = await server.request(`/api/experiments/${id}/events`, { headers: { 'Last-Event-ID': '30' } });
    const rest = (await resumed.text()).split('\n').filter((line) => line.startsWith('id:'));
    expect(rest.map((line) => Number(line.slice(3)))).toEqual(events.slice(30).map((event) => event.seq));
  });

  it('answers the analysis in the shape of DESIGN §7, with finite numbers only', async () => {
    const id = await startExperiment(server, { pipelineId: 'ab', datasetId, arms: { kind: 'variants', nodeId: 'variants' }, baseline: 'B' });
    await followExperiment(server, id);
    const response = await server.request(`/api/experiments/${id}/analysis`);
    const text = await response.text();
    expect(text).not.toMatch(/NaN|Infinity/);
    const analysis = JSON.parse(text) as ExperimentAnalysis;
    expect(analysis.baseline).toBe('B');
    expect(analysis.primaryMetric).toBe('judge.score');
    expect(analysis.arms.map((arm) => arm.id)).toEqual(['A', 'B']);
    expect(analysis.arms[0]!.metrics['judge.score']).toMatchObject({ n: 8, mean: expect.any(Number) });
    expect(analysis.arms[0]!.metrics['length.valid']).toHaveProperty('wilson95');
    const comparison = analysis.comparisons.find((entry) => entry.metric === 'judge.score')!;
    expect(comparison).toMatchObject({ arm: 'A', baseline: 'B', test: expect.any(String), paired: true, verdict: expect.stringMatching(/better|worse|no detectable difference|not enough data/) });
    expect(typeof analysis.recommendation).toBe('string');
    expect(analysis).toHaveProperty('winner');

    const csv = await (await server.request(`/api/experiments/${id}/analysis?format=csv`)).text();
    expect(csv.split('\n')[0]).toBe('arm,baseline,metric,test,n,statistic,p,pAdjusted,difference,ci95Low,ci95High,effectSize,verdict,rowsNeededFor80Power');
    const arms = await (await server.request(`/api/experiments/${id}/analysis?format=csv&table=arms`)).text();
    expect(arms).toContain('A,judge.score,8,');
  });

  it('exports one line per trial with every metric, as CSV and JSON', async () => {
    const id = await startExperiment(server, { pipelineId: 'ab', datasetId, arms: { kind: 'variants', nodeId: 'variants' }, scorers: [{ type: 'contains' }] });
    await followExperiment(server, id);
    const response = await server.request(`/api/experiments/${id}/results?format=csv`);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const [header, ...lines] = (await response.text()).trim().split('\n');
    expect(header).toBe('row,arm,repeat,runId,status,judge.score,length.valid,contains,latencyMs,costUsd,inputTokens,outputTokens');
    expect(lines).toHaveLength(16);
    expect(lines[0]).toMatch(/^0,A,0,[0-9a-f-]{36},completed,\d+,(true|false),(true|false),\d+,0,\d+,\d+$/);
  });

  it('pages the side-by-side rows on the server and filters rows where the arms disagree', async () => {
    const id = await startExperiment(server, { pipelineId: 'ab', datasetId, arms: { kind: 'variants', nodeId: 'variants' } });
    await followExperiment(server, id);
    const { body: page } = await server.json<{ total: number; rows: { row: number; inputs: Record<string, unknown>; expected: unknown; cells: Record<string, { runId: string; output: string; metrics: Record<string, unknown> }[]>; disagree: boolean; regressed: string[] }[] }>(
      `/api/experiments/${id}/rows?offset=2&limit=3`,
    );
    expect(page.total).toBe(8);
    expect(page.rows.map((row) => row.row)).toEqual([2, 3, 4]);
    expect(page.rows[0]).toMatchObject({ inputs: { question: expect.stringContaining('Question 2') }, expected: 'password' });
    expect(page.rows[0]!.cells.A![0]).toMatchObject({ runId: expect.any(String), output: expect.any(String), metrics: { 'judge.score': expect.any(Number) } });
    const { body: disagreeing } = await server.json<{ total: number; rows: { disagree: boolean; cells: Record<string, { metrics: Record<string, number> }[]> }[] }>(`/api/experiments/${id}/rows?filter=disagree&limit=200`);
    for (const row of disagreeing.rows) {
      expect(row.disagree).toBe(true);
      expect(row.cells.A![0]!.metrics['judge.score']).not.toBe(row.cells.B![0]!.metrics['judge.score']);
    }
    const { body: regressed } = await server.json<{ rows: { regressed: string[]; cells: Record<string, { metrics: Record<string, number> }[]> }[] }>(`/api/experiments/${id}/rows?filter=regressed&limit=200`);
    for (const row of regressed.rows) expect(row.cells.B![0]!.metrics['judge.score']).toBeLessThan(row.cells.A![0]!.metrics['judge.score']!);
    expect((await server.request(`/api/experiments/${id}/rows?filter=nope`)).status).toBe(400);
  });

  it('compares two experiments on the same dataset row by row', async () => {
    const first = await startExperiment(server, { pipelineId: 'ab', datasetId, arms: { kind: 'variants', nodeId: 'variants' } });
    await followExperiment(server, first);
    const second = await startExperiment(server, { pipelineId: 'ab', datasetId, arms: { kind: 'variants', nodeId: 'variants' }, repeats: 2 });
    await followExperiment(server, second);
    const { status, body } = await server.json<{ pairs: { currentArm: string; metrics: { metric: string; improved: number; regressed: number; unchanged: number; sharedRows: number }[] }[]; summary: string }>(
      `/api/experiments/${second}/compare?with=${first}`,
    );
    expect(status).toBe(200);
    expect(body.pairs.map((pair) => pair.currentArm)).toEqual(['A', 'B']);
    const score = body.pairs[0]!.metrics.find((metric) => metric.metric === 'judge.score')!;
    expect(score.improved + score.regressed + score.unchanged).toBe(score.sharedRows);
    expect(score.sharedRows).toBe(8);
    const other = await uploadCsv(server, questionsCsv(3), 'Other');
    const third = await startExperiment(server, { pipelineId: 'ab', datasetId: other, arms: { kind: 'variants', nodeId: 'variants' } });
    await followExperiment(server, third);
    expect((await server.json(`/api/experiments/${third}/compare?with=${first}`)).status).toBe(422);
  });

  it('expands versions and models into arms, each run carrying its version or model', async () => {
    const changed = abDocument();
    changed.nodes[3]!.config.criteria = 'Short answers only.';
    expect((await server.request('/api/pipelines/ab', { method: 'PUT', body: changed })).status).toBe(200);
    const versions = await startExperiment(server, { pipelineId: 'ab', datasetId, arms: { kind: 'versions', versions: [1, 2] }, baseline: 2 });
    const { experiment } = await followExperiment(server, versions);
    expect(experiment.arms.map((arm) => [arm.id, arm.version])).toEqual([['v1', 1], ['v2', 2]]);
    expect(experiment.baseline).toBe('v2');

    const models = await startExperiment(server, { pipelineId: 'ab', datasetId, arms: { kind: 'models', nodeId: 'judge', models: ['sim:judge?tps=0', 'sim:strict?tps=0'] } });
    await followExperiment(server, models);
    const { body } = await server.json<{ trials: TrialResult[] }>(`/api/experiments/${models}/results`);
    const strict = body.trials.find((trial) => trial.arm === 'sim:strict?tps=0')!;
    const { body: trace } = await server.json<{ events: RunEvent[] }>(`/api/runs/${strict.runId}/trace`);
    expect(trace.events.find((event) => event.type === 'llm.call' && event.nodeId === 'judge')?.data).toMatchObject({ model: 'sim:strict?tps=0' });
  });

  it('scores trials with every kind of experiment scorer', async () => {
    const id = await startExperiment(server, {
      pipelineId: 'ab',
      datasetId,
      arms: { kind: 'variants', nodeId: 'variants' },
      scorers: [
        { type: 'exact' },
        { type: 'contains', name: 'mentions' },
        { type: 'regex', pattern: '\\w+' },
        { type: 'jsonSchema', schema: { type: 'object' } },
        { type: 'rubric', rubric: 'Does it answer the question?', model: 'sim:judge?tps=0' },
        { type: 'js', name: 'words', code: 'return output.split(/\\s+/).length' },
      ],
    });
    await followExperiment(server, id);
    const { body } = await server.json<{ trials: TrialResult[] }>(`/api/experiments/${id}/results`);
    for (const trial of body.trials) {
      expect(trial.metrics).toMatchObject({ exact: false, mentions: expect.any(Boolean), regex: true, jsonSchema: false, rubric: expect.any(Number), words: expect.any(Number) });
      expect(trial.metrics.words).toBeGreaterThan(3);
    }
  });
});

describe('refusals: nothing is started or half-saved', () => {
  let server: ReturnType<typeof createTestServer>;
  let datasetId: string;
  beforeEach(async () => {
    server = createTestServer();
    await server.request('/api/pipelines', { body: abDocument() });
    datasetId = await uploadCsv(server, questionsCsv(3));
  });
  afterEach(() => server.cleanup());

  const refusal = async (body: Record<string, unknown>) => {
    const { status, body: answer } = await server.json<{ error: { code: string; message: string; details: { field?: string; problems?: { field: string }[] } } }>('/api/experiments', { body });
    return { status, ...answer.error };
  };
  const base = () => ({ pipelineId: 'ab', datasetId, arms: { kind: 'variants', nodeId: 'variants' } });

  it('names the field of each bad request and stores no experiment', async () => {
    const noQuestion = await uploadCsv(server, 'text,expected\nhello,x\n', 'No question');
    expect(await refusal({ ...base(), datasetId: noQuestion })).toMatchObject({ status: 422, code: 'EXPERIMENT_INVALID', details: { field: 'mapping.inputs.question' } });
    expect(await refusal({ ...base(), mapping: { inputs: { question: 'nope' } } })).toMatchObject({ status: 422, details: { field: 'mapping.inputs.question' } });
    expect(await refusal({ ...base(), arms: { kind: 'variants', nodeId: 'judge' } })).toMatchObject({ status: 422, details: { field: 'arms.nodeId' } });
    expect(await refusal({ ...base(), arms: { kind: 'versions', versions: [1, 7] } })).toMatchObject({ status: 422, details: { field: 'arms.versions.1' } });
    expect(await refusal({ ...base(), arms: { kind: 'models', nodeId: 'judge', models: ['sim:judge', 'nowhere:model'] } })).toMatchObject({ status: 422, details: { field: 'arms.models.1' } });
    expect(await refusal({ ...base(), budgetUsd: 0 })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('budgetUsd') });
    expect(await refusal({ ...base(), baseline: 'C' })).toMatchObject({ status: 422, details: { field: 'baseline' } });
    expect(await refusal({ ...base(), scorers: [{ type: 'regex', pattern: '(' }] })).toMatchObject({ status: 422, details: { field: 'scorers.0.pattern' } });
    expect(await refusal({ ...base(), pipelineId: 'missing' })).toMatchObject({ status: 404, code: 'PIPELINE_NOT_FOUND' });
    expect(await refusal({ ...base(), datasetId: 'missing' })).toMatchObject({ status: 404, code: 'DATASET_NOT_FOUND' });
    expect(await refusal({ ...base(), repeats: 0 })).toMatchObject({ status: 400, message: expect.stringContaining('repeats') });
    const { body } = await server.json<{ experiments: unknown[] }>('/api/experiments');
    expect(body.experiments).toEqual([]);
  });

  it('refuses a pipeline without a variants node for a variants experiment, naming the node', async () => {
    const plain = abDocument('plain');
    plain.nodes = plain.nodes.filter((node) => node.id !== 'variants' && node.id !== 'length');
    plain.nodes.find((node) => node.id === 'judge')!.config.subject = '{{input.question}}';
    plain.nodes.find((node) => node.id === 'out')!.config.value = '{{judge.reason}}';
    plain.edges = [{ id: 'e1', source: 'input', target: 'judge' }, { id: 'e2', source: 'judge', target: 'out' }];
    expect((await server.request('/api/pipelines', { body: plain })).status).toBe(201);
    const answer = await refusal({ ...base(), pipelineId: 'plain' });
    expect(answer).toMatchObject({ status: 422, details: { field: 'arms.nodeId' } });
    expect(answer.message).toContain('no variants node');
  });

  it('refuses a variants experiment whose single-variant arms break a reference, naming the node and field', async () => {
    const all = abDocument('all');
    all.nodes.find((node) => node.id === 'variants')!.config.mode = 'all';
    all.nodes = all.nodes.filter((node) => node.id !== 'length');
    all.edges = all.edges.filter((edge) => edge.source !== 'length');
    all.nodes.find((node) => node.id === 'judge')!.config.subject = '{{variants.results.B.text}}';
    all.nodes.find((node) => node.id === 'out')!.config.value = '{{judge.reason}}';
    expect((await server.request('/api/pipelines', { body: all })).status).toBe(201);
    const answer = await refusal({ ...base(), pipelineId: 'all' });
    expect(answer.status).toBe(422);
    expect(answer.details.problems!.map((problem) => problem.field)).toContain('arms.A.judge.config.subject');
  });

  it('estimates trials and cost before starting, with the same checks', async () => {
    const { status, body } = await server.json<{ trials: number; arms: { id: string }[]; estimate: { costUsd: number; durationMs: number } }>('/api/experiments/estimate', { body: { ...base(), repeats: 3 } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ trials: 18, arms: [{ id: 'A' }, { id: 'B' }], estimate: { costUsd: 0, durationMs: expect.any(Number) } });
    expect((await server.json('/api/experiments/estimate', { body: { ...base(), baseline: 'Z' } })).status).toBe(422);
  });

  it('answers 404 for an unknown experiment and 409 when cancelling a finished one', async () => {
    expect((await server.json('/api/experiments/nope')).status).toBe(404);
    const id = await startExperiment(server, base());
    await (await import('../testing/experiment-fixtures.ts')).followExperiment(server, id);
    const { status, body } = await server.json<{ error: { code: string } }>(`/api/experiments/${id}/cancel`, { method: 'POST' });
    expect([status, body.error.code]).toEqual([409, 'EXPERIMENT_FINISHED']);
  });
});

describe('stopping, budgets and retries', () => {
  let server: ReturnType<typeof createTestServer>;
  afterEach(() => server.cleanup());

  it('stops cleanly when the budget is spent: completed, with the reason, unstarted trials skipped', async () => {
    const { createDefaultProviderRegistry } = await import('@tandem/providers');
    const base = createDefaultProviderRegistry({});
    // A simulator with a price, so trials cost money.
    const models = { languageModel: base.languageModel, listModels: base.listModels, describe: (id: string) => ({ ...base.describe(id), price: { input: 100, output: 100 } }) };
    server = createTestServer({}, { models: models as never });
    await server.request('/api/pipelines', { body: abDocument() });
    const datasetId = await uploadCsv(server, questionsCsv(20));
    const id = await startExperiment(server, { pipelineId: 'ab', datasetId, arms: { kind: 'variants', nodeId: 'variants' }, concurrency: 2, budgetUsd: 0.5 });
    const { experiment } = await followExperiment(server, id);
    expect(experiment).toMatchObject({ status: 'completed', stopReason: 'budget' });
    expect(experiment.progress.skipped).toBeGreaterThan(0);
    expect(experiment.progress.done + experiment.progress.skipped).toBe(40);
    const { body } = await server.json<{ trials: TrialResult[] }>(`/api/experiments/${id}/results`);
    const costs = body.trials.filter((trial) => trial.status === 'completed').map((trial) => trial.metrics.costUsd as number);
    const spent = costs.reduce((sum, cost) => sum + cost, 0);
    expect(spent).toBeCloseTo(experiment.progress.costUsd, 9);
    // At most the trials already running when the budget ran out go over it.
    expect(spent).toBeLessThanOrEqual(0.5 + 2 * Math.max(...costs));
  });

  it('cancel stops new trials; running ones end and are kept', async () => {
    server = createTestServer();
    await server.request('/api/pipelines', { body: abDocument('ab', 'sim:writer?tps=200&ttft=50') });
    const datasetId = await uploadCsv(server, questionsCsv(30));
    const id = await startExperiment(server, { pipelineId: 'ab', datasetId, arms: { kind: 'variants', nodeId: 'variants' }, concurrency: 2 });
    const { status, body } = await server.json<ExperimentView>(`/api/experiments/${id}/cancel`, { method: 'POST' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'cancelled', stopReason: 'cancelled' });
    const { experiment } = await followExperiment(server, id);
    expect(experiment.status).toBe('cancelled');
    expect(experiment.progress.done).toBeLessThanOrEqual(2);
    expect(experiment.progress.skipped).toBe(60 - experiment.progress.done - experiment.progress.failed);
  });

  it('retries only the failed trials', async () => {
    server = createTestServer();
    await server.request('/api/pipelines', { body: abDocument('ab', 'sim:flaky?tps=0&errorRate=0.5&seed=3') });
    const datasetId = await uploadCsv(server, questionsCsv(10));
    const id = await startExperiment(server, { pipelineId: 'ab', datasetId, arms: { kind: 'variants', nodeId: 'variants' } });
    const { experiment: first } = await followExperiment(server, id);
    expect(first.progress.failed).toBeGreaterThan(0);
    const before = (await server.json<{ trials: TrialResult[] }>(`/api/experiments/${id}/results`)).body.trials;
    const { body } = await server.json<{ requeued: number }>(`/api/experiments/${id}/retry-failed`, { method: 'POST' });
    expect(body.requeued).toBe(first.progress.failed);
    const { experiment: second } = await followExperiment(server, id);
    expect(second.progress.done + second.progress.failed).toBe(20);
    const after = (await server.json<{ trials: TrialResult[] }>(`/api/experiments/${id}/results`)).body.trials;
    for (const [index, trial] of before.entries()) {
      if (trial.status === 'completed') expect(after[index]!.runId).toBe(trial.runId);
      else expect(after[index]!.runId).not.toBe(trial.runId);
    }
  });
});
