import { expect, type Page } from '@playwright/test';

/** `/inbox`: waiting user steps. */
export class InboxPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/inbox');
    await expect(this.page.getByRole('heading', { name: 'Inbox', exact: true })).toBeVisible();
  }

  item(runId: string, nodeId: string) {
    return this.page.locator(`[data-testid="inbox-item"][data-run-id="${runId}"][data-node-id="${nodeId}"]`);
  }
}
