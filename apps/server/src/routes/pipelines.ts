import { Hono } from 'hono';
import { StudioError } from '@tandem/shared';
import { readJson } from '../middleware/parse-body.ts';
import type { StudioApi } from '../services/studio-api.ts';

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

/** `/api/pipelines`: list, create, get, new version, drafts, delete, import, export, check, diff. */
export function pipelineRoutes(studio: Pick<StudioApi, 'library'>) {
  const { library } = studio;

  return new Hono()
    .get('/', async (c) => c.json({ pipelines: await library.list() }))
    .post('/', async (c) => {
      const body = await readJson(c);
      // Only a client that asks for a draft gets one: without `?draft=1` an invalid document is a 422, as always.
      if (draftParam(c.req.query('draft'))) return c.json(await library.saveDraft(undefined, body, { create: true }), 201);
      return c.json(await library.create(body), 201);
    })
    .post('/check', async (c) => c.json(library.check(await readJson(c))))
    .post('/import', async (c) => c.json(await library.import(await readJson(c)), 201))
    .get('/:id', async (c) => c.json(await library.get(c.req.param('id'), versionParam(c.req.query('version')))))
    .put('/:id', async (c) => {
      const id = c.req.param('id');
      if (draftParam(c.req.query('draft'))) return c.json(await library.saveDraft(id, await readJson(c)));
      await library.requireExists(id);
      return c.json(await library.saveVersion(id, await readJson(c)));
    })
    .delete('/:id/draft', async (c) => {
      await library.discardDraft(c.req.param('id'));
      return c.body(null, 204);
    })
    .get('/:id/diff', async (c) => {
      const from = versionParam(c.req.query('from'), 'from');
      const to = versionParam(c.req.query('to'), 'to');
      if (from === undefined || to === undefined) {
        const field = from === undefined ? 'from' : 'to';
        throw new StudioError('VALIDATION_FAILED', `${field} is required: the version to compare, e.g. ?from=1&to=2`, { details: { field } });
      }
      return c.json(await library.diff(c.req.param('id'), from, to));
    })
    .delete('/:id', async (c) => {
      await library.delete(c.req.param('id'));
      return c.body(null, 204);
    })
    .get('/:id/export', async (c) => {
      // The current format, pretty-printed with a stable key order, so exports diff well in git.
      const { view, text } = await library.exportText(c.req.param('id'), versionParam(c.req.query('version')));
      c.header('Content-Disposition', `attachment; filename="${view.id}.v${view.version}.tandem.json"`);
      c.header('Content-Type', 'application/json; charset=utf-8');
      return c.body(text);
    });
}
