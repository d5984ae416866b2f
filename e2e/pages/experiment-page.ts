import { expect, type Page } from '@playwright/test';

/** `/experiments/:id`: progress, dashboard, rows, compare and exports. */
export class ExperimentPage {
  constructor(readonly page: Page) {}

  get view() {
    return this.page.getByTestId('experiment-view');
  }
  get progress() {
    return this.page.getByTestId('experiment-progress');
  }

  async expectStatus(status: string, timeout = 60_000) {
    await expect(this.page.getByTestId('experiment-status')).toHaveAttribute('data-status', status, { timeout });
  }

  /** Trials ended so far, as the progress bar says. */
  async ended(): Promise<number> {
    const done = Number(await this.progress.getAttribute('data-done'));
    const failed = Number(await this.progress.getAttribute('data-failed'));
    return done + failed;
  }

  async openTab(name: 'dashboard' | 'rows' | 'compare') {
    await this.page.getByTestId(`tab-${name}`).click();
  }
}
