import { expect, type Page } from '@playwright/test';

/** `/runs/:id`: the run's canvas, timeline and detail panel. */
export class RunPage {
  constructor(readonly page: Page) {}

  get view() {
    return this.page.getByTestId('run-view');
  }
  get timelineRows() {
    return this.page.getByTestId('timeline-row');
  }
  get outputs() {
    return this.page.getByTestId('run-outputs');
  }

  async goto(runId: string) {
    await this.page.goto(`/runs/${runId}`);
    await expect(this.view).toBeVisible();
  }

  runId(): string {
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }

  node(nodeId: string) {
    return this.page.locator(`[data-testid="run-canvas"] [data-testid="canvas-node"][data-node-id="${nodeId}"]`);
  }

  async expectNodeStatus(nodeId: string, status: string, timeout = 15_000) {
    await expect(this.node(nodeId)).toHaveAttribute('data-status', status, { timeout });
  }

  async expectRunStatus(status: string, timeout = 30_000) {
    await expect(this.view).toHaveAttribute('data-run-status', status, { timeout });
  }

  /** `nodeId#attempt` of every timeline row, in order. */
  async timelineKeys(): Promise<string[]> {
    return this.timelineRows.evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-node-id')}#${row.getAttribute('data-attempt')}`));
  }
}
