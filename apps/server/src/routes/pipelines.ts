import { Hono } from 'hono';
import { StudioError } from '@tandem/shared';
import type { ServerContext } from '../context.ts';
import { readJson } from '../middleware/parse-body.ts';
import { liveResults } from '../services/live-results.ts';

function versionParam(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw new StudioError('VALIDATION_FAILED', `version must be a positive integer, got "${value}"`, { details: { field: 'version' } });
  return version;
}

/** `/api/pipelines`: list, create, get, new version, delete, import, export, check, live A/B results. */
export function pipelineRoutes(context: ServerContext) {
  const { repositories, pipelines } = context;
  const requireExists = (id: string) => {
    if (!repositories.pipelines.get(id)) throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${id}"`, { details: { id } });
  };

  return new Hono()
    .get('/', (c) => c.json({ pipelines: repositories.pipelines.list() }))
    .post('/', async (c) => c.json(pipelines.create(await readJson(c)), 201))
    .post('/check', async (c) => c.json(pipelines.check(await readJson(c))))
    .post('/import', async (c) => c.json(pipelines.import(await readJson(c)), 201))
    .get('/:id', (c) => c.json(pipelines.get(c.req.param('id'), versionParam(c.req.query('version')))))
    .put('/:id', async (c) => {
      requireExists(c.req.param('id'));
      return c.json(pipelines.saveVersion(c.req.param('id'), await readJson(c)));
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
