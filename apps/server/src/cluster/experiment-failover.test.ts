import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentEvent, ExperimentView, TrialResult } from '@tandem/shared';
import { createTemporaryPostgres, testPostgresUrl, type TemporaryPostgres } from '@tandem/db/pg-testing';
import { abDocument, followExperiment, questionsCsv, startExperiment, uploadCsv } from '../testing/experiment-fixtures.ts';
import { killHard } from '../testing/server-process.ts';
import { createTestServer, readSse } from '../testing/test-server.ts';
import { startClusterProcess, stopGracefully, type StartedClusterProcess } from './testing/cluster-process.ts';

const serverUrl = testPostgresUrl();
const rows = 12;
const writer = 'sim:writer?tps=300&ttft=40';
const body = (datasetId: string) => ({ pipelineId: 'ab', datasetId, arms: { kind: 'variants', nodeId: 'variants' }, concurrency: 4, scorers: [{ type: 'contains' }] });
/** Everything but the run id and the wall-clock latency. */
const comparable = (trials: TrialResult[]) => trials.map(({ runId: _runId, metrics: { latencyMs: _latencyMs, ...metrics }, ...trial }) => ({ ...trial, metrics }));

describe.skipIf(!serverUrl)('an experiment on a web node and two worker processes, one killed with SIGKILL', () => {
  let temporary: TemporaryPostgres;
  let pool: pg.Pool;
  let reference: TrialResult[];
  const processes: StartedClusterProcess[] = [];
  beforeAll(async () => {
    const single = createTestServer();
    try {
      expect((await single.request('/api/pipelines', { body: abDocument('ab', writer) })).status).toBe(201);
      const id = await startExperiment(single, body(await uploadCsv(single, questionsCsv(rows))));
      await followExperiment(single, id);
      reference = (await single.json<{ trials: TrialResult[] }>(`/api/experiments/${id}/results`)).body.trials;
    } finally {
      single.cleanup();
    }
    temporary = await createTemporaryPostgres(serverUrl!);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(processes.map((started) => stopGracefully(started.child)));
    await pool?.end();
    await temporary?.drop();
  }, 60_000);

  it('records every trial exactly once and answers the single process’s results', { timeout: 180_000 }, async () => {
    const env = { TANDEM_DATABASE_URL: temporary.url, TANDEM_LEASE_TTL_MS: '1500', TANDEM_QUEUED_GRACE_MS: '3000', TANDEM_WORKER_CONCURRENCY: '4', TANDEM_PG_POOL_SIZE: '6' };
    const [web, doomed, survivor] = await Promise.all([startClusterProcess('web', env), startClusterProcess('worker', env), startClusterProcess('worker', env)]);
    processes.push(web!, doomed!, survivor!);
    pool = new pg.Pool({ connectionString: temporary.url, max: 2 });
    const send = async <T>(path: string, init: RequestInit = {}) => {
      const response = await fetch(`${web!.baseUrl}${path}`, init);
      return { status: response.status, body: (await response.json()) as T };
    };
    const post = <T>(path: string, value: unknown) => send<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

    expect((await post('/api/pipelines', abDocument('ab', writer))).status).toBe(201);
    const form = new FormData();
    form.set('file', new File([questionsCsv(rows)], 'questions.csv', { type: 'text/csv' }));
    const dataset = await send<{ id: string; rowCount: number }>('/api/datasets', { method: 'POST', body: form });
    expect(dataset).toMatchObject({ status: 201, body: { rowCount: rows } });
    const created = await post<{ id: string }>('/api/experiments', body(dataset.body.id));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const stream = fetch(`${web!.baseUrl}/api/experiments/${id}/events`).then((response) => readSse(response, (seen) => seen.some((message) => message.event === 'end')));

    // Killed while it executes trials: its runs wait for their leases, trials it ran but did not record wait for a sweep.
    const count = async (sql: string, values: unknown[] = []) => Number((await pool.query<{ n: string }>(sql, values)).rows[0]!.n);
    let inFlight = 0;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && inFlight === 0; ) {
      const done = await count(`SELECT done AS n FROM experiments WHERE id = $1`, [id]);
      if (done >= 4) inFlight = await count(`SELECT count(*) AS n FROM runs WHERE experiment_id = $1 AND lease_owner = $2 AND status = 'running'`, [id, doomed!.workerId]);
      if (inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(inFlight, 'the killed worker had trials in flight').toBeGreaterThan(0);
    await killHard(doomed!.child);

    const messages = await stream;
    expect(messages.at(-1)).toMatchObject({ event: 'end', data: JSON.stringify({ status: 'completed' }) });
    const events = messages.filter((message) => message.id).map((message) => JSON.parse(message.data) as ExperimentEvent);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index + 1));
    expect(events.filter((event) => event.type === 'trial.completed')).toHaveLength(rows * 2);

    // One run per trial (a trial is never started twice), each recorded once.
    expect(await count(`SELECT count(*) AS n FROM runs WHERE experiment_id = $1`, [id])).toBe(rows * 2);
    expect(await count(`SELECT count(*) AS n FROM trials WHERE experiment_id = $1 AND attempts = 1 AND status = 'completed'`, [id])).toBe(rows * 2);
    const experiment = (await send<ExperimentView>(`/api/experiments/${id}`)).body;
    expect(experiment).toMatchObject({ status: 'completed', progress: { done: rows * 2, failed: 0, running: 0, queued: 0 } });
    const results = (await send<{ trials: TrialResult[] }>(`/api/experiments/${id}/results`)).body.trials;
    expect(comparable(results)).toEqual(comparable(reference));
    expect(survivor!.output()).not.toMatch(/could not be recorded|could not start|Unhandled/);
  });
});
