import type { z } from 'zod';
import type { GraphProblem, PipelineDocument, PipelineNode } from '@tandem/shared';
import type { StepContext } from './runtime/step-context.ts';
import type { TemplateScope } from './template/template.ts';
import type { ModelFacts } from './ports/model-resolver.ts';

/**
 * Where a node runs, after the naming convention of the instruction system:
 * a plain name is an LLM step, `_Activity` runs on the server, `_User` needs a person.
 */
export type NodeContextKind = 'io' | 'llm' | 'server' | 'user';

/** How the inspector should edit one config field (keyed by dotted path). */
export type FieldWidget = 'template' | 'model' | 'code' | 'json' | 'node' | 'text' | 'hidden';

/** What a node kind's `run` receives. */
export interface NodeRunArgs<Config> {
  node: PipelineNode;
  config: Config;
  /** Outputs of the nodes that completed so far, by node id. */
  scope: TemplateScope;
  context: StepContext;
}

/** A latency and cost estimate shown on a node before running. */
export interface NodeEstimate {
  latencyMs: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  calls: number;
}

/**
 * One step of a kind's config format, from `version - 1` to `version` (after tldraw's record
 * migrations). `up` gets a copy of the config as stored and returns it in the newer shape.
 */
export interface NodeConfigMigration {
  /** The version this step upgrades to (2 for the step from 1 to 2). */
  version: number;
  /** What changed, for the record (e.g. "title renamed to heading"). */
  description?: string;
  up(config: Record<string, unknown>): Record<string, unknown>;
}

/** A node kind: its config schema, how it depends on other nodes, and how it runs. */
export interface NodeDefinition<Kind extends string = string, Config = unknown> {
  kind: Kind;
  displayName: string;
  description: string;
  context: NodeContextKind;
  /** Bump with a migration when the config shape changes; saved documents reference kinds forever. */
  version: number;
  /** One up-migration per version after 1 (2…`version`); old documents are upgraded as they are read. */
  migrations?: readonly NodeConfigMigration[];
  config: z.ZodType<Config>;
  /** The config a freshly placed node starts with (as stored in the document). */
  defaultConfig(): Record<string, unknown>;
  /** Inspector hints, by dotted config path. */
  fields?: Partial<Record<string, FieldWidget>>;
  /** Config paths (prefixes) whose strings are not templates, e.g. code or regex. */
  literalFields?: readonly string[];
  /** Node ids this node needs before it runs, beyond edges and references (e.g. a validator's target). */
  dependencies?(config: Config): string[];
  /** Checks beyond the schema, e.g. that a target node exists. */
  check?(config: Config, node: PipelineNode, document: PipelineDocument): GraphProblem[];
  /** For routing nodes: the source handles whose edges stay active after this output. */
  activeHandles?(output: unknown): string[];
  /** A rough latency and cost estimate before running. */
  estimate?(config: Config, facts: (model: string) => ModelFacts | undefined): NodeEstimate | undefined;
  run(args: NodeRunArgs<Config>): Promise<unknown>;
}

/** Any node definition, for lists and registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<string, any>;

/**
 * Declares a node kind with full type inference from its config schema.
 * @example
 * export const outputNode = defineNode({ kind: 'output', config: z.object({ value: z.string() }), … });
 */
export function defineNode<const Kind extends string, Schema extends z.ZodType>(
  definition: NodeDefinition<Kind, NoInfer<z.output<Schema>>> & { config: Schema },
): NodeDefinition<Kind, z.output<Schema>> {
  return definition as NodeDefinition<Kind, z.output<Schema>>;
}
