import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { startRunBodySchema, StudioError, submitUserStepBodySchema, type RunView, type SecretRedactor } from '@tandem/shared';
import { checkRunInputs } from '@tandem/engine';
import type { RunStore, StoredRun } from '@tandem/db';
import type { Principal } from '../access/principal.ts';
import type { GatewayRoutesContext } from '../gateway/gateway-routes-context.ts';
import { handleError } from '../middleware/error-handler.ts';
import { parseBody, readJson } from '../middleware/parse-body.ts';
import { monitoringRoutes } from '../routes/monitoring.ts';
import { openAICompatibleRoutes } from '../routes/openai-compatible.ts';
import { providerRoutes } from '../routes/providers.ts';
import type { ClusterPipelines } from './cluster-pipelines.ts';
import type { ClusterSignals } from './cluster-signals.ts';
import { cancelRun, submitAnswer } from './run-commands.ts';
import type { RunQueue } from './run-queue.ts';
import { streamStoredRunEvents } from './stored-run-stream.ts';
import { datasetRoutes, datasetUploadLimitBytes, type DatasetRouteDeps } from '../routes/datasets.ts';
import { experimentRoutes, type ExperimentRouteDeps } from '../routes/experiments.ts';

/** What a web node of a cluster is wired with. */
export interface ClusterWebOptions {
  store: RunStore;
  queue: RunQueue;
  signals: ClusterSignals;
  pipelines: ClusterPipelines;
  /** API keys a request must carry as `Authorization: Bearer <key>`; none: no key is asked (loopback only). */
  apiKeys?: readonly string[];
  bodyLimitBytes?: number;
  secrets?: SecretRedactor;
  /** Datasets and experiments (cluster-experiments.ts): served under `/api/datasets` and `/api/experiments` when given. */
  experiments?: DatasetRouteDeps & ExperimentRouteDeps;
  /** The model gateway over the shared store: `/v1`, `/api/providers` and `/api/monitoring` (the single process's routes). */
  gateway?: GatewayRoutesContext;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Refuses requests without one of the keys (compared by SHA-256 digest, in constant time); a known key is the
 * request's principal, named as the single process names `TANDEM_API_KEYS` (`env-<n>`, in the request log too).
 */
function requireApiKey(keys: readonly string[]): MiddlewareHandler {
  const digests = keys.map(digest);
  return async (c, next) => {
    if (c.req.path === '/healthz') return next();
    const presented = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const presentedDigest = presented ? digest(presented) : undefined;
    const index = presentedDigest ? digests.findIndex((known) => timingSafeEqual(known, presentedDigest)) : -1;
    if (index < 0) throw new StudioError('UNAUTHENTICATED', 'Send an API key as Authorization: Bearer <key>', { details: { field: 'authorization' } });
    const principal: Principal = { kind: 'key', keyId: `env-${index + 1}`, name: `TANDEM_API_KEYS #${index + 1}`, scopes: ['v1'], source: 'environment' };
    c.set('principal', principal);
    await next();
  };
}

const toView = ({ lastSeq: _lastSeq, leaseOwner: _leaseOwner, leaseExpiresAt: _leaseExpiresAt, ...view }: StoredRun): RunView => view;

/**
 * The HTTP surface of a web node in cluster mode (DESIGN.md §8): pipelines are stored, runs are created
 * and enqueued for the workers, read, streamed (from the event table, woken by LISTEN/NOTIFY), cancelled
 * and answered; with a gateway, the OpenAI-compatible `/v1`, providers and pools, and the request log's
 * monitoring — the same shapes as the single-process server's routes of the same paths.
 */
export function createClusterWebApp(options: ClusterWebOptions) {
  const { store, queue, signals, pipelines } = options;
  const requireRun = async (runId: string) => {
    const run = await store.getRun(runId);
    if (!run) throw new StudioError('RUN_NOT_FOUND', `No run "${runId}"`, { details: { runId } });
    return run;
  };

  const runs = new Hono()
    .post('/', async (c) => {
      const body = await parseBody(c, startRunBodySchema);
      const { plan, version } = await pipelines.loadPlan(body.pipelineId, body.version, body.overrides);
      const problems = checkRunInputs(plan.document, body.inputs);
      if (problems.length > 0) {
        throw new StudioError('RUN_INPUT_INVALID', problems.map((problem) => problem.message).join('; '), { details: { problems } });
      }
      const run = await store.createRun({
        id: randomUUID(),
        pipelineId: body.pipelineId,
        version,
        inputs: body.inputs,
        ...(body.overrides ? { overrides: body.overrides } : {}),
      });
      // A lost enqueue (this node dying right here) is repaired by the workers' reaper: the run is queued in the table.
      await queue.enqueue(run.id);
      return c.json({ id: run.id }, 201);
    })
    .get('/:id', async (c) => c.json(toView(await requireRun(c.req.param('id')))))
    .get('/:id/trace', async (c) => {
      const runId = c.req.param('id');
      await requireRun(runId);
      return c.json({ events: await store.readEvents(runId) });
    })
    .get('/:id/events', async (c) => {
      const runId = c.req.param('id');
      await requireRun(runId);
      const resumeFrom = Number(c.req.header('Last-Event-ID') ?? c.req.query('after') ?? 0);
      const afterSeq = Number.isInteger(resumeFrom) && resumeFrom > 0 ? resumeFrom : 0;
      return streamStoredRunEvents(c, { runId, afterSeq, store, signals, ...(options.secrets ? { secrets: options.secrets } : {}) });
    })
    .post('/:id/cancel', async (c) => c.json(toView(await cancelRun({ store, signals }, c.req.param('id')))))
    .post('/:id/nodes/:nodeId/submit', async (c) => {
      const body = await parseBody(c, submitUserStepBodySchema);
      const run = await submitAnswer({ store }, c.req.param('id'), c.req.param('nodeId'), body);
      await queue.enqueue(run.id);
      return c.json(toView(run));
    });

  const api = new Hono()
    .post('/pipelines', async (c) => c.json(await pipelines.create(await readJson(c)), 201))
    .route('/runs', runs);
  if (options.experiments) api.route('/datasets', datasetRoutes(options.experiments)).route('/experiments', experimentRoutes(options.experiments));

  const app = new Hono();
  app.onError(handleError);
  const limit = (maxSize: number) => bodyLimit({ maxSize, onError: () => { throw new StudioError('BODY_TOO_LARGE', 'The request body is too large'); } });
  const bodies = limit(options.bodyLimitBytes ?? 2 * 1024 * 1024);
  // Dataset uploads carry tens of thousands of rows, as in one process.
  const uploads = limit(Math.max(datasetUploadLimitBytes, options.bodyLimitBytes ?? 0));
  const isUpload = (method: string, path: string) => (method === 'POST' && path === '/api/datasets') || (method === 'PUT' && /^\/api\/datasets\/[^/]+$/.test(path));
  app.use('*', (c, next) => (options.experiments && isUpload(c.req.method, c.req.path) ? uploads(c, next) : bodies(c, next)));
  if (options.apiKeys && options.apiKeys.length > 0) app.use('*', requireApiKey(options.apiKeys));
  else app.use('*', async (c, next) => {
    c.set('principal', { kind: 'local' });
    await next();
  });
  app.get('/healthz', (c) => c.json({ ok: true, role: 'web' }));
  const { gateway } = options;
  if (gateway) {
    // Pools, providers and keys another node changed are read again when this node's copy is old enough.
    const fresh: MiddlewareHandler = async (_c, next) => {
      await gateway.gateway.ensureFresh();
      await next();
    };
    app.use('/v1/*', fresh);
    app.use('/api/providers/*', fresh);
    app.route('/api/providers', providerRoutes(gateway));
    app.route('/api/monitoring', monitoringRoutes(gateway));
    app.route('/', openAICompatibleRoutes(gateway));
  }
  app.route('/api', api);
  app.notFound((c) => handleError(new StudioError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}`), c));
  return app;
}
