import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/api.ts';
import { answerPipeline } from '../fixtures/documents.ts';
import { freePort, ServerProcess } from '../fixtures/server-process.ts';
import { AccessPages } from '../pages/access-pages.ts';

const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const ownerEmail = 'owner@example.test';
const ownerPassword = 'a long owner password';

/** Pictures at the two widths the studio is reviewed at, tall enough for the whole settings page. */
async function capture(page: Page, name: string) {
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 1800 });
    await page.waitForTimeout(250);
    await page.screenshot({ path: path.join(screenshots, `access-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test.describe('access control: a server with sign-in required', () => {
  let server: ServerProcess;

  test.beforeAll(async () => {
    server = new ServerProcess({ port: await freePort(), database: ServerProcess.temporaryDatabase('access'), env: { TANDEM_AUTH: 'required' } });
    await server.start();
  });
  test.afterAll(async () => {
    await server.dispose();
  });

  test('first-visit owner setup, an API key used by the official openai client, viewers read only, sign out and in', async ({ page, request }) => {
    test.setTimeout(120_000);
    const base = server.baseUrl;
    const access = new AccessPages(page);

    // The usual server (loopback, no accounts) has no sign-in; Settings offers to turn it on.
    await page.goto('/settings');
    await expect(page.getByTestId('access-open')).toBeVisible();
    await expect(page.getByTestId('access-off-explanation')).toBeVisible();
    await capture(page, 'settings-open');

    // Nothing is served to nobody: the API refuses, the page asks for the owner.
    expect((await request.get(`${base}/api/pipelines`)).status()).toBe(401);
    await page.goto(`${base}/`);
    await expect(page.getByTestId('setup-page')).toBeVisible();
    await expect(page.getByTestId('setup-token')).toHaveValue('');
    await capture(page, 'setup');

    // The setup link the server printed carries the token.
    const link = /http:\/\/\S+\/setup\?token=[\w-]+/.exec(server.log())?.[0];
    expect(link, server.log()).toBeTruthy();
    await page.goto(link!.replace(/^http:\/\/[^/]+/, base));
    await expect(page.getByTestId('setup-token')).not.toHaveValue('');
    await access.setUpOwner(ownerEmail, ownerPassword);
    await expect(page).toHaveURL(`${base}/`);
    await expect(page.getByTestId('signed-in-role')).toHaveText('owner');

    // Settings: the owner's account is listed; a key is created and shown once.
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('account-row')).toHaveCount(1);
    await expect(page.getByTestId('account-row').first()).toHaveAttribute('data-email', ownerEmail);
    await page.getByTestId('create-api-key').click();
    await page.getByTestId('key-name').fill('e2e client');
    await page.getByTestId('key-rpm').fill('60');
    await capture(page, 'create-key');
    await page.keyboard.press('Escape');
    const key = await access.createKey('e2e client', ['v1']);
    await capture(page, 'key-created');
    await page.getByTestId('copy-key').click();
    await expect(page.getByTestId('copy-key')).toHaveText('Copied');
    await page.getByTestId('created-key-done').click();
    await expect(page.getByTestId('created-key')).toHaveCount(0);
    await expect(page.getByTestId('api-key-row').filter({ hasText: 'e2e client' })).toContainText('never used');

    // The official openai client, with the key, against /v1.
    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: key, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'sim:writer?tps=0&ttft=0', messages: [{ role: 'user', content: 'Name a river' }] });
    expect(completion.choices[0]!.message.content!.length).toBeGreaterThan(0);
    const stranger = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'tdm_not-a-key', maxRetries: 0 });
    await expect(stranger.models.list()).rejects.toMatchObject({ status: 401 });
    // The v1 scope does not open the studio's API.
    expect((await request.get(`${base}/api/pipelines`, { headers: { authorization: `Bearer ${key}` } })).status()).toBe(403);

    await page.reload();
    await expect(page.getByTestId('api-key-row').filter({ hasText: 'e2e client' }).getByTestId('api-key-last-used')).toContainText('used');
    await expect(page.getByTestId('audit-entry').first()).toHaveAttribute('data-action', 'key.created');

    // A viewer account, added by the owner, sees pipelines but no buttons that would be refused.
    await page.getByTestId('add-account-email').fill('viewer@example.test');
    await page.getByTestId('add-account-password').fill('a long viewer password');
    await page.getByTestId('add-account-role').click();
    await page.getByRole('option', { name: /Viewer/ }).click();
    await page.getByTestId('add-account-submit').click();
    await expect(page.getByTestId('account-row')).toHaveCount(2);
    await capture(page, 'settings-owner');
    const created = await page.evaluate(async (document) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch('/api/pipelines', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify(document) });
      return response.status;
    }, answerPipeline('viewer-sees-this', 'Viewer sees this'));
    expect(created).toBe(201);

    await access.signOut();
    await capture(page, 'sign-in');
    await page.getByTestId('sign-in-email').fill('viewer@example.test');
    await page.getByTestId('sign-in-password').fill('wrong password!!');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('sign-in-error')).toContainText('Wrong email or password');
    await access.signIn('viewer@example.test', 'a long viewer password');
    await expect(page.getByTestId('signed-in-role')).toHaveText('viewer');
    await expect(page.getByTestId('new-pipeline')).toBeHidden();
    await page.goto(`${base}/pipelines/viewer-sees-this`);
    await expect(page.getByTestId('editor-toolbar')).toBeVisible();
    await expect(page.getByTestId('read-only')).toBeVisible();
    await expect(page.getByTestId('save-pipeline')).toHaveCount(0);
    await expect(page.getByTestId('run-pipeline')).toHaveCount(0);
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('allow-list-read-only')).toBeVisible();
    await expect(page.getByTestId('users-section')).toHaveCount(0);
    await capture(page, 'settings-viewer');

    // Sign out, then back in as the owner.
    await access.signOut();
    expect((await request.get(`${base}/api/pipelines`)).status()).toBe(401);
    await access.signIn(ownerEmail, ownerPassword);
    await expect(page.getByTestId('signed-in-role')).toHaveText('owner');
  });
});
