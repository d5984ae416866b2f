import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RunEvent } from '@tandem/shared';
import type { EventHub } from './event-hub.ts';
import { labelledCounter, labelledHistogram } from './labelled-metrics.ts';

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
  firstTokenSeconds?: number | undefined;
  inputTokens?: number;
  outputTokens?: number;
  cache?: 'exact' | 'semantic' | undefined;
}

/** A model id without its options (`sim:writer?tps=40` → `sim:writer`): options must not multiply series. */
const withoutOptions = (model: string) => {
  const query = model.indexOf('?');
  return query === -1 ? model : model.slice(0, query);
};

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
  // The series a gateway request touches are plain-map metrics (labelled-metrics.ts): a request must
  // cost a few map updates, not prom-client's label validation and hashing per series.
  const calls = labelledHistogram(registry, { name: 'tandem_llm_call_duration_seconds', help: 'Model call latency, by model and source (run or v1).', labelNames: ['model', 'source'], buckets: latencyBuckets });
  const firstToken = labelledHistogram(registry, { name: 'tandem_llm_time_to_first_token_seconds', help: 'Time from a model call to its first token.', labelNames: ['model', 'source'], buckets: latencyBuckets });
  const tokens = labelledCounter(registry, { name: 'tandem_llm_tokens_total', help: 'Tokens used, by model, direction (input or output) and source.', labelNames: ['model', 'direction', 'source'] });
  const cost = labelledCounter(registry, { name: 'tandem_llm_cost_usd_total', help: 'Estimated model cost in US dollars.', labelNames: ['model'] });
  const cacheHits = labelledCounter(registry, { name: 'tandem_llm_cache_hits_total', help: 'Model calls answered from a cache, by cache (exact or semantic) and source.', labelNames: ['cache', 'source'] });
  const errors = new Counter({ name: 'tandem_step_errors_total', help: 'Failed step attempts, by error code.', labelNames: ['code'], registers: [registry] });
  const events = new Counter({ name: 'tandem_events_persisted_total', help: 'Run events committed to the database.', registers: [registry] });
  const gatewayRequests = labelledCounter(registry, { name: 'tandem_gateway_requests_total', help: 'Gateway (/v1) requests, by route, API key, model and HTTP status.', labelNames: ['route', 'key', 'model', 'status'] });
  const gatewayDuration = labelledHistogram(registry, { name: 'tandem_gateway_request_duration_seconds', help: 'Gateway (/v1) request duration, by route and model.', labelNames: ['route', 'model'], buckets: latencyBuckets });
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

  // The series one kind of gateway request counts on, found once per route, key, model and status.
  const gatewaySeriesOf = (route: string, key: string, model: string, status: number) => ({
    requests: gatewayRequests.series([route, key, model, String(status)]),
    duration: gatewayDuration.series([route, model]),
    modelCall: model.startsWith('pipeline:')
      ? undefined
      : {
          calls: calls.series([model, 'v1']),
          firstToken: firstToken.series([model, 'v1']),
          inputTokens: tokens.series([model, 'input', 'v1']),
          outputTokens: tokens.series([model, 'output', 'v1']),
        },
  });
  const gatewaySeries = new Map<string, ReturnType<typeof gatewaySeriesOf>>();

  return {
    registry,
    /** Where breaker states and cache statistics are read when scraped. */
    readFrom(sources: { breakers(): { pool: string; member: string; state: string }[]; cacheStatistics(): Promise<{ kind: string; hits: number; misses: number }[]> }) {
      readBreakers = sources.breakers;
      readCacheStatistics = sources.cacheStatistics;
    },
    /** Counts one gateway request. */
    observeGatewayRequest(request: GatewayRequestObservation) {
      const model = withoutOptions(request.model);
      const key = `${request.route}\u0000${request.key}\u0000${model}\u0000${request.status}`;
      let series = gatewaySeries.get(key);
      if (!series) gatewaySeries.set(key, (series = gatewaySeriesOf(request.route, request.key, model, request.status)));
      series.requests.value += 1;
      series.duration.observe(request.durationSeconds);
      if (!series.modelCall) return;
      if (request.status < 400) series.modelCall.calls.observe(request.durationSeconds);
      if (request.firstTokenSeconds !== undefined) series.modelCall.firstToken.observe(request.firstTokenSeconds);
      if (request.inputTokens) series.modelCall.inputTokens.value += request.inputTokens;
      if (request.outputTokens) series.modelCall.outputTokens.value += request.outputTokens;
      if (request.cache) cacheHits.inc([request.cache, 'v1']);
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
            const model = withoutOptions(data.model);
            calls.observe([model, 'run'], data.latencyMs / 1000);
            if (data.firstTokenMs !== undefined) firstToken.observe([model, 'run'], data.firstTokenMs / 1000);
            tokens.inc([model, 'input', 'run'], data.usage.inputTokens);
            tokens.inc([model, 'output', 'run'], data.usage.outputTokens);
            if (data.costUsd > 0) cost.inc([model], data.costUsd);
            if (data.cached) cacheHits.inc([data.cache ?? 'exact', 'run']);
            break;
          }
          default:
            break;
        }
      }
    },
    /** Adds the cost of a gateway request (priced by the caller). */
    addCost(model: string, costUsd: number) {
      if (costUsd > 0) cost.inc([withoutOptions(model)], costUsd);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
