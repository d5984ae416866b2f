import type { PipelineDocument } from '@tandem/shared';
import type { NodeEstimate } from '../define-node.ts';
import { scaleEstimate, sumEstimates } from '../nodes/estimate.ts';
import { validateConfigSchema } from '../nodes/validate.node.ts';
import type { ModelFacts, ModelResolver } from '../ports/model-resolver.ts';
import type { NodeRegistry } from '../registry.ts';
import { topologicalOrder } from './topology.ts';

type Facts = (model: string) => ModelFacts | undefined;
type PipelineNode = PipelineDocument['nodes'][number];

function estimateNode(node: PipelineNode, registry: NodeRegistry, facts: Facts, config: unknown = node.config): NodeEstimate | undefined {
  const definition = registry.get(node.kind);
  if (!definition?.estimate) return undefined;
  const parsed = definition.config.safeParse(config);
  return parsed.success ? definition.estimate(parsed.data, facts) : undefined;
}

/** The model a step calls (`model`, or a critique's `primary.model`), for its failure rate. */
function modelOf(config: unknown): string | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const { model, primary } = config as { model?: unknown; primary?: { model?: unknown } };
  if (typeof model === 'string') return model;
  return typeof primary?.model === 'string' ? primary.model : undefined;
}

/**
 * What a validator's retries are expected to add: with a failure rate p of
 * the guarded step's model, retry k happens with probability p^k and costs
 * its backoff plus a re-run; the fallback model runs with probability
 * p^(maxRetries+1). Undefined when the model states no failure rate.
 */
function expectedRetries(validator: PipelineNode, document: PipelineDocument, registry: NodeRegistry, facts: Facts, estimates: Record<string, NodeEstimate>) {
  const config = validateConfigSchema.safeParse(validator.config);
  if (!config.success) return undefined;
  const target = document.nodes.find((node) => node.id === config.data.target);
  const targetEstimate = target ? estimates[target.id] : undefined;
  const model = target ? modelOf(target.config) : undefined;
  const failureRate = model === undefined ? 0 : facts(model)?.failureRate ?? 0;
  if (!target || !targetEstimate || failureRate <= 0) return undefined;
  const { maxRetries, backoff, onFail } = config.data;
  const parts: NodeEstimate[] = [];
  for (let retry = 1; retry <= maxRetries; retry++) {
    const chance = failureRate ** retry;
    const waitMs = backoff.initialMs * backoff.factor ** (retry - 1);
    parts.push(scaleEstimate({ ...targetEstimate, latencyMs: targetEstimate.latencyMs + waitMs }, chance));
  }
  if (onFail.type === 'fallbackModel') {
    const fallback = estimateNode(target, registry, facts, { ...(target.config as object), model: onFail.model }) ?? targetEstimate;
    parts.push(scaleEstimate(fallback, failureRate ** (maxRetries + 1)));
  }
  return sumEstimates(parts);
}

/**
 * Estimates each node that can be estimated (latency, tokens, cost), by
 * node id. A validator's estimate includes the expected re-runs of the step
 * it guards (they happen while it runs), from the failure rate its model states.
 */
export function estimatePipeline(document: PipelineDocument, registry: NodeRegistry, models: Pick<ModelResolver, 'describe'>) {
  const facts: Facts = (model) => models.describe(model);
  const estimates: Record<string, NodeEstimate> = {};
  for (const node of document.nodes) {
    const estimate = estimateNode(node, registry, facts);
    if (estimate) estimates[node.id] = estimate;
  }
  for (const node of document.nodes) {
    if (node.kind !== 'validate') continue;
    const retries = expectedRetries(node, document, registry, facts, estimates);
    if (retries) estimates[node.id] = sumEstimates([estimates[node.id] ?? { latencyMs: 0, costUsd: 0, inputTokens: 0, outputTokens: 0, calls: 0 }, retries])!;
  }
  return estimates;
}

/**
 * A whole run's estimate from its nodes' estimates: latency along the
 * slowest path through the graph (independent branches run at once), cost,
 * tokens and calls summed. Time spent waiting for a person is not counted.
 *
 * @example
 * const total = estimateRun(document, estimatePipeline(document, registry, models));
 */
export function estimateRun(document: PipelineDocument, estimates: Readonly<Record<string, NodeEstimate>>): NodeEstimate {
  const dependencies = new Map<string, string[]>(document.nodes.map((node) => [node.id, []]));
  for (const edge of document.edges) dependencies.get(edge.target)?.push(edge.source);
  const { order } = topologicalOrder(document.nodes.map((node) => node.id), dependencies);
  const finishedAt = new Map<string, number>();
  let latencyMs = 0;
  for (const id of order) {
    const start = Math.max(0, ...(dependencies.get(id) ?? []).map((dependency) => finishedAt.get(dependency) ?? 0));
    const finish = start + (estimates[id]?.latencyMs ?? 0);
    finishedAt.set(id, finish);
    latencyMs = Math.max(latencyMs, finish);
  }
  const total = sumEstimates(Object.values(estimates)) ?? { latencyMs: 0, costUsd: 0, inputTokens: 0, outputTokens: 0, calls: 0 };
  return { ...total, latencyMs: Math.round(latencyMs) };
}
