import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { answerPipeline, slowModel } from '../fixtures/documents.ts';
import { ClusterProcess, createTemporaryDatabase } from '../fixtures/cluster-process.ts';
import { EditorPage } from '../pages/editor-page.ts';
import { PipelinesPage } from '../pages/pipelines-page.ts';
import { RunPage } from '../pages/run-page.ts';
import { RunsPage } from '../pages/runs-page.ts';

// The web node listens next to the studio's server, after the ports the cluster spec takes: TANDEM_E2E_PORT + 3.
const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const basePort = Number(process.env.TANDEM_E2E_PORT ?? 8931);
const databaseUrl = process.env.TANDEM_TEST_DATABASE_URL;
if (!databaseUrl && process.env.CI === 'true') throw new Error('TANDEM_TEST_DATABASE_URL is not set: CI runs the cluster specs (scripts/start-test-postgres.sh)');

test.describe('the studio served by a web node on Postgres', () => {
  test.skip(!databaseUrl, 'set TANDEM_TEST_DATABASE_URL (eval "$(bash scripts/start-test-postgres.sh)") to run the cluster specs');
  let database: Awaited<ReturnType<typeof createTemporaryDatabase>> | undefined;
  let web: ClusterProcess;
  let worker: ClusterProcess;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    database = await createTemporaryDatabase(databaseUrl!);
    const env = { TANDEM_DATABASE_URL: database.url, TANDEM_WORKER_CONCURRENCY: '2' };
    web = new ClusterProcess('web', env, basePort + 3);
    worker = new ClusterProcess('worker', env);
    await Promise.all([web.start(), worker.start()]);
  });
  test.afterAll(async () => {
    await Promise.all([web?.stop(), worker?.stop()]);
    await database?.drop();
  });

  test('lists pipelines, opens one in the editor, runs it on a worker, watches its trace and finds it in the runs list', async ({ page, request }) => {
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/') && response.status() >= 400) refused.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const id = 'cluster-studio';
    expect((await request.post(`${web.baseUrl}/api/pipelines`, { data: answerPipeline(id, 'Answer on the cluster', slowModel(12)) })).status()).toBe(201);

    const pipelines = new PipelinesPage(page);
    await page.goto(`${web.baseUrl}/`);
    await expect(page.getByRole('heading', { name: 'Pipelines', exact: true })).toBeVisible();
    await expect(pipelines.card(id)).toContainText('Answer on the cluster');
    // The shipped templates were stored by the web node when it started.
    await expect(page.locator('[data-testid="pipeline-card"][data-pipeline-id="template-answer"]')).toBeVisible();
    await page.screenshot({ path: path.join(screenshots, 'cluster-pipelines.png') });

    await pipelines.card(id).getByTestId('pipeline-card-link').click();
    const editor = new EditorPage(page);
    await expect(page.getByTestId('editor')).toBeVisible();
    await expect(editor.nodes).toHaveCount(3);
    await editor.expectNoProblems();

    await editor.run({ prompt: 'A lighthouse seen from two harbours' });
    const run = new RunPage(page, web.baseUrl);
    await expect(run.view).toBeVisible();
    const runId = run.runId();
    // The worker executes it; the page follows its events live from the web node.
    await run.expectNodeStatus('llm', 'running');
    await run.expectRunStatus('completed');
    await run.expectNodeStatus('output', 'succeeded');
    await expect(run.timelineRows).not.toHaveCount(0);
    await expect(run.outputs).not.toBeEmpty();
    await page.screenshot({ path: path.join(screenshots, 'cluster-run.png') });
    const trace = (await (await request.get(`${web.baseUrl}/api/runs/${runId}/trace`)).json()) as { events: { seq: number; type: string }[] };
    expect(trace.events.map((event) => event.seq)).toEqual(trace.events.map((_, index) => index + 1));
    expect(trace.events.at(-1)?.type).toBe('run.completed');

    const runs = new RunsPage(page);
    await page.goto(`${web.baseUrl}/runs`);
    await expect(page.getByRole('heading', { name: 'Runs', exact: true })).toBeVisible();
    await expect(runs.row(runId)).toBeVisible();
    await expect(runs.row(runId)).toContainText('Answer on the cluster');
    await page.screenshot({ path: path.join(screenshots, 'cluster-runs.png') });

    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  });
});
