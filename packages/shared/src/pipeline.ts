import { z } from 'zod';

/** The `schema` tag of version 1 pipeline documents. */
export const pipelineSchemaTag = 'tandem.pipeline/v1';

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

/** The pipeline document, version 1 (DESIGN.md §3). */
export const pipelineDocumentSchema = z.object({
  schema: z.literal(pipelineSchemaTag),
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

/** A problem found in a pipeline document: every check reports all of them, not just the first. */
export interface GraphProblem {
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Dotted path inside the node config or the document, e.g. `config.prompt`. */
  field?: string;
}
