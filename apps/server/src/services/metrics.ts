import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RunEvent } from '@tandem/shared';
import type { EventHub } from './event-hub.ts';

/** Prometheus metrics derived from committed run events (so they count what the database holds). */
export function createMetrics(hub: EventHub) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tandem_process_' });
  const runsStarted = new Counter({ name: 'tandem_runs_started_total', help: 'Runs started', registers: [registry] });
  const runsFinished = new Counter({ name: 'tandem_runs_finished_total', help: 'Runs that ended, by status', labelNames: ['status'], registers: [registry] });
  const steps = new Histogram({
    name: 'tandem_step_duration_seconds',
    help: 'Step attempt duration',
    labelNames: ['kind', 'status'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const calls = new Histogram({ name: 'tandem_llm_call_duration_seconds', help: 'Model call latency', labelNames: ['model'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [registry] });
  const tokens = new Counter({ name: 'tandem_llm_tokens_total', help: 'Tokens used, by model and direction', labelNames: ['model', 'direction'], registers: [registry] });
  const cost = new Counter({ name: 'tandem_llm_cost_usd_total', help: 'Estimated model cost in USD', labelNames: ['model'], registers: [registry] });
  const cached = new Counter({ name: 'tandem_llm_cache_hits_total', help: 'Model calls answered from the cache', registers: [registry] });
  const errors = new Counter({ name: 'tandem_step_errors_total', help: 'Failed step attempts, by error code', labelNames: ['code'], registers: [registry] });
  const events = new Counter({ name: 'tandem_events_persisted_total', help: 'Run events committed to the database', registers: [registry] });
  new Gauge({ name: 'tandem_sse_subscriptions', help: 'Open live trace streams', registers: [registry], collect() { this.set(hub.size); } });

  return {
    registry,
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
            calls.observe({ model }, data.latencyMs / 1000);
            tokens.inc({ model, direction: 'input' }, data.usage.inputTokens);
            tokens.inc({ model, direction: 'output' }, data.usage.outputTokens);
            if (data.costUsd > 0) cost.inc({ model }, data.costUsd);
            if (data.cached) cached.inc();
            break;
          }
          default:
            break;
        }
      }
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
