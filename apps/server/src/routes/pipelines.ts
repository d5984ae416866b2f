import { Hono } from 'hono';
import { StudioError } from '@tandem/shared';
import type { ServerContext } from '../context.ts';
import { readJson } from '../middleware/parse-body.ts';
import { liveResults } from '../services/live-results.ts';

function versionParam(value: string | undefined, field = 'version'): number | undefined {
  if (value === undefined) return undefined;
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw new StudioError('VALIDATION_FAILED', `${field} must be a positive integer, got "${value}"`, { details: { field } });
  return version;
}

/** `?draft=1` (or `true`): the client asks to save work in progress as a draft. */
function draftParam(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/** `/api/pipelines`: list, create, get, new version, delete, import, export, check, live A/B results. */
export function pipelineRoutes(context: ServerContext) {
  const { repositories, pipelines } = context;
  const requireExists = (id: string) => {
    if (!repositories.pipelines.get(id)) throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${id}"`, { details: { id } });
  };

  return new Hono()
    .get('/', (c) => c.json({ pipelines: repositories.pipelines.list() }))
    .post('/', async (c) => {
      const body = await readJson(c);
      // Only a client that asks for a draft gets one: without `?draft=1` an invalid document is a 422, as always.
      if (draftParam(c.req.query('draft'))) return c.json(pipelines.saveDraft(undefined, body, { create: true }), 201);
      return c.json(pipelines.create(body), 201);
    })
    .post('/check', async (c) => c.json(pipelines.check(await readJson(c))))
    .post('/import', async (c) => c.json(pipelines.import(await readJson(c)), 201))
    .get('/:id', (c) => c.json(pipelines.get(c.req.param('id'), versionParam(c.req.query('version')))))
    .put('/:id', async (c) => {
      const id = c.req.param('id');
      if (draftParam(c.req.query('draft'))) return c.json(pipelines.saveDraft(id, await readJson(c)));
      requireExists(id);
      return c.json(pipelines.saveVersion(id, await readJson(c)));
    })
    .delete('/:id/draft', (c) => {
      const id = c.req.param('id');
      if (!pipelines.find(id)) throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${id}"`, { details: { id } });
      repositories.drafts.discard(id);
      return c.body(null, 204);
    })
    .get('/:id/diff', (c) => {
      const from = versionParam(c.req.query('from'), 'from');
      const to = versionParam(c.req.query('to'), 'to');
      if (from === undefined || to === undefined) {
        const field = from === undefined ? 'from' : 'to';
        throw new StudioError('VALIDATION_FAILED', `${field} is required: the version to compare, e.g. ?from=1&to=2`, { details: { field } });
      }
      return c.json(pipelines.diff(c.req.param('id'), from, to));
    })
    .delete('/:id', (c) => {
      requireExists(c.req.param('id'));
      repositories.pipelines.delete(c.req.param('id'));
      return c.body(null, 204);
    })
    .get('/:id/live', (c) => {
      const nodeId = c.req.query('nodeId');
      const control = c.req.query('control');
      return c.json(liveResults(repositories, pipelines, c.req.param('id'), { ...(nodeId ? { nodeId } : {}), ...(control ? { control } : {}) }));
    })
    .get('/:id/export', (c) => {
      // The current format, pretty-printed with a stable key order, so exports diff well in git.
      const { view, text } = pipelines.exportText(c.req.param('id'), versionParam(c.req.query('version')));
      c.header('Content-Disposition', `attachment; filename="${view.id}.v${view.version}.tandem.json"`);
      c.header('Content-Type', 'application/json; charset=utf-8');
      return c.body(text);
    });
}
