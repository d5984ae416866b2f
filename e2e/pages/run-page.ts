import { expect, type Page } from '@playwright/test';

/** `/runs/:id`: the run's canvas, timeline and detail panel. */
export class RunPage {
  /** `origin` points the page object at another server than the config's baseURL. */
  constructor(
    readonly page: Page,
    readonly origin = '',
  ) {}

  get view() {
    return this.page.getByTestId('run-view');
  }
  get canvas() {
    return this.page.getByTestId('run-canvas');
  }
  get timelineRows() {
    return this.page.getByTestId('timeline-row');
  }
  get outputs() {
    return this.page.getByTestId('run-outputs');
  }
  /** The step panel of the selected node. */
  get detail() {
    return this.page.getByTestId('step-detail');
  }

  async goto(runId: string) {
    await this.page.goto(`${this.origin}/runs/${runId}`);
    await expect(this.view).toBeVisible();
  }

  runId(): string {
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }

  node(nodeId: string) {
    return this.page.locator(`[data-testid="run-canvas"] [data-testid="canvas-node"][data-node-id="${nodeId}"]`);
  }

  /** The dashed arc from a validator back to the step it guards. */
  loopEdge(validatorId: string) {
    return this.canvas.locator(`[data-testid="loop-edge"][data-validator-id="${validatorId}"]`);
  }

  /** Selects a node on the canvas and waits for its step panel. */
  async selectNode(nodeId: string) {
    await this.node(nodeId).click({ position: { x: 60, y: 18 } });
    await expect(this.detail).toHaveAttribute('data-node-id', nodeId);
  }

  /** Back from a step to the run overview (outputs, error, totals). */
  async showOverview() {
    await this.page.getByTestId('back-to-overview').click();
    await expect(this.page.getByTestId('run-overview')).toBeVisible();
  }

  /** The attempt cards of the selected step. */
  attempts() {
    return this.detail.getByTestId('step-attempt');
  }

  attempt(number: number) {
    return this.detail.locator(`[data-testid="step-attempt"][data-attempt="${number}"]`);
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
