import { expect, type Page } from '@playwright/test';

/** `/settings`: the HTTP activity allow-list. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  get entries() {
    return this.page.getByTestId('allow-list-entry');
  }
  get warning() {
    return this.page.getByTestId('allow-list-private-warning');
  }

  async goto() {
    await this.page.goto('/settings');
    await expect(this.page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
    await expect(this.page.getByTestId('allow-list-editor')).toBeVisible();
  }

  entry(index: number) {
    return this.page.locator(`[data-testid="allow-list-entry"][data-index="${index}"]`);
  }

  /** Adds an entry through the "new entry" field. */
  async add(value: string) {
    const count = await this.entries.count();
    await this.page.getByTestId('allow-list-new').fill(value);
    await this.page.getByTestId('allow-list-add').click();
    await expect(this.entries).toHaveCount(count + 1);
  }

  async remove(index: number) {
    await this.entry(index).getByTestId('allow-list-remove').click();
  }

  /** Saves and returns the server's answer: the saved list (200) or the error body (400). */
  async save(): Promise<{ status: number; body: { httpAllowList?: string[]; error?: { message: string } } }> {
    const answered = this.page.waitForResponse((response) => response.request().method() === 'PUT' && new URL(response.url()).pathname === '/api/settings');
    await this.page.getByTestId('settings-save').click();
    const response = await answered;
    return { status: response.status(), body: (await response.json()) as { httpAllowList?: string[]; error?: { message: string } } };
  }
}
