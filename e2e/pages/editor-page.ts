import { expect, type Page } from '@playwright/test';

/** `/pipelines/:id`: palette, canvas, inspector and toolbar. */
export class EditorPage {
  constructor(readonly page: Page) {}

  get canvas() {
    return this.page.getByTestId('editor-canvas');
  }
  get nodes() {
    return this.page.getByTestId('canvas-node');
  }
  get edges() {
    return this.page.locator('.react-flow__edge:not([data-id^="loop:"])');
  }

  async goto(pipelineId: string) {
    await this.page.goto(`/pipelines/${pipelineId}`);
    await expect(this.page.getByTestId('editor')).toBeVisible();
  }

  node(nodeId: string) {
    return this.page.locator(`[data-testid="canvas-node"][data-node-id="${nodeId}"]`);
  }

  /** The dashed arc from a validator back to the step it guards. */
  loopEdge(validatorId: string) {
    return this.canvas.locator(`[data-testid="loop-edge"][data-validator-id="${validatorId}"]`);
  }

  /** Drags a kind from the palette and returns the id the editor gave the new node (selected on drop). */
  async addFromPalette(kind: string, position: { x: number; y: number }): Promise<string> {
    const ofKind = this.page.locator(`[data-testid="canvas-node"][data-kind="${kind}"]`);
    const idsOfKind = () => ofKind.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-node-id')!));
    const before = new Set(await idsOfKind());
    await this.dragFromPalette(kind, position);
    const added = (await idsOfKind()).filter((id) => !before.has(id));
    expect(added, `one new ${kind} node`).toHaveLength(1);
    await expect(this.page.getByTestId('node-inspector')).toHaveAttribute('data-node-id', added[0]!);
    return added[0]!;
  }

  /** Drags a node kind from the palette onto the canvas at a point relative to the canvas. */
  async dragFromPalette(kind: string, position: { x: number; y: number }) {
    const before = await this.nodes.count();
    await this.page.getByTestId(`palette-item-${kind}`).dragTo(this.canvas, { targetPosition: position });
    await expect(this.nodes).toHaveCount(before + 1);
  }

  /** Draws an edge from the source node's handle to the target node's handle. */
  async connect(sourceId: string, targetId: string) {
    const source = await this.page.getByTestId(`handle-source-${sourceId}`).boundingBox();
    const target = await this.page.getByTestId(`handle-target-${targetId}`).boundingBox();
    if (!source || !target) throw new Error(`Handles of ${sourceId} → ${targetId} are not visible`);
    await this.page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
    await this.page.mouse.up();
  }

  async selectNode(nodeId: string) {
    await this.node(nodeId).click({ position: { x: 60, y: 18 } });
    await expect(this.page.getByTestId('node-inspector')).toHaveAttribute('data-node-id', nodeId);
  }

  /** Deletes the selected node; when other nodes refer to it, answers the dialog with `references` (default: keep them, to fix later). */
  async deleteSelectedNode(references: 'keep' | 'remove' = 'keep') {
    const count = await this.nodes.count();
    await this.page.getByTestId('delete-node').click();
    const dialog = this.page.getByTestId('delete-nodes-dialog');
    await expect.poll(async () => (await dialog.isVisible()) || (await this.nodes.count()) === count - 1).toBe(true);
    if (await dialog.isVisible()) await dialog.getByTestId(references === 'keep' ? 'delete-keep-references' : 'delete-remove-references').click();
    await expect(this.nodes).toHaveCount(count - 1);
  }

  field(path: string) {
    return this.page.getByTestId(`field-${path}`);
  }

  async expectNoProblems() {
    await expect(this.page.getByTestId('problem-count')).toHaveAttribute('data-count', '0');
  }

  /** Saves and waits for the "Saved version N" toast; returns N. */
  async save(): Promise<number> {
    // Read the version from the save response itself: an earlier "Saved version" toast may still be on screen.
    const saved = this.page.waitForResponse((response) => response.request().method() === 'PUT' && /\/api\/pipelines\/[^/]+$/.test(new URL(response.url()).pathname));
    await this.page.getByTestId('save-pipeline').click();
    const { version } = (await (await saved).json()) as { version: number };
    await expect(this.page.getByTestId('toast').filter({ hasText: `Saved version ${version}` })).toBeVisible();
    await expect(this.page.getByTestId('unsaved-indicator')).toHaveCount(0);
    return version;
  }

  /** Opens the run dialog, fills the inputs and waits for the run view. */
  async run(inputs: Record<string, string>) {
    await this.page.getByTestId('run-pipeline').click();
    const dialog = this.page.getByTestId('run-dialog');
    await expect(dialog).toBeVisible();
    for (const [name, value] of Object.entries(inputs)) await dialog.getByTestId(`run-input-${name}`).fill(value);
    await dialog.getByTestId('run-submit').click();
    await this.page.waitForURL(/\/runs\/[^/]+$/);
  }

  /** Presses a shortcut with the platform's modifier (Control here). */
  async shortcut(keys: string) {
    await this.page.keyboard.press(keys.replace('Mod', 'Control'));
  }

  /** Clicks an empty spot of the canvas, so shortcuts act on the canvas and not on a field. */
  async focusCanvas() {
    await this.page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  }

  /** The document as the editor holds it now (ids and positions of the canvas nodes). */
  async nodeIds(): Promise<string[]> {
    return this.nodes.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-node-id')!).sort());
  }
}
