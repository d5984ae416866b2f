import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../fixtures/api.ts';
import { startOpenAIWireServer } from '../fixtures/openai-wire-server.ts';
import { ProvidersPage } from '../pages/providers-page.ts';

const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

async function capture(page: Page, name: string) {
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    // Let the charts and the live refresh settle so the picture shows the screen at rest.
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** One chat completion through the gateway; answers the status and the text. */
async function chat(request: APIRequestContext, model: string, content: string) {
  const response = await request.post('/v1/chat/completions', { data: { model, messages: [{ role: 'user', content }] } });
  const body = (await response.json()) as { choices?: { message: { content: string } }[] };
  return { status: response.status(), text: body.choices?.[0]?.message.content };
}

test.describe('the model gateway', () => {
  test('a pool of two providers keeps answering when one dies, and its breaker opens on the Providers page', async ({ page, request, unique }) => {
    const suffix = unique.replace(/[^a-z0-9]/g, '');
    const alpha = await startOpenAIWireServer('answer from alpha');
    const beta = await startOpenAIWireServer('answer from beta');
    try {
      const providers = new ProvidersPage(page);
      await providers.goto();
      await expect(providers.provider('sim')).toBeVisible();
      await providers.addProvider(`alpha${suffix}`, alpha.baseURL, 'm', 'sk-alpha-e2e-secret-0001');
      await providers.addProvider(`beta${suffix}`, beta.baseURL, 'm', 'sk-beta-e2e-secret-0002');
      // The key never comes back: only its last four characters.
      await expect(providers.provider(`alpha${suffix}`).getByTestId('provider-key')).toHaveText('key …0001');
      await expect(page.getByText('sk-alpha-e2e-secret-0001')).toHaveCount(0);

      await providers.provider(`alpha${suffix}`).getByTestId('provider-test').click();
      await expect(providers.provider(`alpha${suffix}`).getByTestId('provider-test-result')).toHaveAttribute('data-ok', 'true');

      const pool = `duo${suffix}`;
      await providers.createPool(pool, [`alpha${suffix}:m`, `beta${suffix}:m`], { failures: 2, cooldownSeconds: 600 });
      expect(await chat(request, `pool:${pool}`, 'hello')).toEqual({ status: 200, text: 'answer from alpha' });
      await expect(providers.member(pool, `alpha${suffix}:m`).getByTestId('breaker-state')).toHaveAttribute('data-state', 'closed');

      await alpha.stop();
      for (let index = 0; index < 4; index++) expect(await chat(request, `pool:${pool}`, `still there ${index}?`)).toEqual({ status: 200, text: 'answer from beta' });

      await expect(providers.member(pool, `alpha${suffix}:m`).getByTestId('breaker-state')).toHaveAttribute('data-state', 'open');
      await expect(providers.member(pool, `beta${suffix}:m`).getByTestId('breaker-state')).toHaveAttribute('data-state', 'closed');
      await expect(providers.member(pool, `alpha${suffix}:m`).getByTestId('member-error-rate')).not.toHaveText('0%');
      await providers.provider(`alpha${suffix}`).getByTestId('provider-test').click();
      await expect(providers.provider(`alpha${suffix}`).getByTestId('provider-test-result')).toHaveAttribute('data-ok', 'false');
      await expect(providers.provider(`alpha${suffix}`).getByTestId('provider-health')).not.toHaveAttribute('data-status', 'ok');
      await capture(page, 'gateway-providers');
    } finally {
      await alpha.stop().catch(() => undefined);
      await beta.stop();
    }
  });

  test('the Monitoring page charts requests, latency, first tokens, tokens and cache hits from the request log', async ({ page, request }) => {
    for (let index = 0; index < 3; index++) expect((await chat(request, 'sim:instant', `Monitor me ${index}`)).status).toBe(200);
    const cached = await request.post('/v1/chat/completions', { data: { model: 'sim:instant', messages: [{ role: 'user', content: 'Monitor me 0' }] }, headers: { 'x-tandem-cache': 'exact' } });
    expect(cached.status()).toBe(200);
    await request.post('/v1/chat/completions', { data: { model: 'sim:instant', messages: [{ role: 'user', content: 'Monitor me 0' }] }, headers: { 'x-tandem-cache': 'exact' } });
    expect((await chat(request, 'sim:x?errorRate=1', 'fail')).status).toBe(503);

    await page.goto('/monitoring');
    await expect(page.getByTestId('monitoring-page')).toBeVisible();
    await expect(page.getByTestId('stat-requests')).not.toContainText(/^Requests0$/);
    await expect(page.getByTestId('stat-errors')).not.toContainText('Errors0 ');
    await expect(page.getByTestId('chart-requests').locator('.recharts-surface').first()).toBeVisible();
    await expect(page.getByTestId('chart-latency-histogram').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.getByTestId('chart-ttft').locator('.recharts-surface').first()).toBeVisible();
    await expect(page.getByTestId('stat-cache-rate')).not.toContainText(/Cache hit rate0%$/);
    await page.getByTestId('monitoring-group').click();
    await page.getByRole('option', { name: 'By source (/v1 or runs)' }).click();
    await expect(page.getByTestId('chart-requests').locator('.recharts-legend-item-text').filter({ hasText: 'v1' })).toBeVisible();
    await capture(page, 'gateway-monitoring');
  });
});
