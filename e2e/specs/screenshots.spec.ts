import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test, type TandemApi } from '../fixtures/api.ts';
import { answerPipeline, reviewPipeline, validateLoopPipeline } from '../fixtures/documents.ts';
import { EditorPage } from '../pages/editor-page.ts';
import { RunPage } from '../pages/run-page.ts';

const directory = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

async function capture(page: Page, name: string) {
  // Let fitView, fonts and transitions settle so the picture shows the screen at rest.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(directory, `${name}.png`), fullPage: true });
}

/** Copies a server template into a new pipeline and returns its id. */
async function copyTemplate(api: TandemApi, templateId: string, id: string, name: string) {
  const template = await api.getPipeline(templateId);
  await api.createPipeline({ ...template.document, id, name });
  return id;
}

test.describe('screenshots of every screen', () => {
  test('captures the studio for a visual review', async ({ page, api, unique }) => {
    test.setTimeout(120_000);
    const answerId = (await api.createPipeline(answerPipeline(`support-answer-${unique}`, 'Support answer'))).id;
    const reviewId = (await api.createPipeline(reviewPipeline(`reviewed-reply-${unique}`, 'Reviewed reply'))).id;
    const critiqueId = await copyTemplate(api, 'template-critique', `critique-${unique}`, 'Answer with a critic');
    const validatedId = await copyTemplate(api, 'template-validated-json', `validated-${unique}`, 'Validated meeting JSON');

    await page.goto('/');
    await expect(page.getByTestId('pipeline-card').first()).toBeVisible();
    await capture(page, '01-pipelines');

    const editor = new EditorPage(page);
    await editor.goto(answerId);
    await editor.selectNode('llm');
    await capture(page, '02-editor-llm-inspector');

    await editor.goto(validatedId);
    await editor.selectNode('check');
    await capture(page, '03-editor-validate-inspector');

    // Unknown models come from the server's check; the browser's own checks report the rest live.
    await editor.selectNode('extract');
    await editor.field('model').fill('nowhere:model');
    await expect(page.getByTestId('problem-item').filter({ hasText: 'Unknown provider' })).toBeVisible();
    await capture(page, '04-editor-problems');

    await editor.goto(answerId);
    await page.getByTestId('run-pipeline').click();
    await page.getByTestId('run-dialog').getByTestId('run-input-prompt').fill('How do I reset my password?');
    await capture(page, '05-run-dialog');
    await page.keyboard.press('Escape');

    const run = new RunPage(page);
    const liveRunId = await api.startRun(answerId, { prompt: 'How do I reset my password?' });
    await run.goto(liveRunId);
    await run.expectNodeStatus('llm', 'running');
    await page.waitForTimeout(1200);
    await capture(page, '06-run-mid-run');
    await run.expectRunStatus('completed');
    await capture(page, '07-run-finished');
    await run.node('llm').click({ position: { x: 60, y: 18 } });
    await capture(page, '08-run-step-detail');

    const critiqueRunId = await api.startRun(critiqueId, { prompt: 'Explain why the sky is blue.' });
    await api.waitForRun(critiqueRunId, ['completed', 'failed']);
    await run.goto(critiqueRunId);
    const critiqueNode = (await api.getPipeline(critiqueId)).document.nodes.find((node) => node.kind === 'critique')!;
    await run.node(critiqueNode.id).click({ position: { x: 60, y: 18 } });
    await capture(page, '09-run-critique-rounds');

    const validatedRunId = await api.startRun(validatedId, { text: 'Meet Ana and Bo on Friday at 10 to plan the launch.' });
    await api.waitForRun(validatedRunId, ['completed', 'failed']);
    await run.goto(validatedRunId);
    await run.node('check').click({ position: { x: 60, y: 18 } });
    await capture(page, '10-run-validate');

    await api.startRun(reviewId, { prompt: 'My order arrived broken.' });
    const waitingRunId = await api.startRun(reviewId, { prompt: 'Can I change my delivery address?' });
    await api.waitForRun(waitingRunId, ['waiting']);
    await page.goto('/runs');
    await expect(page.getByTestId('run-row').first()).toBeVisible();
    await capture(page, '11-runs');

    await page.goto('/inbox');
    await expect(page.getByTestId('inbox-item').first()).toBeVisible();
    await expect(page.getByTestId('inbox-count')).toBeVisible();
    await capture(page, '12-inbox');

    await page.goto(`/runs/${waitingRunId}`);
    await run.node('review').click({ position: { x: 60, y: 18 } });
    await capture(page, '13-run-waiting');

    const failing = await api.createPipeline(answerPipeline(`failing-${unique}`, 'Flaky provider', 'sim:writer?errorRate=1'));
    const failedRunId = await api.startRun(failing.id, { prompt: 'Anything' });
    await api.waitForRun(failedRunId, ['failed']);
    await run.goto(failedRunId);
    await run.node('llm').click({ position: { x: 60, y: 18 } });
    await capture(page, '14-run-failed');

    await page.goto('/no/such/page');
    await capture(page, '15-not-found');
  });

  test('captures every template run on its default input, as a newcomer sees it', async ({ page, api }) => {
    test.setTimeout(120_000);
    const run = new RunPage(page);
    const editor = new EditorPage(page);
    const shots: { template: string; name: string; select?: string; status: 'completed' | 'waiting' }[] = [
      { template: 'template-answer', name: '30-template-answer', select: 'answer', status: 'completed' },
      { template: 'template-critique', name: '31-template-critique', select: 'answer', status: 'completed' },
      { template: 'template-validated-json', name: '32-template-validated-json', select: 'check', status: 'completed' },
      { template: 'template-ab-test', name: '33-template-ab-test', select: 'variants', status: 'completed' },
      { template: 'template-meeting-scheduler', name: '34-template-meeting-scheduler', select: 'ConfirmInvitation_User', status: 'waiting' },
    ];
    for (const shot of shots) {
      const { document } = await api.getPipeline(shot.template);
      const inputs = Object.fromEntries(Object.entries(document.inputs.properties ?? {}).map(([name, property]) => [name, (property as { default?: unknown }).default]));
      await editor.goto(shot.template);
      await expect(page.getByTestId('run-estimate')).toBeVisible();
      await capture(page, `${shot.name}-editor`);
      const runId = await api.startRun(shot.template, inputs);
      await api.waitForRun(runId, [shot.status, 'failed']);
      await run.goto(runId);
      await run.expectRunStatus(shot.status);
      await capture(page, `${shot.name}-overview`);
      if (shot.select) {
        await run.selectNode(shot.select);
        await capture(page, `${shot.name}-detail`);
      }
    }
  });

  test('captures the orchestration runs and the settings page', async ({ page, api, unique }) => {
    test.setTimeout(90_000);
    const editor = new EditorPage(page);
    const run = new RunPage(page);

    await editor.goto('template-meeting-scheduler');
    await editor.selectNode('ConfirmInvitation_User');
    await capture(page, '16-editor-meeting-scheduler');

    const meetingRunId = await api.startRun('template-meeting-scheduler', { request: 'Ana, Bo and Chen should meet about the launch plan.' });
    await api.waitForRun(meetingRunId, ['waiting']);
    await run.goto(meetingRunId);
    await run.expectNodeStatus('ConfirmInvitation_User', 'waiting');
    await capture(page, '17-run-meeting-waiting');
    await run.selectNode('ConfirmInvitation_User');
    await capture(page, '18-run-meeting-waiting-detail');

    const loop = await api.createPipeline(validateLoopPipeline(`validate-loop-${unique}`, 'Validated meeting JSON (fallback)'));
    const loopRunId = await api.startRun(loop.id, { text: 'Meet Ana and Bo on Friday at 10 to plan the launch.' });
    await api.waitForRun(loopRunId, ['completed', 'failed']);
    await run.goto(loopRunId);
    await run.selectNode('extract');
    await capture(page, '19-run-validate-loop-attempts');
    await run.selectNode('check');
    await capture(page, '20-run-validate-loop-results');
    await editor.goto(loop.id);
    await capture(page, '21-editor-validate-loop');

    const abRunId = await api.startRun('template-ab-test', { question: 'How do I reset my password?' });
    await api.waitForRun(abRunId, ['completed', 'failed']);
    await run.goto(abRunId);
    await run.selectNode('variants');
    await capture(page, '22-run-ab-variants');

    const critique = (await api.getPipeline('template-critique')).document;
    const critiqueNode = critique.nodes.find((node) => node.kind === 'critique')!;
    critiqueNode.config = { ...critiqueNode.config, primary: { model: 'sim:writer?tps=60&ttft=300' }, secondary: { model: 'sim:critic?tps=80&ttft=200' } };
    const slowCritique = await api.createPipeline({ ...critique, id: `critique-live-${unique}`, name: 'Primary + critic (live)' });
    const critiqueRunId = await api.startRun(slowCritique.id, { prompt: 'Explain why tandem bicycles need a strong captain.' });
    await run.goto(critiqueRunId);
    await run.selectNode(critiqueNode.id);
    await expect(run.detail.getByTestId('critique-round')).toHaveCount(1, { timeout: 20_000 });
    // The refinement is the longest call: the picture shows it streaming.
    await expect(run.node(critiqueNode.id).locator('[data-testid="node-streaming"][data-role="primary"]')).toBeVisible();
    await capture(page, '24-run-critique-live');
    await run.expectRunStatus('completed');

    const seeded = await page.request.put('/api/settings', { data: { httpAllowList: ['api.partner.example', '10.0.0.0/8', '169.254.169.254'] } });
    expect(seeded.ok()).toBe(true);
    try {
      await page.goto('/settings');
      await expect(page.getByTestId('allow-list-entry')).toHaveCount(3);
      await page.getByTestId('allow-list-new').fill('not a host!');
      await page.getByTestId('allow-list-add').click();
      const refused = page.waitForResponse((response) => response.request().method() === 'PUT' && response.url().endsWith('/api/settings'));
      await page.getByTestId('settings-save').click();
      expect((await refused).status()).toBe(400);
      await expect(page.getByTestId('allow-list-error')).toBeVisible();
      await capture(page, '23-settings');
    } finally {
      await page.request.put('/api/settings', { data: { httpAllowList: [] } });
    }
  });
});
