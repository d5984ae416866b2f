import { expect, type Page } from '@playwright/test';

/** Settings → Providers: providers with their health, pools with each member's breaker. */
export class ProvidersPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/settings/providers');
    await expect(this.page.getByTestId('providers-page')).toBeVisible();
  }

  provider(name: string) {
    return this.page.locator(`[data-testid="provider-row"][data-name="${name}"]`);
  }

  member(pool: string, model: string) {
    return this.page.locator(`[data-testid="pool-card"][data-name="${pool}"] [data-testid="pool-member"][data-model="${model}"]`);
  }

  /** Adds an OpenAI-compatible provider through its dialog. */
  async addProvider(name: string, baseURL: string, models: string, apiKey: string) {
    await this.page.getByTestId('add-provider').click();
    const dialog = this.page.getByTestId('add-provider-dialog');
    await dialog.getByTestId('provider-name').fill(name);
    await dialog.getByTestId('provider-url').fill(baseURL);
    await dialog.getByTestId('provider-models').fill(models);
    await dialog.getByTestId('provider-key-input').fill(apiKey);
    await dialog.getByTestId('add-provider-submit').click();
    await expect(dialog).toBeHidden();
    await expect(this.provider(name)).toBeVisible();
  }

  /** Creates a priority pool over `members` (ticked in order) with a breaker. */
  async createPool(name: string, members: string[], breaker: { failures: number; cooldownSeconds: number }) {
    await this.page.getByTestId('create-pool').click();
    const dialog = this.page.getByTestId('pool-dialog');
    await dialog.getByTestId('pool-name').fill(name);
    for (const model of members) await dialog.locator(`[data-testid="pool-member-option"][data-model="${model}"]`).check();
    await dialog.getByTestId('pool-failures').fill(String(breaker.failures));
    await dialog.getByTestId('pool-cooldown').fill(String(breaker.cooldownSeconds));
    await dialog.getByTestId('pool-submit').click();
    await expect(dialog).toBeHidden();
    await expect(this.page.locator(`[data-testid="pool-card"][data-name="${name}"]`)).toBeVisible();
  }
}
