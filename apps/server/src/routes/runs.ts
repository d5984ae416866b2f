import { Hono } from 'hono';
import { forkRunBodySchema, runFeedbackBodySchema, runStatuses, startRunBodySchema, StudioError, submitUserStepBodySchema, type RunStatus, type RunView } from '@tandem/shared';
import type { StoredRun } from '@tandem/db';
import { parseBody } from '../middleware/parse-body.ts';
import { createForkService } from '../services/fork-service.ts';
import { createRunSummaries } from '../services/run-summaries.ts';
import type { StudioApi } from '../services/studio-api.ts';

/** The wire view of a stored run: its lease and log position stay inside. */
const toView = ({ lastSeq: _lastSeq, leaseOwner: _leaseOwner, leaseExpiresAt: _leaseExpiresAt, ...view }: StoredRun): RunView => view;

/** `/api/runs`: start, list, get, trace, live events (SSE), cancel, answer a person's step, fork, feedback. */
export function runRoutes(studio: Pick<StudioApi, 'runStore' | 'launcher' | 'library' | 'registry'>) {
  const { runStore, launcher } = studio;
  const summaries = createRunSummaries((runId) => runStore.readEvents(runId));
  const forks = createForkService(studio);
  const requireRun = async (id: string) => {
    const run = await runStore.getRun(id);
    if (!run) throw new StudioError('RUN_NOT_FOUND', `No run "${id}"`, { details: { runId: id } });
    return run;
  };

  return new Hono()
    .post('/', async (c) => {
      const body = await parseBody(c, startRunBodySchema);
      const run = await launcher.start({
        pipelineId: body.pipelineId,
        inputs: body.inputs,
        ...(body.version ? { version: body.version } : {}),
        ...(body.overrides ? { overrides: body.overrides } : {}),
      });
      return c.json({ id: run.id }, 201);
    })
    .get('/', async (c) => {
      const status = c.req.query('status');
      if (status && !runStatuses.includes(status as RunStatus)) {
        throw new StudioError('VALIDATION_FAILED', `status must be one of ${runStatuses.join(', ')}`, { details: { field: 'status' } });
      }
      const limit = c.req.query('limit') ? Number(c.req.query('limit')) : undefined;
      const pipelineId = c.req.query('pipelineId');
      const before = c.req.query('before');
      const versionText = c.req.query('version');
      const version = versionText === undefined ? undefined : Number(versionText);
      if (version !== undefined && (!Number.isInteger(version) || version < 1)) {
        throw new StudioError('VALIDATION_FAILED', `version must be a positive integer, got "${versionText}"`, { details: { field: 'version' } });
      }
      if (version !== undefined && !pipelineId) throw new StudioError('VALIDATION_FAILED', 'version filters the runs of one pipeline: give pipelineId too', { details: { field: 'version' } });
      const pageSize = limit && Number.isInteger(limit) ? Math.min(Math.max(limit, 1), 500) : 50;
      const page = await runStore.listRuns({
        ...(pipelineId ? { pipelineId } : {}),
        ...(version !== undefined ? { version } : {}),
        ...(status ? { status: status as RunStatus } : {}),
        limit: pageSize,
        ...(before ? { before } : {}),
      });
      // `nextBefore` pages on: pass it as `before` for the next (older) page.
      const last = page.length === pageSize ? page.at(-1) : undefined;
      const runs = await Promise.all(page.map(async (run) => ({ ...run, summary: await summaries.summarize(run) })));
      return c.json({ runs, ...(last ? { nextBefore: last.id } : {}) });
    })
    .get('/:id', async (c) => {
      const run = toView(await requireRun(c.req.param('id')));
      if (!run.parentRunId) return c.json(run);
      // A fork says so on its first event; a child run of a `pipeline` step does not.
      const started = (await runStore.readEvents(run.id, 0, 1))[0];
      const forkedFrom = started?.type === 'run.started' ? started.data.forkedFrom : undefined;
      return c.json(forkedFrom ? { ...run, forkedFrom: { runId: forkedFrom.runId, nodeId: forkedFrom.nodeId } } : run);
    })
    .post('/:id/fork', async (c) => {
      const body = await parseBody(c, forkRunBodySchema);
      const run = await forks.fork(c.req.param('id'), body);
      return c.json({ id: run.id }, 201);
    })
    .get('/:id/trace', async (c) => {
      const id = c.req.param('id');
      await requireRun(id);
      return c.json({ events: await runStore.readEvents(id) });
    })
    .post('/:id/cancel', async (c) => c.json(await launcher.cancel(c.req.param('id'))))
    .post('/:id/nodes/:nodeId/submit', async (c) => {
      const body = await parseBody(c, submitUserStepBodySchema);
      return c.json(await launcher.submit(c.req.param('id'), c.req.param('nodeId'), body));
    })
    .get('/:id/events', async (c) => {
      const runId = c.req.param('id');
      await requireRun(runId);
      const resumeFrom = Number(c.req.header('Last-Event-ID') ?? c.req.query('after') ?? 0);
      const afterSeq = Number.isInteger(resumeFrom) && resumeFrom > 0 ? resumeFrom : 0;
      return launcher.stream(c, runId, afterSeq);
    })
    .post('/:id/feedback', async (c) => {
      const body = await parseBody(c, runFeedbackBodySchema);
      return c.json(await runStore.addFeedback(c.req.param('id'), body), 201);
    })
    .get('/:id/feedback', async (c) => {
      const id = c.req.param('id');
      await requireRun(id);
      return c.json({ feedback: await runStore.listFeedback(id) });
    });
}
