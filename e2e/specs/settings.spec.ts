import { expect, test } from '../fixtures/api.ts';
import { SettingsPage } from '../pages/settings-page.ts';

test.describe('settings: the HTTP activity allow-list', () => {
  // The allow-list is global server state: leave it empty for the other specs.
  test.afterEach(async ({ request }) => {
    const response = await request.put('/api/settings', { data: { httpAllowList: [] } });
    expect(response.ok(), await response.text()).toBe(true);
  });

  test('explains the policy, warns about private ranges, shows the server’s complaint on the entry and saves', async ({ page, request }) => {
    const seeded = await request.put('/api/settings', { data: { httpAllowList: ['api.partner.example'] } });
    expect(seeded.ok(), await seeded.text()).toBe(true);

    await page.goto('/');
    await page.getByTestId('nav-settings').click();
    await expect(page).toHaveURL(/\/settings$/);
    const settings = new SettingsPage(page);
    await expect(page.getByTestId('allow-list-explanation')).toContainText('private');
    for (const word of ['loopback', 'link-local', 'metadata']) await expect(page.getByTestId('allow-list-explanation')).toContainText(word);

    // What the server stored is what the page shows.
    await expect(settings.entries).toHaveCount(1);
    await expect(settings.entry(0).getByTestId('allow-list-input')).toHaveValue('api.partner.example');
    await expect(settings.entry(0)).toHaveAttribute('data-private', 'false');
    await expect(settings.warning).toHaveCount(0);

    // A private range is flagged as soon as it is listed.
    await settings.add('10.0.0.0/8');
    await expect(settings.entry(1)).toHaveAttribute('data-private', 'true');
    await expect(settings.entry(1).getByTestId('allow-list-private')).toHaveText('private');
    await expect(settings.warning).toBeVisible();
    await expect(page.getByTestId('settings-unsaved')).toBeVisible();

    // An entry the server refuses: the 400 names httpAllowList.2, and the page puts it on that row.
    await settings.add('not a host!');
    const refused = await settings.save();
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('httpAllowList.2');
    await expect(settings.entry(2).getByTestId('allow-list-error')).toContainText('httpAllowList.2');
    await expect(settings.entry(0).getByTestId('allow-list-error')).toHaveCount(0);
    await expect(page.getByTestId('settings-error')).toContainText('Not saved');
    expect(((await (await request.get('/api/settings')).json()) as { httpAllowList: string[] }).httpAllowList).toEqual(['api.partner.example']);

    // Fixing the entry clears its error; the server trims and answers the saved list.
    await settings.entry(2).getByTestId('allow-list-input').fill('  169.254.169.254 ');
    await expect(settings.entry(2).getByTestId('allow-list-error')).toHaveCount(0);
    await expect(settings.entry(2)).toHaveAttribute('data-private', 'true');
    await expect(settings.entry(2).getByTestId('allow-list-private')).toContainText('metadata');
    const saved = await settings.save();
    expect(saved.status).toBe(200);
    expect(saved.body.httpAllowList).toEqual(['api.partner.example', '10.0.0.0/8', '169.254.169.254']);
    await expect(page.getByTestId('settings-unsaved')).toHaveCount(0);
    await expect(settings.entry(2).getByTestId('allow-list-input')).toHaveValue('169.254.169.254');

    // A reload reads the saved list back from the server.
    await settings.goto();
    await expect(settings.entries).toHaveCount(3);
    await expect(settings.warning).toBeVisible();

    // Removing the private entries removes the warning; saving stores the shorter list.
    await settings.remove(2);
    await settings.remove(1);
    await expect(settings.warning).toHaveCount(0);
    const shortened = await settings.save();
    expect(shortened.body.httpAllowList).toEqual(['api.partner.example']);
    expect(((await (await request.get('/api/settings')).json()) as { httpAllowList: string[] }).httpAllowList).toEqual(['api.partner.example']);
  });
});
