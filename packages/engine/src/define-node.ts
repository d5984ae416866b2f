import type { z } from 'zod';
import type { GraphProblem, JsonSchema, PipelineDocument, PipelineNode } from '@tandem/shared';
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

/** The icons the studio draws node kinds with; each name maps to one icon there. */
export const nodeIcons = [
  'input',
  'output',
  'sparkles',
  'messages',
  'shuffle',
  'shield',
  'gavel',
  'terminal',
  'person',
  'branch',
  'boxes',
  'text',
] as const;
export type NodeIcon = (typeof nodeIcons)[number];

/** The connection points of a node card. `null` is the unnamed default handle. */
export interface NodeHandles {
  /** Whether edges may come in. */
  target: boolean;
  /** Outgoing handles; a routing kind names one per route (e.g. `true`, `false`). */
  sources: readonly (string | null)[];
}

/** What `run` receives. */
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

/** What a card shows of a configured node at a glance. */
export interface NodeSummary {
  /** The model the node calls. */
  model?: string;
  /** A line of its config: the prompt, the value, the condition… */
  preview?: string;
}

/**
 * A node kind: everything the engine, the server and the studio know about it. A new kind is one
 * file defining this, one line in `nodes/index.ts`, and optionally a view in the studio.
 */
export interface NodeDefinition<Kind extends string = string, Config = unknown, Output = unknown> {
  kind: Kind;
  displayName: string;
  description: string;
  context: NodeContextKind;
  icon: NodeIcon;
  /** Bump with a migration when the config shape changes; saved documents reference kinds forever. */
  version: number;
  /** One up-migration per version after 1 (2…`version`); old documents are upgraded as they are read. */
  migrations?: readonly NodeConfigMigration[];
  config: z.ZodType<Config>;
  /** The config a freshly placed node starts with (as stored in the document). */
  defaultConfig(): Record<string, unknown>;
  /** What the step hands on: what `{{id.…}}` can read. `run` must return this type. */
  output: z.ZodType<Output>;
  /**
   * The output of one configured node as JSON Schema, when config or the document decide it (an llm's
   * `json` follows its `outputSchema`, the input node's fields are the pipeline's inputs). Defaults
   * to `output`.
   */
  outputFor?(config: Config, document: PipelineDocument): JsonSchema;
  /** Connection points; default: one target and one unnamed source. */
  handles?: NodeHandles;
  /** The node's place in the run: `input` hands on the run's inputs, `output` is one of the run's results. */
  role?: 'input' | 'output';
  /** A validator may send steps of this kind back for another attempt. */
  rerunnable?: boolean;
  /** Steps of this kind pause the run until a person answers. */
  pauses?: boolean;
  /**
   * For validators: the config field naming the step this node guards (it may re-run that step, and
   * the step's readers wait for this node). A field, not a function, so a half-configured node is
   * still drawn guarding its step.
   */
  guards?: keyof Config & string;
  /** Inspector hints, by dotted config path. */
  fields?: Partial<Record<string, FieldWidget>>;
  /** Config paths (prefixes) whose strings are not templates, e.g. code or regex. */
  literalFields?: readonly string[];
  /** What a card shows of a configured node. */
  summary?(config: Config): NodeSummary;
  /** Node ids this node needs before it runs, beyond edges and references (e.g. a validator's target). */
  dependencies?(config: Config): string[];
  /** Checks beyond the schema, e.g. that a target node exists. */
  check?(config: Config, node: PipelineNode, document: PipelineDocument): GraphProblem[];
  /** For routing nodes: the source handles whose edges stay active after this output. */
  activeHandles?(output: Output): string[];
  /** A rough latency and cost estimate before running. */
  estimate?(config: Config, facts: (model: string) => ModelFacts | undefined): NodeEstimate | undefined;
  run(args: NodeRunArgs<Config>): Promise<Output>;
}

/** Any node definition, for lists and registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<string, any, any>;

/** The step a node guards, read from its (possibly unchecked) config by its kind's `guards` field. */
export function guardedStep(definition: AnyNodeDefinition, config: unknown): string | undefined {
  if (!definition.guards || typeof config !== 'object' || config === null) return undefined;
  const target: unknown = Reflect.get(config, definition.guards);
  return typeof target === 'string' && target.length > 0 ? target : undefined;
}

/** The handles of a kind without its own. */
export const defaultHandles: NodeHandles = { target: true, sources: [null] };

/**
 * Declares a node kind with full type inference from its config and output schemas.
 * @example
 * export const outputNode = defineNode({ kind: 'output', config: z.object({ value: z.string() }), output: z.unknown(), … });
 */
export function defineNode<const Kind extends string, ConfigSchema extends z.ZodType, OutputSchema extends z.ZodType>(
  definition: NodeDefinition<Kind, NoInfer<z.output<ConfigSchema>>, NoInfer<z.output<OutputSchema>>> & { config: ConfigSchema; output: OutputSchema },
): NodeDefinition<Kind, z.output<ConfigSchema>, z.output<OutputSchema>> {
  return definition as NodeDefinition<Kind, z.output<ConfigSchema>, z.output<OutputSchema>>;
}
