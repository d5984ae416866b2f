import { expect, test } from '../fixtures/api.ts';
import { answerPipeline, validateLoopPipeline } from '../fixtures/documents.ts';
import { EditorPage } from '../pages/editor-page.ts';

test.describe('editor as a daily tool: undo, copy, layout, search, drafts', () => {
  test('undoes and redoes a delete, a drag (one step) and a burst of typing (one step)', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(answerPipeline(`undo-${unique}`, `Undo ${unique}`, 'sim:writer'));
    const editor = new EditorPage(page);
    await editor.goto(id);

    // Typing into the prompt is one undo step, however many keys; the label typed before it is another.
    await editor.selectNode('llm');
    await page.getByTestId('node-label-input').pressSequentially('Writer');
    await editor.field('prompt').fill('');
    await editor.field('prompt').pressSequentially('Tell me more');
    await editor.shortcut('Mod+Z');
    await expect(editor.field('prompt')).toHaveValue('{{input.prompt}}');
    await expect(page.getByTestId('node-label-input')).toHaveValue('Writer');
    await editor.shortcut('Mod+Z');
    await expect(page.getByTestId('node-label-input')).toHaveValue('');
    await editor.shortcut('Shift+Mod+Z');
    await expect(page.getByTestId('node-label-input')).toHaveValue('Writer');

    // A drag of many pixels is one step.
    const node = editor.node('output');
    const before = (await node.boundingBox())!;
    await page.mouse.move(before.x + 60, before.y + 15);
    await page.mouse.down();
    await page.mouse.move(before.x + 160, before.y + 160, { steps: 20 });
    await page.mouse.up();
    const moved = (await node.boundingBox())!;
    expect(moved.y).toBeGreaterThan(before.y + 100);
    await editor.focusCanvas();
    await editor.shortcut('Mod+Z');
    await expect.poll(async () => Math.round((await node.boundingBox())!.y)).toBe(Math.round(before.y));
    await editor.shortcut('Shift+Mod+Z');
    await expect.poll(async () => Math.round((await node.boundingBox())!.y)).toBe(Math.round(moved.y));

    // Delete keeps nothing lost: undo brings the configured node back with its config.
    await editor.selectNode('llm');
    await page.keyboard.press('Delete');
    await page.getByTestId('delete-nodes-dialog').getByTestId('delete-remove-references').click();
    await expect(editor.nodes).toHaveCount(2);
    await editor.shortcut('Mod+Z');
    await expect(editor.nodes).toHaveCount(3);
    await editor.selectNode('llm');
    await expect(editor.field('system')).toHaveValue('Answer in two short paragraphs.');
    await page.getByTestId('redo').click();
    await expect(editor.nodes).toHaveCount(2);
    await page.getByTestId('undo').click();
    await expect(editor.nodes).toHaveCount(3);
  });

  test('copies, pastes and duplicates nodes with their configs and re-pointed references', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(validateLoopPipeline(`copy-${unique}`, `Copy ${unique}`));
    const editor = new EditorPage(page);
    await editor.goto(id);

    await editor.node('extract').click({ position: { x: 60, y: 18 } });
    await editor.node('check').click({ position: { x: 60, y: 18 }, modifiers: ['Shift'] });
    await editor.shortcut('Mod+C');
    await editor.shortcut('Mod+V');
    await expect(editor.nodes).toHaveCount(6);
    expect(await editor.nodeIds()).toEqual(['check', 'check_2', 'extract', 'extract_2', 'input', 'output']);
    // The copied validator guards the copied extractor, and the two are connected like the originals.
    await expect(editor.loopEdge('check_2')).toHaveAttribute('data-target-id', 'extract_2');
    await editor.focusCanvas();
    await editor.selectNode('check_2');
    await expect(editor.field('value')).toHaveValue('{{extract_2.text}}');

    await editor.focusCanvas();
    await editor.node('input').click({ position: { x: 60, y: 18 } });
    await editor.shortcut('Mod+D');
    await expect(editor.nodes).toHaveCount(7);
    expect(await editor.nodeIds()).toContain('input_2');
    await editor.shortcut('Mod+Z');
    await expect(editor.nodes).toHaveCount(6);
  });

  test('lays a pipeline out left to right (undoable), finds nodes and adds kinds by name, shows the shortcuts', async ({ page, api, unique }) => {
    const document = answerPipeline(`layout-${unique}`, `Layout ${unique}`, 'sim:writer');
    document.nodes.forEach((node) => (node.position = { x: 0, y: 0 }));
    const { id } = await api.createPipeline(document);
    const editor = new EditorPage(page);
    await editor.goto(id);
    // Stacked positions are laid out as the document opens.
    const xOf = async (nodeId: string) => (await editor.node(nodeId).boundingBox())!.x;
    await expect.poll(async () => (await xOf('input')) < (await xOf('llm')) && (await xOf('llm')) < (await xOf('output'))).toBe(true);
    await expect(page.getByTestId('unsaved-indicator')).toBeVisible();

    // Move a node out of line, lay out again (one step), undo the layout.
    // In the canvas's own coordinates (the node's transform), so a viewport that is still auto-panning after
    // the drag does not move the figures.
    const yOf = (nodeId: string) =>
      page.evaluate(`Math.round(new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__node[data-id="${nodeId}"]')).transform).f)`).then(Number);
    const output = (await editor.node('output').boundingBox())!;
    await page.mouse.move(output.x + 60, output.y + 15);
    await page.mouse.down();
    await page.mouse.move(output.x + 60, output.y + 260, { steps: 10 });
    await page.mouse.up();
    const dragged = await yOf('output');
    expect(Math.abs(dragged - (await yOf('llm')))).toBeGreaterThan(150);
    await page.getByTestId('layout').click();
    await expect.poll(async () => Math.abs((await yOf('output')) - (await yOf('llm')))).toBeLessThan(60);
    await page.getByTestId('undo').click();
    await expect.poll(() => yOf('output')).toBe(dragged);

    await editor.focusCanvas();
    await editor.shortcut('Mod+K');
    await page.getByTestId('command-input').fill('llm');
    await expect(page.getByTestId('command-result').first()).toHaveAttribute('data-result-type', 'node');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('node-inspector')).toHaveAttribute('data-node-id', 'llm');

    await editor.focusCanvas();
    await editor.node('llm').click({ position: { x: 60, y: 18 } });
    await editor.shortcut('Mod+K');
    await page.getByTestId('command-input').fill('judge');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('node-inspector')).toHaveAttribute('data-node-id', 'judge');
    // Added in free space right of the selected node, not on top of another.
    const llm = (await editor.node('llm').boundingBox())!;
    const judge = (await editor.node('judge').boundingBox())!;
    const overlaps = (a: typeof llm, b: typeof llm) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const other of ['input', 'llm', 'output']) expect(overlaps(judge, (await editor.node(other).boundingBox())!)).toBe(false);
    expect(judge.x).toBeGreaterThan(llm.x + llm.width);

    await editor.focusCanvas();
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcut-sheet')).toContainText('Duplicate the selected nodes');
    await page.keyboard.press('Escape');
  });

  test('filters the palette and opens at a readable zoom', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(answerPipeline(`palette-${unique}`, `Palette ${unique}`, 'sim:writer'));
    const editor = new EditorPage(page);
    await editor.goto(id);
    await page.getByTestId('palette-search').fill('critique');
    await expect(page.getByTestId('palette-item-llm')).toHaveCount(0);
    await expect(page.getByTestId('palette-item-critique')).toBeVisible();
    const zoom = Number(await page.evaluate("new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a"));
    expect(zoom).toBeGreaterThanOrEqual(0.8);
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
  });

  test('saves a pipeline with problems as a draft that cannot run, then as a version once fixed', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(answerPipeline(`draft-${unique}`, `Draft ${unique}`, 'sim:writer'));
    const editor = new EditorPage(page);
    await editor.goto(id);
    await editor.selectNode('output');
    await editor.field('value').fill('{{nope.text}}');
    await expect(page.getByTestId('run-pipeline')).toBeDisabled();
    await expect(page.getByTestId('run-blocked-reason')).toContainText('refers to node "nope"');
    await expect(page.getByTestId('save-pipeline')).toHaveText(/Save draft/);
    await editor.shortcut('Mod+S');
    await expect(page.getByTestId('toast').filter({ hasText: 'Saved as a draft' })).toBeVisible();
    await expect(page.getByTestId('draft-badge')).toBeVisible();
    expect((await api.getPipeline(id)).version).toBe(1);

    // The draft comes back after a reload, still unable to run; the version is untouched.
    await page.reload();
    await expect(page.getByTestId('draft-badge')).toBeVisible();
    await editor.selectNode('output');
    await expect(editor.field('value')).toHaveValue('{{nope.text}}');
    await editor.field('value').fill('{{llm.text}}');
    await expect(page.getByTestId('save-pipeline')).toHaveText(/^Save$/);
    expect(await editor.save()).toBe(2);
    await expect(page.getByTestId('draft-badge')).toHaveCount(0);
  });
});
