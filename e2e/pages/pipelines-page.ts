import { expect, type Page } from '@playwright/test';

/** `/`: the pipeline list. */
export class PipelinesPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Pipelines', exact: true })).toBeVisible();
  }

  card(pipelineId: string) {
    return this.page.locator(`[data-testid="pipeline-card"][data-pipeline-id="${pipelineId}"]`);
  }

  /** Creates a pipeline through the dialog and waits for its editor. */
  async createPipeline(name: string) {
    await this.page.getByTestId('new-pipeline').click();
    await this.page.getByTestId('new-pipeline-name').fill(name);
    await this.page.getByTestId('create-pipeline-submit').click();
    await expect(this.page.getByTestId('editor')).toBeVisible();
  }
}
