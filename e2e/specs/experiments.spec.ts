import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/api.ts';
import { ExperimentPage } from '../pages/experiment-page.ts';
import { RunPage } from '../pages/run-page.ts';

const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

async function capture(page: Page, name: string) {
  await page.waitForTimeout(400);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 1400 });
    await page.waitForTimeout(250);
    await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

const questions = [
  'How do I reset my password?',
  'Where can I see my invoices?',
  'Can I change my delivery address?',
  'Why was my card declined?',
  'How do I cancel my plan?',
  'Is my data backed up every day?',
  'How do I add a colleague?',
  'Can I get a refund for last month?',
  'Why is the app slow on my phone?',
  'How do I turn on dark mode?',
];

test.describe('experiments: dataset to verdict', () => {
  test('uploads a CSV, runs an A/B experiment on the A/B template, reads the verdict and charts, opens a trace and exports', async ({ page, unique }) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // 1. Upload a CSV: a progress bar, then the detected columns and a preview.
    await page.goto('/datasets');
    const name = `questions-${unique}.csv`;
    const csv = `question,expected\n${questions.map((question) => `"${question}",${question.split(' ').at(-1)!.replace('?', '')}`).join('\n')}\n`;
    await page.getByTestId('dataset-file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const item = page.getByTestId('dataset-item').filter({ hasText: `questions-${unique}` });
    await expect(item).toBeVisible();
    await item.click();
    await expect(page.getByTestId('dataset-column')).toHaveText(['question', /expected/]);
    await expect(page.getByTestId('dataset-preview')).toContainText('Where can I see my invoices?');
    await capture(page, '20-datasets');

    // A broken file says which line and stores nothing.
    await page.getByTestId('dataset-file-input').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('question,expected\nfine,1\n"never closed,2\n') });
    await expect(page.getByRole('alert').filter({ hasText: 'Line 3' })).toBeVisible();

    // 2. Start an experiment from the A/B template's card, on the uploaded dataset.
    await page.goto('/');
    await page.locator('[data-pipeline-id="template-ab-test"]').getByTestId('pipeline-experiment').click();
    const dialog = page.getByTestId('new-experiment-dialog');
    await dialog.getByTestId('experiment-dataset').click();
    await page.getByRole('option', { name: new RegExp(`questions-${unique}`) }).click();
    await expect(dialog.getByTestId('experiment-estimate')).toContainText('20 trials');
    await capture(page, '21-new-experiment');
    await dialog.getByTestId('start-experiment').click();

    // 3. Progress fills in live over SSE.
    const experiment = new ExperimentPage(page);
    await expect(experiment.view).toBeVisible();
    await expect.poll(() => experiment.ended(), { timeout: 60_000 }).toBeGreaterThan(0);
    await experiment.expectStatus('completed');
    await expect(experiment.progress).toHaveAttribute('data-done', '20');

    // 4. The verdict, the recommendation and every chart.
    await expect(page.getByTestId('recommendation')).not.toBeEmpty();
    await expect(page.locator('[data-testid="comparison"][data-metric="judge.score"]').getByTestId('verdict')).toHaveAttribute(
      'data-verdict',
      /better|worse|no detectable difference|not enough data/,
    );
    await expect(page.getByTestId('arm-row')).toHaveCount(2);
    await expect(page.getByTestId('forest-plot').locator('svg').first()).toBeVisible();
    await expect(page.getByTestId('cost-quality-chart').locator('svg').first()).toBeVisible();
    await expect(page.getByTestId('distribution-chart')).toHaveCount(2);
    await expect(page.getByTestId('distribution-chart').first().locator('svg rect').first()).toBeVisible();
    await capture(page, '22-experiment-dashboard');

    // 5. Rows side by side; a cell opens its run's trace, where a person can give feedback.
    await experiment.openTab('rows');
    await expect(page.getByTestId('result-row')).toHaveCount(10);
    await expect(page.getByTestId('result-row').first().getByTestId('word-diff')).toBeVisible();
    await capture(page, '23-experiment-rows');
    await page.getByTestId('rows-filter-disagree').click();
    await expect(page.getByTestId('rows-filter-disagree')).toBeVisible();
    await page.getByTestId('rows-filter-all').click();
    await page.getByTestId('result-row').first().getByTestId('open-trace').first().click();
    const run = new RunPage(page);
    await expect(run.view).toBeVisible();
    await run.expectRunStatus('completed');
    await expect(page.getByTestId('run-experiment-link')).toBeVisible();
    await page.getByTestId('feedback-thumbs-up').click();
    await page.getByTestId('send-feedback').click();
    await expect(page.getByTestId('run-feedback-given')).toContainText('1 given');
    await page.goBack();

    // 6. Exports: one line per trial with every metric.
    await expect(experiment.view).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-results-csv').click()]);
    const content = await readFile((await download.path())!, 'utf8');
    const [header, ...lines] = content.trim().split('\n');
    expect(header).toBe('row,arm,repeat,runId,status,judge.score,feedback.thumbsUp,latencyMs,costUsd,inputTokens,outputTokens');
    expect(lines).toHaveLength(20);
    expect(errors).toEqual([]);
  });

  test('shows the live A/B view of the split template with feedback from real runs', async ({ page, api }) => {
    test.setTimeout(90_000);
    const runIds: string[] = [];
    for (const question of questions.slice(0, 6)) runIds.push(await api.startRun('template-ab-test', { question }));
    for (const id of runIds) await api.waitForRun(id);
    await page.goto('/pipelines/template-ab-test');
    await page.getByTestId('open-live').click();
    await expect(page.getByTestId('live-view')).toBeVisible();
    await expect(page.getByTestId('live-variant')).toHaveCount(2);
    await expect(page.getByTestId('live-recommendation')).not.toBeEmpty();
    await capture(page, '24-live-ab');
  });
});
