import { expect, type Page } from '@playwright/test';

/** `/runs`: the runs table. */
export class RunsPage {
  constructor(readonly page: Page) {}

  get rows() {
    return this.page.getByTestId('run-row');
  }

  async goto() {
    await this.page.goto('/runs');
    await expect(this.page.getByRole('heading', { name: 'Runs', exact: true })).toBeVisible();
  }

  row(runId: string) {
    return this.page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
  }
}
