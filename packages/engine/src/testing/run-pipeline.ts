import type { PipelineDocument, RunEvent } from '@tandem/shared';
import { checkPipeline } from '../graph/check-pipeline.ts';
import { createNodeRegistry, type NodeRegistry } from '../registry.ts';
import { builtInNodes } from '../nodes/index.ts';
import type { AnyNodeDefinition } from '../define-node.ts';
import { executePipeline, type ExecuteOptions } from '../runtime/executor.ts';
import { createFakeModels } from './fake-models.ts';

/**
 * The registry of built-in kinds, for tests. Each kind's output is checked against the output schema
 * it declares on every run, so every engine test keeps the node-kind contract true.
 */
export const testRegistry: NodeRegistry = createNodeRegistry(builtInNodes.map(withCheckedOutput));

function withCheckedOutput(definition: AnyNodeDefinition): AnyNodeDefinition {
  return {
    ...definition,
    async run(args) {
      const output: unknown = await definition.run(args);
      const parsed = definition.output.safeParse(output);
      if (!parsed.success) throw new Error(`The ${definition.kind} step "${args.node.id}" returned an output its schema does not allow: ${parsed.error.message}`);
      return output;
    },
  };
}

/** Checks and runs a document in memory; returns the outcome and the full event log. */
export async function runTestPipeline(
  document: PipelineDocument,
  options: Partial<Omit<ExecuteOptions, 'plan' | 'onEvent'>> & { registry?: NodeRegistry } = {},
) {
  const check = checkPipeline(document, options.registry ?? testRegistry);
  if (!check.ok) throw new Error(`invalid test pipeline: ${JSON.stringify(check.problems)}`);
  const events: RunEvent[] = [...(options.history ?? [])];
  const outcome = await executePipeline({
    runId: 'run-1',
    inputs: {},
    models: createFakeModels().resolver,
    ...options,
    plan: check.plan,
    onEvent: (event) => events.push(event),
  });
  return { outcome, events };
}

/** A small pipeline document builder for tests. */
export function pipeline(
  nodes: { id: string; kind: string; config?: Record<string, unknown> }[],
  edges: [string, string, string?][],
  inputs: Record<string, unknown> = { type: 'object', properties: { prompt: { type: 'string' } } },
): PipelineDocument {
  return {
    schema: 'tandem.pipeline/v1',
    id: 'test',
    name: 'Test',
    inputs,
    nodes: nodes.map((node) => ({ position: { x: 0, y: 0 }, config: {}, ...node })),
    edges: edges.map(([source, target, sourceHandle], index) => ({ id: `e${index}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) })),
  };
}
