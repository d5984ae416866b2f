import { expect, test } from '@playwright/test';
import { answerPipeline, slowModel } from '../fixtures/documents.ts';
import { ClusterProcess, createTemporaryDatabase } from '../fixtures/cluster-process.ts';

// The cluster's processes listen next to the studio's server: TANDEM_E2E_PORT + 1 and + 2.
const basePort = Number(process.env.TANDEM_E2E_PORT ?? 8931);
const databaseUrl = process.env.TANDEM_TEST_DATABASE_URL;
if (!databaseUrl && process.env.CI === 'true') throw new Error('TANDEM_TEST_DATABASE_URL is not set: CI runs the cluster spec (scripts/start-test-postgres.sh)');

test.describe('a team on Postgres: web nodes and a worker', () => {
  test.skip(!databaseUrl, 'set TANDEM_TEST_DATABASE_URL (eval "$(bash scripts/start-test-postgres.sh)") to run the cluster spec');
  let database: Awaited<ReturnType<typeof createTemporaryDatabase>> | undefined;
  let webA: ClusterProcess;
  let webB: ClusterProcess;
  let worker: ClusterProcess;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    database = await createTemporaryDatabase(databaseUrl!);
    const env = { TANDEM_DATABASE_URL: database.url, TANDEM_WORKER_CONCURRENCY: '4' };
    webA = new ClusterProcess('web', env, basePort + 1);
    webB = new ClusterProcess('web', env, basePort + 2);
    worker = new ClusterProcess('worker', env);
    await Promise.all([webA.start(), webB.start(), worker.start()]);
  });
  test.afterAll(async () => {
    await Promise.all([webA?.stop(), webB?.stop(), worker?.stop()]);
    await database?.drop();
  });

  test('a browser on one web node watches live a run started on another and executed by a worker', async ({ page, request }) => {
    const id = 'cluster-watch';
    expect((await request.post(`${webA.baseUrl}/api/pipelines`, { data: answerPipeline(id, 'Cluster', slowModel(80)) })).status()).toBe(201);
    const started = await request.post(`${webA.baseUrl}/api/runs`, { data: { pipelineId: id, inputs: { prompt: 'A lighthouse seen from two harbours' } } });
    expect(started.status()).toBe(201);
    const { id: runId } = (await started.json()) as { id: string };

    // The page is served by web node B; its EventSource reads the run's events from there as the worker writes them.
    await page.goto(`${webB.baseUrl}/healthz`);
    const seen = await page.evaluate(
      (path) =>
        new Promise<{ ids: number[]; types: string[]; live: number }>((resolve, reject) => {
          const source = new EventSource(path);
          const ids: number[] = [];
          const types: string[] = [];
          const opened = Date.now();
          let live = 0;
          source.onmessage = (message) => {
            const event = JSON.parse(message.data) as { seq: number; type: string; ts: number };
            ids.push(Number(message.lastEventId));
            types.push(event.type);
            if (event.ts > opened) live++;
          };
          source.addEventListener('end', () => {
            source.close();
            resolve({ ids, types, live });
          });
          setTimeout(() => reject(new Error(`no end after ${ids.length} events`)), 45_000);
        }),
      `/api/runs/${runId}/events`,
    );
    expect(seen.ids).toEqual(seen.ids.map((_, index) => index + 1));
    expect(seen.types.at(-1)).toBe('run.completed');
    // The model streams for a few seconds: most events arrived while the run was going on.
    expect(seen.live).toBeGreaterThan(5);
    const trace = (await (await request.get(`${webA.baseUrl}/api/runs/${runId}/trace`)).json()) as { events: { seq: number }[] };
    expect(trace.events.map((event) => event.seq)).toEqual(seen.ids);
  });
});
