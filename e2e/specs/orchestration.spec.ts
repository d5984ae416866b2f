import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { expect, test, TandemApi } from '../fixtures/api.ts';
import { fallbackModel, validateLoopPipeline } from '../fixtures/documents.ts';
import { freePort, ServerProcess } from '../fixtures/server-process.ts';
import { EditorPage } from '../pages/editor-page.ts';
import { InboxPage } from '../pages/inbox-page.ts';
import { PipelinesPage } from '../pages/pipelines-page.ts';
import { RunPage } from '../pages/run-page.ts';

/** Slow enough that each critique round takes a few seconds to stream, fast enough for the whole run to stay well under 30 s. */
const primaryModel = 'sim:writer?tps=60&ttft=300';
const secondaryModel = 'sim:critic?tps=80&ttft=200';

test.describe('critique: built in the editor and watched live', () => {
  test('builds input → critique → output, runs it and sees each round arrive while the run is running', async ({ page, api, unique }) => {
    const pipelines = new PipelinesPage(page);
    const editor = new EditorPage(page);
    await pipelines.goto();
    await pipelines.createPipeline(`Critique built ${unique}`);

    // The starter pipeline is input → llm → output: swap the llm for a critique.
    await editor.selectNode('llm');
    await editor.deleteSelectedNode();
    await expect(editor.nodes).toHaveCount(2);
    const inputBox = (await editor.node('input').boundingBox())!;
    const outputBox = (await editor.node('output').boundingBox())!;
    const canvasBox = (await editor.canvas.boundingBox())!;
    // Drop it between the two, below them, so its handles are clear of theirs.
    const critiqueId = await editor.addFromPalette('critique', {
      x: (inputBox.x + inputBox.width + outputBox.x) / 2 - canvasBox.x,
      y: inputBox.y + inputBox.height + 140 - canvasBox.y,
    });
    await editor.connect('input', critiqueId);
    await editor.connect(critiqueId, 'output');
    await expect(editor.edges).toHaveCount(2);

    await editor.selectNode(critiqueId);
    await editor.field('prompt').fill('{{input.prompt}}');
    await editor.field('primary.model').fill(primaryModel);
    await editor.field('secondary.model').fill(secondaryModel);
    await editor.field('rounds').fill('2');
    await editor.selectNode('output');
    await editor.field('value').fill(`{{${critiqueId}.text}}`);
    await editor.expectNoProblems();

    const version = await editor.save();
    const saved = await api.getPipeline(new URL(page.url()).pathname.split('/').pop()!);
    expect(saved.version).toBe(version);
    const critique = saved.document.nodes.find((node) => node.id === critiqueId)!;
    expect(critique).toMatchObject({ kind: 'critique', config: { prompt: '{{input.prompt}}', primary: { model: primaryModel }, secondary: { model: secondaryModel }, rounds: 2 } });
    expect(saved.document.edges.map((edge) => `${edge.source}→${edge.target}`).sort()).toEqual([`${critiqueId}→output`, `input→${critiqueId}`].sort());

    await editor.run({ prompt: 'Explain why tandem bicycles need a strong captain.' });
    const run = new RunPage(page);
    await expect(run.view).toBeVisible();
    await run.expectNodeStatus(critiqueId, 'running');
    // The card says which round is under way and who is at work, from the run's fold.
    await expect(run.node(critiqueId).getByTestId('node-live-status')).toHaveText(/^(first draft · writer drafting|round [12] of 2 · (critic reviewing|writer refining))$/i);
    await run.selectNode(critiqueId);

    // Round 1 shows up in the step detail while the run is still going: it came over the live stream.
    const rounds = run.detail.getByTestId('critique-round');
    await expect(rounds).toHaveCount(1, { timeout: 20_000 });
    await expect(run.view).toHaveAttribute('data-run-status', 'running');
    await expect(run.node(critiqueId)).toHaveAttribute('data-status', 'running');
    await expect(rounds.first()).toContainText('Round 1');
    // The critic names what to fix, in the task's words or quoting the draft.
    await expect(rounds.first().getByTestId('critique-guidance')).toContainText(/tandem bicycles|a strong captain|"/);
    await expect(run.detail.getByTestId('critique-round-pending')).toContainText('Round 2');

    await expect(rounds).toHaveCount(2, { timeout: 20_000 });
    await expect(rounds.nth(1)).toContainText('Round 2');
    await expect(run.detail.getByTestId('critique-round-pending')).toHaveCount(0);
    await run.expectRunStatus('completed');
    await run.expectNodeStatus(critiqueId, 'succeeded');
    // Both primary answers of each round plus the first one, and a critic call per round.
    await expect(run.detail.getByTestId('llm-call')).toHaveCount(5);

    const finished = await api.getRun(run.runId());
    expect(finished.status).toBe('completed');
    const answer = String(finished.outputs.output);
    expect(answer.length).toBeGreaterThan(20);
    await run.showOverview();
    await expect(run.outputs.getByTestId('run-output-value')).toHaveText(answer);
  });
});

test.describe('validate: a loop that retries, then falls back to another model', () => {
  test('shows the loop edge, each rejected attempt with its reason, the fallback attempt and the validator results', async ({ page, api, unique }) => {
    const { id } = await api.createPipeline(validateLoopPipeline(`validate-loop-${unique}`, `Validate loop ${unique}`));

    // The editor draws the validator's loop back to its target, dashed.
    const editor = new EditorPage(page);
    await editor.goto(id);
    await expect(editor.loopEdge('check')).toHaveAttribute('data-target-id', 'extract');
    await expect(editor.loopEdge('check')).toHaveCSS('stroke-dasharray', /\d/);
    await expect(page.locator('[data-testid="loop-edge-label"][data-validator-id="check"]')).toHaveText('retry ≤ 2 · then sim:careful');

    const runId = await api.startRun(id, { text: 'Meet Ana and Bo on Friday at 10 to plan the launch.' });
    const run = new RunPage(page);
    await run.goto(runId);
    await run.expectRunStatus('completed');
    const finished = await api.getRun(runId);
    expect(finished.status).toBe('completed');

    await expect(run.loopEdge('check')).toHaveAttribute('data-target-id', 'extract');
    await expect(run.loopEdge('check')).toHaveCSS('stroke-dasharray', /\d/);
    await expect(run.canvas.getByTestId('loop-edge-count')).toHaveText('sent back 3×');
    await expect(run.node('extract').getByTestId('node-attempts')).toHaveText('4');
    await expect(run.node('extract').getByTestId('node-fallback-model')).toContainText(fallbackModel);

    // The guarded step: attempts 1–3 rejected with the validator's reasons, attempt 4 on the fallback model.
    await run.selectNode('extract');
    await expect(run.attempts()).toHaveCount(4);
    for (const attempt of [1, 2, 3]) {
      const card = run.attempt(attempt);
      await expect(card).toHaveAttribute('data-outcome', 'rejected');
      await expect(card.getByTestId('attempt-rejection')).toContainText('Rejected by check');
      await expect(card.getByTestId('attempt-rejection')).toContainText('jsonSchema: the value is not valid JSON');
      await expect(card.getByTestId('attempt-model')).toHaveText('sim:extractor?invalidRate=1&tps=400');
      await expect(card.getByTestId('attempt-fallback')).toHaveCount(0);
    }
    await expect(run.attempt(1).getByTestId('attempt-rejection')).toContainText('after 200 ms');
    await expect(run.attempt(2).getByTestId('attempt-rejection')).toContainText('after 400 ms');
    await expect(run.attempt(3).getByTestId('attempt-rejection')).toContainText(`Falling back to ${fallbackModel}`);
    const fallback = run.attempt(4);
    await expect(fallback).toHaveAttribute('data-outcome', 'succeeded');
    await expect(fallback).toHaveAttribute('data-fallback', 'true');
    await expect(fallback.getByTestId('attempt-fallback')).toHaveText('Fallback model');
    await expect(fallback.getByTestId('attempt-model')).toHaveText(fallbackModel);
    await expect(fallback.getByTestId('attempt-rejection')).toHaveCount(0);
    expect(await run.timelineKeys()).toEqual(['input#1', 'extract#1', 'check#1', 'extract#2', 'extract#3', 'extract#4', 'output#1']);
    await expect(page.locator('[data-testid="timeline-row"][data-rejected="true"]')).toHaveCount(3);

    // The validator: one validate.result per attempt of its target.
    await run.selectNode('check');
    const results = run.detail.getByTestId('validate-attempt');
    await expect(results).toHaveCount(4);
    for (const [index, attempt] of [1, 2, 3].entries()) {
      await expect(results.nth(index)).toHaveAttribute('data-attempt', String(attempt));
      await expect(results.nth(index)).toHaveAttribute('data-valid', 'false');
      await expect(results.nth(index)).toContainText(`Attempt ${attempt}`);
      await expect(results.nth(index)).toContainText('jsonSchema');
      await expect(results.nth(index)).toContainText('the value is not valid JSON');
    }
    await expect(results.nth(0)).toContainText('Sent back to extract');
    await expect(results.nth(1)).toContainText('Sent back to extract');
    await expect(results.nth(2).getByTestId('validate-fallback')).toContainText(`runs again on ${fallbackModel}`);
    await expect(results.nth(3)).toHaveAttribute('data-attempt', '4');
    await expect(results.nth(3)).toHaveAttribute('data-valid', 'true');
    await expect(results.nth(3)).not.toContainText('Sent back');
    await expect(results.nth(3).getByTestId('validate-fallback')).toHaveCount(0);

    // The validated value: the fallback's JSON (handed on parsed; older servers passed the text).
    const output = finished.outputs.output;
    const validated = (typeof output === 'string' ? JSON.parse(output) : output) as { title: string; participants: string[] };
    expect(validated.title.length).toBeGreaterThanOrEqual(3);
    expect(validated.participants.length).toBeGreaterThanOrEqual(1);
    await run.showOverview();
    await expect(run.outputs.getByTestId('run-output-value')).toHaveText(typeof output === 'string' ? output : JSON.stringify(output, null, 2));
  });
});

test.describe('person step: answered in the inbox after the server was killed and restarted', () => {
  // One server of our own: the spec kills it, so it cannot be the one Playwright's webServer owns.
  let server: ServerProcess;
  let request: APIRequestContext | undefined;

  test.beforeAll(async () => {
    server = new ServerProcess({ port: await freePort(), database: ServerProcess.temporaryDatabase('restart') });
  });

  test.afterAll(async () => {
    await request?.dispose();
    await server.dispose();
  });

  test('waits at "Confirm the invitation", survives SIGKILL, and completes after approval in the inbox', async ({ page }) => {
    test.setTimeout(120_000);
    await server.start();
    request = await playwrightRequest.newContext({ baseURL: server.baseUrl });
    let api = new TandemApi(request);
    const runId = await api.startRun('template-meeting-scheduler', { request: 'Ana, Bo and Chen should meet about the launch plan.' });
    await api.waitForRun(runId, ['waiting']);

    await server.kill();
    await request.dispose();
    await server.start();
    request = await playwrightRequest.newContext({ baseURL: server.baseUrl });
    api = new TandemApi(request);
    // Still waiting after the restart: the person step is stored, not held in memory.
    expect((await api.getRun(runId)).status).toBe('waiting');

    // The run view shows where it waits: on the canvas and in the overview.
    const run = new RunPage(page, server.baseUrl);
    await run.goto(runId);
    await run.expectRunStatus('waiting');
    await run.expectNodeStatus('ConfirmInvitation_User', 'waiting');
    await expect(run.node('ConfirmInvitation_User').getByTestId('node-waiting')).toContainText('Confirm the invitation');
    await expect(page.locator('[data-testid="run-waiting-step"][data-node-id="ConfirmInvitation_User"]')).toContainText('Confirm the invitation');

    const inbox = new InboxPage(page, server.baseUrl);
    await inbox.goto();
    const item = inbox.item(runId, 'ConfirmInvitation_User');
    await expect(item).toContainText('Confirm the invitation');
    await expect(item).toContainText('Meeting scheduler');
    await expect(item).toContainText('Check the time, the attendees and the wording');
    // The person approves a clean proposal: the model's introspection notes are not part of it.
    const proposed = JSON.parse(await item.getByTestId('user-step-value').inputValue()) as Record<string, unknown>;
    expect(Object.keys(proposed)).toEqual(['start', 'durationMinutes', 'attendees', 'invitation']);
    expect(proposed.attendees).toEqual(['Ana', 'Bo', 'Chen']);
    expect(String(proposed.invitation)).toContain('Ana, Bo and Chen');

    const submitted = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith(`/api/runs/${runId}/nodes/ConfirmInvitation_User/submit`));
    await item.getByTestId('approve-step').click();
    expect((await submitted).ok()).toBe(true);
    await expect(item).toHaveCount(0);

    const finished = await api.waitForRun(runId);
    expect(finished.outputs.out).toMatchObject({ decision: 'approved', value: proposed });

    await run.goto(runId);
    await run.expectRunStatus('completed');
    await run.expectNodeStatus('ConfirmInvitation_User', 'succeeded');
    await run.expectNodeStatus('out', 'succeeded');
    await expect(run.outputs.getByTestId('run-output')).toContainText('approved');
    // One attempt that waited for the person and succeeded: no second attempt, no retry badge.
    const personRows = run.timelineRows.and(page.locator('[data-node-id="ConfirmInvitation_User"]'));
    await expect(personRows).toHaveCount(1);
    await expect(personRows).toHaveAttribute('data-attempt', '1');
    await expect(personRows).toHaveAttribute('data-status', 'succeeded');
    await expect(run.node('ConfirmInvitation_User').getByTestId('node-attempts')).toHaveCount(0);
  });
});
