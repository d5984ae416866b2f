import { expect, test } from '../fixtures/api.ts';
import { answerPipeline, slowModel } from '../fixtures/documents.ts';
import { RunPage } from '../pages/run-page.ts';

test.describe('run view: cancel and failures', () => {
  test('cancels a running run', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(answerPipeline(`cancel-${unique}`, `Cancel ${unique}`, slowModel(4)));
    const runId = await api.startRun(id, { prompt: 'Write a long story.' });
    const run = new RunPage(page);
    await run.goto(runId);
    await run.expectNodeStatus('llm', 'running');
    await page.getByTestId('cancel-run').click();
    await run.expectRunStatus('cancelled');
    await expect(page.getByTestId('cancel-run')).toHaveCount(0);
    await run.expectNodeStatus('output', 'not-run');
    // A cancelled run says it has no outputs, not that they will appear.
    await expect(page.getByTestId('run-cancelled-note')).toContainText('cancelled before it finished');
    await expect(page.getByTestId('run-overview')).not.toContainText('Outputs appear here');
    expect((await api.getRun(runId)).status).toBe('cancelled');
  });

  test('shows a failed step with a readable error', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(answerPipeline(`failing-${unique}`, `Failing ${unique}`, 'sim:writer?errorRate=1'));
    const runId = await api.startRun(id, { prompt: 'This will fail.' });
    await api.waitForRun(runId, ['failed']);
    const run = new RunPage(page);
    await run.goto(runId);
    await run.expectRunStatus('failed');
    await run.expectNodeStatus('llm', 'failed');
    await expect(page.getByTestId('run-overview').getByTestId('run-error')).toBeVisible();
    await run.node('llm').click({ position: { x: 60, y: 18 } });
    await expect(page.getByTestId('step-error')).not.toBeEmpty();
  });
});
