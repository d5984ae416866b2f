import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RunEvent } from '@tandem/shared';
import type { EventHub } from './event-hub.ts';

/**
 * prom-client's default gauges that repeat another gauge under a `_total` name, which Prometheus
 * reserves for counters (promtool refuses them); the gauges without the suffix stay.
 */
const misnamedDefaults = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'] as const;

/** The process and Node.js metrics under their standard names (`process_*`, `nodejs_*`), so stock Node dashboards work. */
function registerProcessMetrics(registry: Registry) {
  collectDefaultMetrics({ register: registry });
  for (const name of misnamedDefaults) registry.removeSingleMetric(name);
}

/** What one gateway request tells the metrics. */
export interface GatewayRequestObservation {
  route: string;
  /** The API key's id, `environment-N`, or `studio` for a person. */
  key: string;
  model: string;
  status: number;
  durationSeconds: number;
  firstTokenSeconds?: number;
  inputTokens?: number;
  outputTokens?: number;
  cache?: 'exact' | 'semantic';
}

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Prometheus metrics (promtool-clean names: `_total` counters, `_seconds` durations, base units).
 * Runs are counted from committed run events (what the database holds); gateway requests as they
 * are answered; pool breakers and cache statistics are read when scraped.
 */
export function createMetrics(hub: EventHub) {
  const registry = new Registry();
  registerProcessMetrics(registry);
  const runsStarted = new Counter({ name: 'tandem_runs_started_total', help: 'Runs started.', registers: [registry] });
  const runsFinished = new Counter({ name: 'tandem_runs_finished_total', help: 'Runs that ended, by status.', labelNames: ['status'], registers: [registry] });
  const steps = new Histogram({ name: 'tandem_step_duration_seconds', help: 'Step attempt duration.', labelNames: ['kind', 'status'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120], registers: [registry] });
  const calls = new Histogram({ name: 'tandem_llm_call_duration_seconds', help: 'Model call latency, by model and source (run or v1).', labelNames: ['model', 'source'], buckets: latencyBuckets, registers: [registry] });
  const firstToken = new Histogram({ name: 'tandem_llm_time_to_first_token_seconds', help: 'Time from a model call to its first token.', labelNames: ['model', 'source'], buckets: latencyBuckets, registers: [registry] });
  const tokens = new Counter({ name: 'tandem_llm_tokens_total', help: 'Tokens used, by model, direction (input or output) and source.', labelNames: ['model', 'direction', 'source'], registers: [registry] });
  const cost = new Counter({ name: 'tandem_llm_cost_usd_total', help: 'Estimated model cost in US dollars.', labelNames: ['model'], registers: [registry] });
  const cacheHits = new Counter({ name: 'tandem_llm_cache_hits_total', help: 'Model calls answered from a cache, by cache (exact or semantic) and source.', labelNames: ['cache', 'source'], registers: [registry] });
  const errors = new Counter({ name: 'tandem_step_errors_total', help: 'Failed step attempts, by error code.', labelNames: ['code'], registers: [registry] });
  const events = new Counter({ name: 'tandem_events_persisted_total', help: 'Run events committed to the database.', registers: [registry] });
  const gatewayRequests = new Counter({ name: 'tandem_gateway_requests_total', help: 'Gateway (/v1) requests, by route, API key, model and HTTP status.', labelNames: ['route', 'key', 'model', 'status'], registers: [registry] });
  const gatewayDuration = new Histogram({ name: 'tandem_gateway_request_duration_seconds', help: 'Gateway (/v1) request duration, by route and model.', labelNames: ['route', 'model'], buckets: latencyBuckets, registers: [registry] });
  new Gauge({ name: 'tandem_sse_subscriptions', help: 'Open live trace streams.', registers: [registry], collect() { this.set(hub.size); } });
  let readBreakers: () => { pool: string; member: string; state: string }[] = () => [];
  let readCacheStatistics: () => Promise<{ kind: string; hits: number; misses: number }[]> = async () => [];
  new Gauge({
    name: 'tandem_pool_member_breaker_state',
    help: 'Circuit breaker state of each pool member: 1 for its current state, 0 for the others.',
    labelNames: ['pool', 'member', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { pool, member, state } of readBreakers()) for (const candidate of ['closed', 'open', 'half-open']) this.set({ pool, member, state: candidate }, candidate === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'tandem_cache_lookups',
    help: 'Cache lookups since the database was created, by cache and outcome (hit or miss).',
    labelNames: ['cache', 'outcome'],
    registers: [registry],
    async collect() {
      for (const { kind, hits, misses } of await readCacheStatistics()) {
        this.set({ cache: kind, outcome: 'hit' }, hits);
        this.set({ cache: kind, outcome: 'miss' }, misses);
      }
    },
  });

  return {
    registry,
    /** Where breaker states and cache statistics are read when scraped. */
    readFrom(sources: { breakers(): { pool: string; member: string; state: string }[]; cacheStatistics(): Promise<{ kind: string; hits: number; misses: number }[]> }) {
      readBreakers = sources.breakers;
      readCacheStatistics = sources.cacheStatistics;
    },
    /** Counts one gateway request. */
    observeGatewayRequest(request: GatewayRequestObservation) {
      const model = request.model.split('?')[0]!;
      gatewayRequests.inc({ route: request.route, key: request.key, model, status: String(request.status) });
      gatewayDuration.observe({ route: request.route, model }, request.durationSeconds);
      if (model.startsWith('pipeline:')) return;
      if (request.status < 400) calls.observe({ model, source: 'v1' }, request.durationSeconds);
      if (request.firstTokenSeconds !== undefined) firstToken.observe({ model, source: 'v1' }, request.firstTokenSeconds);
      if (request.inputTokens) tokens.inc({ model, direction: 'input', source: 'v1' }, request.inputTokens);
      if (request.outputTokens) tokens.inc({ model, direction: 'output', source: 'v1' }, request.outputTokens);
      if (request.cache) cacheHits.inc({ cache: request.cache, source: 'v1' });
    },
    /** Counts a batch of committed events; `kindOf` answers a step's node kind from the run's fold. */
    observe(batch: readonly RunEvent[], kindOf: (runId: string, nodeId: string) => string | undefined) {
      events.inc(batch.length);
      for (const event of batch) {
        switch (event.type) {
          case 'run.started':
            runsStarted.inc();
            break;
          case 'run.completed':
          case 'run.failed':
          case 'run.cancelled':
            runsFinished.inc({ status: event.type.slice(4) });
            break;
          case 'step.completed':
            steps.observe({ kind: kindOf(event.runId, event.nodeId ?? '') ?? 'unknown', status: 'succeeded' }, event.data.durationMs / 1000);
            break;
          case 'step.failed':
            steps.observe({ kind: kindOf(event.runId, event.nodeId ?? '') ?? 'unknown', status: 'failed' }, event.data.durationMs / 1000);
            errors.inc({ code: event.data.error.code });
            break;
          case 'llm.call': {
            const data = event.data;
            const model = data.model.split('?')[0]!;
            calls.observe({ model, source: 'run' }, data.latencyMs / 1000);
            if (data.firstTokenMs !== undefined) firstToken.observe({ model, source: 'run' }, data.firstTokenMs / 1000);
            tokens.inc({ model, direction: 'input', source: 'run' }, data.usage.inputTokens);
            tokens.inc({ model, direction: 'output', source: 'run' }, data.usage.outputTokens);
            if (data.costUsd > 0) cost.inc({ model }, data.costUsd);
            if (data.cached) cacheHits.inc({ cache: data.cache ?? 'exact', source: 'run' });
            break;
          }
          default:
            break;
        }
      }
    },
    /** Adds the cost of a gateway request (priced by the caller). */
    addCost(model: string, costUsd: number) {
      if (costUsd > 0) cost.inc({ model: model.split('?')[0]! }, costUsd);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
