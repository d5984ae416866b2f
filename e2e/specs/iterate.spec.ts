import { expect, test } from '../fixtures/api.ts';
import type { PipelineDocument } from '../fixtures/documents.ts';
import { EditorPage } from '../pages/editor-page.ts';
import { RunPage } from '../pages/run-page.ts';

/** input → draft → polish → out on the instant simulator. */
function draftAndPolish(id: string, name: string): PipelineDocument {
  const model = 'sim:writer?tps=0&ttft=0';
  return {
    schema: 'tandem.pipeline/v1',
    id,
    name,
    inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 40 }, config: {} },
      { id: 'draft', kind: 'llm', position: { x: 320, y: 20 }, config: { model, prompt: '{{input.prompt}}' } },
      { id: 'polish', kind: 'llm', position: { x: 640, y: 20 }, config: { model, prompt: 'Polish this: {{draft.text}}' } },
      { id: 'out', kind: 'output', position: { x: 960, y: 40 }, config: { value: '{{polish.text}}' } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'draft' },
      { id: 'e2', source: 'draft', target: 'polish' },
      { id: 'e3', source: 'polish', target: 'out' },
    ],
  };
}

test.describe('iterating on runs: fork from a step, compare versions, the runs list', () => {
  test('forks a finished run from a step with an edited prompt; the reused steps make no model call', async ({ page, api, request, unique }) => {
    const { id } = await api.createPipeline(draftAndPolish(`fork-${unique}`, `Fork ${unique}`));
    const parentId = await api.startRun(id, { prompt: 'Why do tandem bicycles need a captain?' });
    await api.waitForRun(parentId);
    const run = new RunPage(page);
    await page.goto(`/runs/${parentId}`);
    await run.selectNode('polish');
    const panel = page.getByTestId('fork-panel');
    await panel.getByTestId('field-prompt').fill('Rewrite it as a haiku: {{draft.text}}');
    await expect(panel.getByTestId('fork-run')).toHaveText(/^Run from here/);
    await panel.getByTestId('fork-save-as-version').check();
    await expect(panel.getByTestId('fork-run')).toHaveText(/Save and run from here/);
    await panel.getByTestId('fork-run').click();
    await page.waitForURL((url) => url.pathname.startsWith('/runs/') && !url.pathname.endsWith(parentId));
    await expect(page.getByTestId('run-view')).toHaveAttribute('data-run-status', 'completed');
    await expect(page.getByTestId('forked-from-link')).toContainText('at polish');
    await expect(page.getByTestId('fork-comparison')).toBeVisible();
    await expect(run.node('draft')).toHaveAttribute('data-reused', 'true');
    await run.selectNode('draft');
    await expect(page.getByTestId('step-reused')).toContainText('no model call');

    const forkId = new URL(page.url()).pathname.split('/').pop()!;
    const trace = (await (await request.get(`/api/runs/${forkId}/trace`)).json()) as { events: { type: string; nodeId?: string; data: { prompt?: string } }[] };
    const calls = trace.events.filter((event) => event.type === 'llm.call');
    expect(calls.map((event) => event.nodeId)).toEqual(['polish']);
    expect(calls[0]!.data.prompt).toContain('Rewrite it as a haiku:');
    expect((await api.getPipeline(id)).version).toBe(2);
  });

  test('forks with a change kept on the new run only: the pipeline keeps its version, the run says what it changed', async ({ page, api, request, unique }) => {
    const { id } = await api.createPipeline(draftAndPolish(`fork-only-${unique}`, `Fork only ${unique}`));
    const parentId = await api.startRun(id, { prompt: 'Why do tandem bicycles need a captain?' });
    await api.waitForRun(parentId);
    const run = new RunPage(page);
    await page.goto(`/runs/${parentId}`);
    await run.selectNode('polish');
    const panel = page.getByTestId('fork-panel');
    await panel.getByTestId('field-prompt').fill('In one line: {{draft.text}}');
    await expect(panel).toContainText('applies to the new run only');
    await panel.getByTestId('fork-run').click();
    await page.waitForURL((url) => url.pathname.startsWith('/runs/') && !url.pathname.endsWith(parentId));
    await expect(page.getByTestId('run-view')).toHaveAttribute('data-run-status', 'completed');
    await expect(page.getByTestId('run-overrides-note')).toContainText('polish');
    // The fork's own step shows the config it ran with (the run's change), ready to fork again.
    await run.selectNode('polish');
    await expect(page.getByTestId('fork-panel').getByTestId('field-prompt')).toHaveValue('In one line: {{draft.text}}');

    const forkId = new URL(page.url()).pathname.split('/').pop()!;
    const view = (await (await request.get(`/api/runs/${forkId}`)).json()) as { version: number; overrides?: Record<string, { prompt?: string }> };
    expect(view.version).toBe(1);
    expect(view.overrides?.polish?.prompt).toBe('In one line: {{draft.text}}');
    expect((await api.getPipeline(id)).version).toBe(1);
  });

  test('compares two versions node by node, marks them on the canvas, and restores the old one as the newest', async ({ page, api, request, unique }) => {
    const document = draftAndPolish(`compare-${unique}`, `Compare ${unique}`);
    const { id } = await api.createPipeline(document);
    const next = structuredClone(document);
    next.nodes[2]!.config = { ...next.nodes[2]!.config, prompt: 'Polish and shorten: {{draft.text}}' };
    next.nodes.push({ id: 'note', kind: 'text', position: { x: 320, y: 260 }, config: { template: 'About {{input.prompt}}' } });
    next.edges.push({ id: 'e4', source: 'input', target: 'note' });
    expect((await request.put(`/api/pipelines/${id}`, { data: next })).status()).toBe(200);

    const editor = new EditorPage(page);
    await editor.goto(id);
    await page.getByTestId('compare-versions').click();
    const panel = page.getByTestId('version-compare');
    await expect(panel.getByTestId('compare-changed-node')).toHaveAttribute('data-node-id', 'polish');
    await expect(panel.getByTestId('compare-field')).toHaveAttribute('data-field', 'config.prompt');
    await expect(panel.getByTestId('compare-field').getByTestId('word-diff')).toContainText('shorten');
    await expect(panel.getByTestId('compare-added')).toContainText('note');
    await expect(editor.node('polish')).toHaveAttribute('data-highlight', 'changed');
    await expect(editor.node('note')).toHaveAttribute('data-highlight', 'added');

    await panel.getByTestId('restore-version').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Restored v1 as v3' })).toBeVisible();
    const restored = await api.getPipeline(id);
    expect(restored.version).toBe(3);
    expect(restored.document.nodes.map((node) => node.id)).toEqual(['input', 'draft', 'polish', 'out']);
  });

  test('lists runs with an output preview, tokens and cost, filtered by version', async ({ page, api, request, unique }) => {
    const document = draftAndPolish(`list-${unique}`, `List ${unique}`);
    const { id } = await api.createPipeline(document);
    const first = await api.startRun(id, { prompt: 'First question about tandems' });
    await api.waitForRun(first);
    expect((await request.put(`/api/pipelines/${id}`, { data: { ...document, name: `List ${unique} v2` } })).status()).toBe(200);
    const second = await api.startRun(id, { prompt: 'Second question' });
    await api.waitForRun(second);

    await page.goto(`/runs?pipelineId=${id}`);
    const row = page.locator(`[data-testid="run-row"][data-run-id="${first}"]`);
    await expect(row.getByTestId('run-output-preview')).not.toHaveText('—');
    await expect(row.getByTestId('run-tokens')).toHaveText(/^\d/);
    await expect(row.getByTestId('run-cost')).toHaveText(/\$/);
    await expect(row.getByTestId('run-short-id')).toHaveText(first.split('-')[0]!);
    await page.getByTestId('runs-filter-version').click();
    await page.getByRole('option', { name: 'v1', exact: true }).click();
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    await expect(page.getByTestId('run-row')).toHaveAttribute('data-run-id', first);
  });
});
