import { Hono, type Context } from 'hono';
import { createExperimentBodySchema, StudioError } from '@tandem/shared';
import type { ServerContext } from '../context.ts';
import { parseBody } from '../middleware/parse-body.ts';
import { analysisCsv, resultsCsv } from '../services/experiment-export.ts';
import type { RowFilter } from '../services/experiment-rows.ts';
import { streamLog } from './stream-log.ts';

const rowFilters: readonly RowFilter[] = ['all', 'disagree', 'regressed'];

function formatOf(c: Context): 'json' | 'csv' {
  const format = c.req.query('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new StudioError('VALIDATION_FAILED', `format must be json or csv, got "${format}"`, { details: { field: 'format' } });
  return format;
}

function integerParam(c: Context, field: string, fallback: number, min: number, max: number): number {
  const value = c.req.query(field);
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new StudioError('VALIDATION_FAILED', `${field} must be a whole number of at least ${min}, got "${value}"`, { details: { field } });
  return Math.min(number, max);
}

function download(c: Context, fileName: string, body: string, type: string) {
  c.header('Content-Disposition', `attachment; filename="${fileName}"`);
  return c.body(body, 200, { 'Content-Type': type });
}

/** What the experiment routes use: the same on the single-process server and on a cluster's web node. */
export type ExperimentRouteDeps = Pick<ServerContext, 'experimentStore' | 'experiments' | 'experimentResults' | 'experimentRows'> & {
  /** Wakes an experiment's SSE streams when its log grew (in process: the wake hub; in a cluster: NOTIFY). */
  experimentHub: Pick<ServerContext['experimentHub'], 'subscribe'>;
};

/** `/api/experiments`: start (and estimate), list, get, live progress (SSE), cancel, retry failed, analysis, results, rows, compare. */
export function experimentRoutes(context: ExperimentRouteDeps) {
  const { experimentStore: store, experiments, experimentResults, experimentRows, experimentHub } = context;
  const requireExperiment = (id: string) => experiments.requireExperiment(id);

  return new Hono()
    .post('/', async (c) => {
      const view = await experiments.create(await parseBody(c, createExperimentBodySchema));
      return c.json({ id: view.id }, 201);
    })
    .post('/estimate', async (c) => c.json(await experiments.plan(await parseBody(c, createExperimentBodySchema))))
    .get('/', async (c) => {
      const pipelineId = c.req.query('pipelineId');
      const datasetId = c.req.query('datasetId');
      const list = await store.experiments.list({ ...(pipelineId ? { pipelineId } : {}), ...(datasetId ? { datasetId } : {}), limit: integerParam(c, 'limit', 100, 1, 500) });
      return c.json({ experiments: await Promise.all(list.map(experiments.view)) });
    })
    .get('/:id', async (c) => c.json(await experiments.view(await requireExperiment(c.req.param('id')))))
    .get('/:id/events', async (c) => {
      const id = c.req.param('id');
      await requireExperiment(id);
      return streamLog(c, {
        subscribe: (wake) => experimentHub.subscribe(id, wake),
        read: (afterSeq, limit) => store.experiments.events(id, afterSeq, limit),
        async ended(lastSeq) {
          const record = await store.experiments.get(id);
          const running = record ? record.started - record.done - record.failed : 0;
          return record && record.status !== 'running' && running === 0 && lastSeq >= record.lastSeq ? { status: record.status } : undefined;
        },
      });
    })
    .post('/:id/cancel', async (c) => c.json(await experiments.cancel(c.req.param('id'))))
    .post('/:id/retry-failed', async (c) => c.json(await experiments.retryFailed(c.req.param('id'))))
    .get('/:id/analysis', async (c) => {
      const record = await requireExperiment(c.req.param('id'));
      const analysis = await experimentResults.analysis(record);
      if (formatOf(c) === 'json') return c.json(analysis);
      const table = c.req.query('table') ?? 'comparisons';
      if (table !== 'comparisons' && table !== 'arms') throw new StudioError('VALIDATION_FAILED', `table must be comparisons or arms, got "${table}"`, { details: { field: 'table' } });
      return download(c, `experiment-${record.id}-${table}.csv`, analysisCsv(analysis)[table], 'text/csv; charset=utf-8');
    })
    .get('/:id/results', async (c) => {
      const record = await requireExperiment(c.req.param('id'));
      const results = await experimentResults.results(record);
      if (formatOf(c) === 'csv') return download(c, `experiment-${record.id}-results.csv`, resultsCsv(results), 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="experiment-${record.id}-results.json"`);
      return c.json({ experimentId: record.id, trials: results });
    })
    .get('/:id/rows', async (c) => {
      const record = await requireExperiment(c.req.param('id'));
      const filter = (c.req.query('filter') ?? 'all') as RowFilter;
      if (!rowFilters.includes(filter)) throw new StudioError('VALIDATION_FAILED', `filter must be one of ${rowFilters.join(', ')}, got "${filter}"`, { details: { field: 'filter' } });
      const metric = c.req.query('metric');
      return c.json(
        await experimentRows.page(record, { offset: integerParam(c, 'offset', 0, 0, Number.MAX_SAFE_INTEGER), limit: integerParam(c, 'limit', 25, 1, 200), filter, ...(metric ? { metric } : {}) }),
      );
    })
    .get('/:id/compare', async (c) => {
      const current = await requireExperiment(c.req.param('id'));
      const otherId = c.req.query('with');
      if (!otherId) throw new StudioError('VALIDATION_FAILED', 'with: name the experiment to compare with (?with=<id>)', { details: { field: 'with' } });
      const arm = c.req.query('arm');
      const withArm = c.req.query('withArm');
      return c.json(await experimentResults.compare(current, await requireExperiment(otherId), { ...(arm ? { arm } : {}), ...(withArm ? { withArm } : {}) }));
    });
}
