import { z } from 'zod';

/** The `schema` tag of the pipeline documents this build writes. Older tags are upgraded when read (the engine's `upgradePipelineDocument`). */
export const pipelineSchemaTag = 'tandem.pipeline/v1';

/** Reads the format version from a `schema` tag (`tandem.pipeline/v3` → 3); undefined for anything else. */
export function pipelineFormatVersion(tag: unknown): number | undefined {
  const match = typeof tag === 'string' ? /^tandem\.pipeline\/v([1-9]\d{0,5})$/.exec(tag) : null;
  return match ? Number(match[1]) : undefined;
}

const identifier = z
  .string()
  .min(1, 'must not be empty')
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must start with a letter or _ and hold only letters, digits, _ and -');

/** A node id: usable in `{{id.field}}` references. */
export const nodeIdSchema = identifier;

export const positionSchema = z.object({ x: z.number(), y: z.number() });

/** A node as stored in the document. `config` is checked against its kind's schema by the engine. */
export const pipelineNodeSchema = z.object({
  id: nodeIdSchema,
  kind: z.string().min(1),
  label: z.string().max(200).optional(),
  position: positionSchema.default({ x: 0, y: 0 }),
  config: z.record(z.string(), z.unknown()).default({}),
});

export const pipelineEdgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  sourceHandle: z.string().nullish(),
  targetHandle: z.string().nullish(),
});

/** A JSON Schema object, kept as plain JSON. */
export const jsonSchemaSchema = z.record(z.string(), z.unknown());

/**
 * The version of each node kind's config a document was written with (`{ llm: 2, validate: 1 }`).
 * A kind missing here, or a document without the map (all written before kinds had versions), is version 1.
 */
export const kindVersionsSchema = z.record(z.string().min(1), z.number().int().min(1));

/** The pipeline document, version 1 (DESIGN.md §3). */
export const pipelineDocumentSchema = z.object({
  schema: z.literal(pipelineSchemaTag),
  kinds: kindVersionsSchema.optional(),
  id: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and -'),
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  inputs: jsonSchemaSchema.default({ type: 'object', properties: {} }),
  nodes: z.array(pipelineNodeSchema).max(500),
  edges: z.array(pipelineEdgeSchema).max(2000),
});

export type PipelineDocument = z.infer<typeof pipelineDocumentSchema>;
export type PipelineNode = z.infer<typeof pipelineNodeSchema>;
export type PipelineEdge = z.infer<typeof pipelineEdgeSchema>;
export type JsonSchema = z.infer<typeof jsonSchemaSchema>;
export type KindVersions = z.infer<typeof kindVersionsSchema>;

/** A problem found in a pipeline document: every check reports all of them, not just the first. */
export interface GraphProblem {
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Dotted path inside the node config or the document, e.g. `config.prompt`. */
  field?: string;
}
