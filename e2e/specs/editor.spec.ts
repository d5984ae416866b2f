import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '../fixtures/api.ts';
import { answerPipeline, reviewPipeline } from '../fixtures/documents.ts';
import { EditorPage } from '../pages/editor-page.ts';

test.describe('editor: checks, versions and the run form', () => {
  test('shows problems on nodes and in the list, and selects the node on click', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(answerPipeline(`problems-${unique}`, `Problems ${unique}`, 'sim:writer'));
    const editor = new EditorPage(page);
    await editor.goto(id);
    await editor.expectNoProblems();
    await expect(editor.node('llm').getByTestId('node-estimate')).toContainText('~');
    // The whole run's estimate sits next to Run; it goes away while the document has problems.
    await expect(page.getByTestId('run-estimate')).toHaveText(/^~\d+(\.\d)? (ms|s) per run$/);

    // A reference to a node that does not exist: found in the browser, before running.
    await editor.selectNode('output');
    await editor.field('value').fill('{{nowhere.text}}');
    await expect(editor.node('output')).toHaveAttribute('data-problems', '1');
    await expect(page.getByTestId('run-pipeline')).toBeDisabled();

    // An unknown model: found by the server's check.
    await editor.field('value').fill('{{llm.text}}');
    await editor.selectNode('llm');
    await editor.field('model').fill('nowhere:model');
    const problem = page.getByTestId('problem-item').filter({ hasText: 'nowhere' });
    await expect(problem).toBeVisible();
    await expect(editor.node('llm').getByTestId('node-problem-count')).toHaveText('1');

    await page.getByTestId('inspector').getByTestId('node-id-input').click();
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 400 } });
    await expect(page.getByTestId('pipeline-settings')).toBeVisible();
    await problem.click();
    await expect(page.getByTestId('node-inspector')).toHaveAttribute('data-node-id', 'llm');
  });

  test('saves versions, views an older one and saves it as the newest', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(answerPipeline(`versions-${unique}`, `Versions ${unique}`, 'sim:writer'));
    const editor = new EditorPage(page);
    await editor.goto(id);
    await page.getByTestId('pipeline-name-input').fill(`Versions ${unique} renamed`);
    await expect(page.getByTestId('unsaved-indicator')).toBeVisible();
    expect(await editor.save()).toBe(2);

    await page.getByTestId('version-select').click();
    await page.getByRole('option', { name: 'v1', exact: true }).click();
    await expect(page).toHaveURL(/version=1/);
    await expect(page.getByTestId('pipeline-name-input')).toHaveValue(`Versions ${unique}`);
    await expect(page.getByText('Older version', { exact: true })).toBeVisible();

    expect(await editor.save()).toBe(3);
    await expect(page).not.toHaveURL(/version=/);
    await expect(page.getByTestId('version-select')).toContainText('v3 (latest)');
    expect((await api.getPipeline(id)).document.name).toBe(`Versions ${unique}`);
  });

  test('the run form marks required inputs and shows the server’s complaints next to the field', async ({ page, api, unique }) => {
    const document = answerPipeline(`run-form-${unique}`, `Run form ${unique}`, 'sim:writer');
    document.inputs = { type: 'object', properties: { prompt: { type: 'string', minLength: 10, description: 'At least ten characters' } }, required: ['prompt'] };
    const { id } = await api.createPipeline(document);
    const editor = new EditorPage(page);
    await editor.goto(id);
    await page.getByTestId('run-pipeline').click();
    const dialog = page.getByTestId('run-dialog');
    await expect(dialog.getByLabel('required')).toHaveCount(1);

    await dialog.getByTestId('run-submit').click();
    await expect(dialog.getByTestId('field-error')).toHaveText('Required');

    await dialog.getByTestId('run-input-prompt').fill('short');
    await dialog.getByTestId('run-submit').click();
    await expect(dialog.getByTestId('field-error')).toContainText('inputs.prompt');
    await expect(dialog.getByTestId('run-error')).toBeVisible();

    await dialog.getByTestId('run-input-prompt').fill('long enough to run');
    await dialog.getByTestId('run-submit').click();
    await page.waitForURL(/\/runs\//);
    await expect(page.getByTestId('run-view')).toHaveAttribute('data-run-status', 'completed', { timeout: 15_000 });
  });

  test('asks before leaving with unsaved changes', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(answerPipeline(`leave-${unique}`, `Leave ${unique}`, 'sim:writer'));
    const editor = new EditorPage(page);
    await editor.goto(id);
    await page.getByTestId('pipeline-name-input').fill('Changed but not saved');
    await page.getByTestId('nav-runs').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('Leave without saving?');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page).toHaveURL(new RegExp(`/pipelines/${id}$`));
    await expect(page.getByTestId('pipeline-name-input')).toHaveValue('Changed but not saved');

    await page.getByTestId('nav-runs').click();
    await page.getByTestId('confirm-button').click();
    await expect(page).toHaveURL(/\/runs$/);
  });

  test('exports the document and imports a file over it as a new version', async ({ page, api, unique }, testInfo) => {
    const { id } = await api.createPipeline(answerPipeline(`swap-${unique}`, `Swap ${unique}`, 'sim:writer'));
    const editor = new EditorPage(page);
    await editor.goto(id);

    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('editor-export').click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const text = await readFile(await download.path(), 'utf8');
    const exported = JSON.parse(text) as { id: string; nodes: unknown[]; kinds: Record<string, number> };
    expect(exported.id).toBe(id);
    expect(exported.nodes).toHaveLength(3);
    // A file for git: the current format, a stable key order, a final newline.
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(exported)).toEqual(['schema', 'kinds', 'id', 'name', 'description', 'inputs', 'nodes', 'edges']);

    const fromTheFuture = testInfo.outputPath('newer.json');
    await writeFile(fromTheFuture, JSON.stringify({ ...exported, kinds: { ...exported.kinds, llm: 99 } }));
    await page.getByTestId('editor-import-input').setInputFiles(fromTheFuture);
    await expect(page.getByTestId('toast').filter({ hasText: 'Import failed' })).toContainText('uses kind "llm" at version 99, newer than this Tandem Studio knows');
    await expect(editor.nodes).toHaveCount(3);

    const replacement = reviewPipeline('some-other-id', `Swapped in ${unique}`);
    const file = testInfo.outputPath('replacement.json');
    await writeFile(file, JSON.stringify(replacement));
    await page.getByTestId('editor-import-input').setInputFiles(file);
    await expect(page.getByTestId('toast').filter({ hasText: 'Saved version 2' })).toBeVisible();
    await expect(editor.nodes).toHaveCount(4);
    const saved = await api.getPipeline(id);
    expect(saved.version).toBe(2);
    expect(saved.document.name).toBe(`Swapped in ${unique}`);
  });
});
