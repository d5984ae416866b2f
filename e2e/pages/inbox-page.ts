import { expect, type Page } from '@playwright/test';

/** `/inbox`: waiting user steps. */
export class InboxPage {
  /** `origin` points the page object at another server than the config's baseURL. */
  constructor(
    readonly page: Page,
    readonly origin = '',
  ) {}

  async goto() {
    await this.page.goto(`${this.origin}/inbox`);
    await expect(this.page.getByRole('heading', { name: 'Inbox', exact: true })).toBeVisible();
  }

  item(runId: string, nodeId: string) {
    return this.page.locator(`[data-testid="inbox-item"][data-run-id="${runId}"][data-node-id="${nodeId}"]`);
  }

  /** Opens the run of an inbox item through its link. */
  async openRun(runId: string, nodeId: string) {
    await this.item(runId, nodeId).getByTestId('inbox-run-link').click();
    await this.page.waitForURL(`**/runs/${runId}`);
  }
}
