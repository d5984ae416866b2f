import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/api.ts';
import { reviewPipeline, validateLoopPipeline } from '../fixtures/documents.ts';
import { EditorPage } from '../pages/editor-page.ts';
import { RunPage } from '../pages/run-page.ts';

const directory = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const widths = [1440, 1024] as const;

async function capture(page: Page, name: string) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(directory, `${name}-${page.viewportSize()!.width}.png`) });
}

test.describe('screenshots of the editor as a daily tool, forks and the runs list, at 1440 and 1024 px', () => {
  for (const width of widths) {
    test(`captures the screens at ${width} px`, async ({ page, api, request, unique }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width, height: 860 });
      const template = await api.getPipeline('template-critique');
      const critiqueId = (await api.createPipeline({ ...template.document, id: `shots-critique-${width}-${unique}`, name: 'Answer with a critic' })).id;
      const validated = validateLoopPipeline(`shots-validated-${width}-${unique}`, 'Validated meeting JSON');
      const validatedId = (await api.createPipeline(validated)).id;
      const changed = structuredClone(validated);
      changed.nodes[1]!.config = { ...changed.nodes[1]!.config, system: 'Extract the meeting. Answer only with JSON, no prose.' };
      expect((await request.put(`/api/pipelines/${validatedId}`, { data: changed })).status()).toBe(200);

      const editor = new EditorPage(page);
      await editor.goto(critiqueId);
      await capture(page, '40-editor-readable');
      await editor.focusCanvas();
      await editor.shortcut('Mod+K');
      await page.getByTestId('command-input').fill('cri');
      await capture(page, '41-editor-search');
      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      await capture(page, '42-editor-shortcuts');
      await page.keyboard.press('Escape');

      await editor.goto(validatedId);
      await page.getByTestId('compare-versions').click();
      await expect(page.getByTestId('compare-changed-node')).toBeVisible();
      await capture(page, '43-editor-compare-versions');
      await page.getByTestId('close-compare').click();
      await editor.selectNode('extract');
      await page.keyboard.press('Delete');
      await expect(page.getByTestId('delete-nodes-dialog')).toBeVisible();
      await capture(page, '44-editor-delete-references');
      await page.getByTestId('delete-keep-references').click();
      await capture(page, '45-editor-draft-problems');

      const parentId = await api.startRun(critiqueId, { prompt: 'Why do tandem bicycles need a strong captain?' });
      await api.waitForRun(parentId);
      const run = new RunPage(page);
      await page.goto(`/runs/${parentId}`);
      await run.selectNode(template.document.nodes.find((node) => node.kind === 'critique')!.id);
      // An edit shows the run-only note and the box that also saves it as a version.
      const firstText = page.getByTestId('fork-panel').locator('textarea').first();
      await firstText.fill(`${await firstText.inputValue()} Be brief.`);
      await expect(page.getByTestId('fork-save-as-version')).toBeVisible();
      await page.getByTestId('fork-run').scrollIntoViewIfNeeded();
      await capture(page, '46-run-fork-panel');
      await page.getByTestId('fork-run').click();
      await page.waitForURL((url) => !url.pathname.endsWith(parentId));
      await expect(page.getByTestId('run-view')).toHaveAttribute('data-run-status', 'completed');
      await capture(page, '47-run-forked');

      const review = (await api.createPipeline(reviewPipeline(`shots-review-${width}-${unique}`, 'Reviewed reply'))).id;
      const waiting = await api.startRun(review, { prompt: 'Can we move the meeting to Friday?' });
      await api.waitForRun(waiting, ['waiting']);
      await page.waitForTimeout(1500);
      await request.post(`/api/runs/${waiting}/nodes/review/submit`, { data: { decision: 'approved' } });
      await api.waitForRun(waiting);
      await page.goto(`/runs/${waiting}`);
      await capture(page, '48-run-person-step-timeline');

      await page.goto('/runs');
      await expect(page.getByTestId('run-row').first()).toBeVisible();
      await capture(page, '49-runs-list');
      await page.goto('/');
      await expect(page.getByTestId('pipeline-card').first()).toBeVisible();
      await capture(page, '50-pipelines');
      await editor.goto('template-critique');
      await capture(page, '51-editor-template');
    });
  }
});
