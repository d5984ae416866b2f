import { Hono } from 'hono';
import { forkRunBodySchema, runFeedbackBodySchema, runStatuses, startRunBodySchema, StudioError, submitUserStepBodySchema, type RunStatus } from '@tandem/shared';
import type { ServerContext } from '../context.ts';
import { parseBody } from '../middleware/parse-body.ts';
import { createForkService } from '../services/fork-service.ts';
import { createRunSummaries } from '../services/run-summaries.ts';
import { streamRunEvents } from './run-event-stream.ts';

/** `/api/runs`: start, list, get, trace, live events (SSE), cancel, answer a person's step, feedback. */
export function runRoutes(context: ServerContext) {
  const { repositories, runs, hub } = context;
  const summaries = createRunSummaries(repositories);
  const forks = createForkService(context);
  const requireRun = (id: string) => {
    const run = repositories.runs.get(id);
    if (!run) throw new StudioError('RUN_NOT_FOUND', `No run "${id}"`, { details: { runId: id } });
    return run;
  };

  return new Hono()
    .post('/', async (c) => {
      const body = await parseBody(c, startRunBodySchema);
      const run = await runs.accept({
        pipelineId: body.pipelineId,
        inputs: body.inputs,
        ...(body.version ? { version: body.version } : {}),
        ...(body.overrides ? { overrides: body.overrides } : {}),
      });
      return c.json({ id: run.id }, 201);
    })
    .get('/', (c) => {
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
      const page = repositories.runs.list({
        ...(pipelineId ? { pipelineId } : {}),
        ...(version !== undefined ? { version } : {}),
        ...(status ? { status: status as RunStatus } : {}),
        limit: pageSize,
        ...(before ? { before } : {}),
      });
      // `nextBefore` pages on: pass it as `before` for the next (older) page.
      const last = page.length === pageSize ? page.at(-1) : undefined;
      return c.json({ runs: page.map((run) => ({ ...run, summary: summaries.summarize(run) })), ...(last ? { nextBefore: last.id } : {}) });
    })
    .get('/:id', (c) => {
      const run = requireRun(c.req.param('id'));
      if (!run.parentRunId) return c.json(run);
      // A fork says so on its first event; a child run of a `pipeline` step does not.
      const started = repositories.events.readEvents(run.id, 0, 1)[0];
      const forkedFrom = started?.type === 'run.started' ? started.data.forkedFrom : undefined;
      return c.json(forkedFrom ? { ...run, forkedFrom: { runId: forkedFrom.runId, nodeId: forkedFrom.nodeId } } : run);
    })
    .post('/:id/fork', async (c) => {
      const body = await parseBody(c, forkRunBodySchema);
      const run = await forks.fork(c.req.param('id'), body);
      return c.json({ id: run.id }, 201);
    })
    .get('/:id/trace', (c) => {
      const id = c.req.param('id');
      requireRun(id);
      return c.json({ events: repositories.events.readEvents(id) });
    })
    .post('/:id/cancel', async (c) => c.json(await runs.cancel(c.req.param('id'))))
    .post('/:id/nodes/:nodeId/submit', async (c) => {
      const body = await parseBody(c, submitUserStepBodySchema);
      return c.json(await runs.submit(c.req.param('id'), c.req.param('nodeId'), body));
    })
    .get('/:id/events', (c) => {
      const runId = c.req.param('id');
      requireRun(runId);
      const resumeFrom = Number(c.req.header('Last-Event-ID') ?? c.req.query('after') ?? 0);
      const afterSeq = Number.isInteger(resumeFrom) && resumeFrom > 0 ? resumeFrom : 0;
      return streamRunEvents(c, { runId, afterSeq, hub, secrets: context.secrets, readEvents: (id, after, limit) => repositories.events.readEvents(id, after, limit) });
    })
    .post('/:id/feedback', async (c) => {
      const body = await parseBody(c, runFeedbackBodySchema);
      return c.json(repositories.feedback.add(c.req.param('id'), body), 201);
    })
    .get('/:id/feedback', (c) => {
      const id = c.req.param('id');
      requireRun(id);
      return c.json({ feedback: repositories.feedback.list(id) });
    });
}
