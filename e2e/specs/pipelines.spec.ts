import { writeFile } from 'node:fs/promises';
import { expect, test } from '../fixtures/api.ts';
import { answerPipeline } from '../fixtures/documents.ts';
import { PipelinesPage } from '../pages/pipelines-page.ts';

test.describe('pipelines list: templates, import and delete', () => {
  test('copies a template into a new pipeline', async ({ page, unique }) => {
    const pipelines = new PipelinesPage(page);
    await pipelines.goto();
    await pipelines.card('template-critique').getByTestId('use-template').click();
    await page.getByTestId('new-pipeline-name').fill(`Critic copy ${unique}`);
    await page.getByTestId('create-pipeline-submit').click();
    await expect(page.getByTestId('editor')).toBeVisible();
    await expect(page.getByTestId('pipeline-name-input')).toHaveValue(`Critic copy ${unique}`);
    await expect(page.locator('[data-testid="canvas-node"][data-kind="critique"]')).toHaveCount(1);
  });

  test('a template says so in the editor and “Use this template” makes a copy, leaving the template as it was', async ({ page, api, unique }) => {
    const before = await api.getPipeline('template-critique');
    await page.goto('/pipelines/template-critique');
    await expect(page.getByTestId('template-badge')).toBeVisible();
    await page.getByTestId('use-this-template').click();
    await page.getByTestId('new-pipeline-name').fill(`My critic ${unique}`);
    await page.getByTestId('create-pipeline-submit').click();
    await expect(page.getByTestId('pipeline-name-input')).toHaveValue(`My critic ${unique}`);
    await expect(page.getByTestId('template-badge')).toHaveCount(0);
    await expect(page.getByTestId('use-this-template')).toHaveCount(0);
    expect(new URL(page.url()).pathname).not.toBe('/pipelines/template-critique');
    expect((await api.getPipeline('template-critique')).version).toBe(before.version);
  });

  test('keeps the server’s own pipelines apart, without a delete button', async ({ page, request }) => {
    // The compatibility API creates its `orchestration` pipeline on first use.
    expect((await request.post('/generate', { data: { prompt: 'Hello' } })).ok()).toBe(true);
    const pipelines = new PipelinesPage(page);
    await pipelines.goto();
    const system = page.getByTestId('system-list');
    await expect(system.getByTestId('card-system-badge')).toBeVisible();
    await expect(system.getByTestId('delete-pipeline')).toHaveCount(0);
    await expect(page.getByTestId('pipeline-list').getByTestId('card-system-badge')).toHaveCount(0);
  });

  test('imports a document file and deletes a pipeline after confirming', async ({ page, unique }, testInfo) => {
    const file = testInfo.outputPath('import.json');
    await writeFile(file, JSON.stringify(answerPipeline(`imported-${unique}`, `Imported ${unique}`, 'sim:writer')));
    const pipelines = new PipelinesPage(page);
    await pipelines.goto();
    await page.getByTestId('import-pipeline-input').setInputFiles(file);
    await expect(page.getByTestId('editor')).toBeVisible();
    await expect(page.getByTestId('pipeline-name-input')).toHaveValue(`Imported ${unique}`);

    await pipelines.goto();
    await pipelines.card(`imported-${unique}`).getByTestId('delete-pipeline').click();
    await page.getByTestId('confirm-button').click();
    await expect(pipelines.card(`imported-${unique}`)).toHaveCount(0);
    const response = await page.request.get(`/api/pipelines/imported-${unique}`);
    expect(response.status()).toBe(404);
  });

  test('shows a not-found page for unknown pipelines and routes', async ({ page }) => {
    await page.goto('/pipelines/does-not-exist');
    await expect(page.getByTestId('not-found')).toContainText('pipeline does not exist');
    await page.goto('/runs/does-not-exist');
    await expect(page.getByTestId('not-found')).toContainText('run does not exist');
    await page.goto('/what/is/this');
    await expect(page.getByTestId('not-found')).toBeVisible();
  });
});
