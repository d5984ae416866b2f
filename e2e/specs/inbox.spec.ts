import { expect, test } from '../fixtures/api.ts';
import { reviewPipeline } from '../fixtures/documents.ts';
import { InboxPage } from '../pages/inbox-page.ts';

test.describe('inbox: people answer waiting user steps', () => {
  test('approves an edited value and the run finishes with it', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(reviewPipeline(`inbox-approve-${unique}`, `Inbox approve ${unique}`));
    const runId = await api.startRun(id, { prompt: 'Where is my parcel?' });
    await api.waitForRun(runId, ['waiting']);

    const inbox = new InboxPage(page);
    await inbox.goto();
    const item = inbox.item(runId, 'review');
    await expect(item).toContainText('Approve the reply to the customer');
    await expect(item).toContainText(`Inbox approve ${unique}`);
    await expect(page.getByTestId('inbox-count')).toBeVisible();

    await item.getByTestId('user-step-value').fill('Your parcel arrives tomorrow.');
    await item.getByTestId('approve-step').click();
    await expect(item).toHaveCount(0);

    const finished = await api.waitForRun(runId);
    expect(finished.outputs.output).toBe('Your parcel arrives tomorrow.');
  });

  test('shows the server error inline when the step is no longer waiting', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(reviewPipeline(`inbox-stale-${unique}`, `Inbox stale ${unique}`));
    const runId = await api.startRun(id, { prompt: 'Cancel my order.' });
    await api.waitForRun(runId, ['waiting']);

    // Keep showing the list as it was before someone else answered, so the page submits a stale item.
    const stale = (await (await page.request.get('/api/inbox')).json()) as unknown;
    await page.route('**/api/inbox', (route) => route.fulfill({ json: stale }));
    const inbox = new InboxPage(page);
    await inbox.goto();
    const item = inbox.item(runId, 'review');
    await expect(item).toBeVisible();

    const response = await page.request.post(`/api/runs/${runId}/nodes/review/submit`, { data: { decision: 'rejected' } });
    expect(response.ok(), await response.text()).toBe(true);
    await item.getByTestId('approve-step').click();
    await expect(item.getByTestId('user-step-error')).toBeVisible();
    await expect(item.getByTestId('user-step-error')).not.toBeEmpty();

    await page.unroute('**/api/inbox');
    await expect(item).toHaveCount(0, { timeout: 10_000 });
  });
});
