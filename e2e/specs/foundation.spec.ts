import { expect, test } from '../fixtures/api.ts';
import { answerPipeline, slowModel } from '../fixtures/documents.ts';
import { EditorPage } from '../pages/editor-page.ts';
import { PipelinesPage } from '../pages/pipelines-page.ts';
import { RunPage } from '../pages/run-page.ts';
import { RunsPage } from '../pages/runs-page.ts';

test.describe('foundation: build, run, watch, reopen', () => {
  test('builds a 3-node pipeline from the palette, saves, runs and watches it live', async ({ page, unique }) => {
    const pipelines = new PipelinesPage(page);
    const editor = new EditorPage(page);
    await pipelines.goto();
    await pipelines.createPipeline(`Palette built ${unique}`);

    // Start from an empty canvas: delete the starter nodes.
    for (const nodeId of ['output', 'llm', 'input']) {
      await editor.selectNode(nodeId);
      await editor.deleteSelectedNode();
    }
    await expect(editor.nodes).toHaveCount(0);

    await editor.dragFromPalette('input', { x: 140, y: 320 });
    await editor.dragFromPalette('llm', { x: 440, y: 320 });
    await editor.dragFromPalette('output', { x: 740, y: 320 });
    await editor.connect('input', 'llm');
    await editor.connect('llm', 'output');
    await expect(editor.edges).toHaveCount(2);

    await editor.selectNode('llm');
    await editor.field('prompt').fill('{{input.prompt}}');
    await editor.field('model').fill(slowModel(20));
    await editor.selectNode('output');
    await editor.field('value').fill('{{llm.text}}');
    await editor.expectNoProblems();
    await expect(page.getByTestId('unsaved-indicator')).toBeVisible();

    expect(await editor.save()).toBe(2);
    await editor.run({ prompt: 'Why ride a tandem bicycle?' });

    const run = new RunPage(page);
    await expect(run.view).toBeVisible();
    await run.expectNodeStatus('llm', 'running');
    await expect(run.node('llm').getByTestId('node-streaming')).not.toBeEmpty();
    await run.expectNodeStatus('input', 'succeeded');
    await run.expectNodeStatus('output', 'queued');
    await run.expectNodeStatus('llm', 'succeeded', 30_000);
    await run.expectNodeStatus('output', 'succeeded');
    await run.expectRunStatus('completed');
    const output = run.outputs.getByTestId('run-output');
    await expect(output).toHaveAttribute('data-output-id', 'output');
    await expect(output).not.toHaveText('output');
    expect(await run.timelineKeys()).toEqual(['input#1', 'llm#1', 'output#1']);
  });

  test('a reload mid-run replays the trace and continues live without duplicate rows', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(answerPipeline(`reload-${unique}`, `Reload ${unique}`, slowModel(12)));
    const runId = await api.startRun(id, { prompt: 'Tell me about tandem bicycles.' });
    const run = new RunPage(page);
    await run.goto(runId);
    await run.expectNodeStatus('llm', 'running');
    await expect(run.node('llm').getByTestId('node-streaming')).not.toBeEmpty();

    await page.reload();
    await expect(run.view).toBeVisible();
    await run.expectNodeStatus('input', 'succeeded');
    await run.expectNodeStatus('llm', 'running');
    await run.expectRunStatus('completed');
    await run.expectNodeStatus('llm', 'succeeded');
    expect(await run.timelineKeys()).toEqual(['input#1', 'llm#1', 'output#1']);

    const finished = await api.getRun(runId);
    await expect(run.outputs.getByTestId('run-output')).toContainText(String(finished.outputs.output).slice(0, 40));
  });

  test('reopens a finished run from the runs list exactly as it was', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(answerPipeline(`reopen-${unique}`, `Reopen ${unique}`, slowModel(200)));
    const runId = await api.startRun(id, { prompt: 'Summarise the tandem idea.' });
    const finished = await api.waitForRun(runId);

    const runs = new RunsPage(page);
    await runs.goto();
    await expect(runs.row(runId)).toContainText(`Reopen ${unique}`);
    await expect(runs.row(runId).getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
    await runs.row(runId).click();

    const run = new RunPage(page);
    await page.waitForURL(`**/runs/${runId}`);
    await run.expectRunStatus('completed');
    for (const nodeId of ['input', 'llm', 'output']) await run.expectNodeStatus(nodeId, 'succeeded');
    expect(await run.timelineKeys()).toEqual(['input#1', 'llm#1', 'output#1']);
    await expect(run.outputs.getByTestId('run-output')).toContainText(String(finished.outputs.output));

    await run.node('llm').click({ position: { x: 60, y: 18 } });
    const detail = page.getByTestId('step-detail');
    await expect(detail).toHaveAttribute('data-node-id', 'llm');
    await expect(detail.getByTestId('llm-call')).toHaveCount(1);
    await expect(detail.getByTestId('llm-call')).toContainText(slowModel(200));
  });
});
