import { pipelineSchemaTag, type PipelineDocument } from '@tandem/shared';

/** Turns a name into a pipeline id (`lower-case-with-dashes`) not in `taken`. */
export function uniquePipelineId(name: string, taken: Iterable<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'pipeline';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** A new pipeline: input → llm → output, ready to run on the simulator. */
export function createStarterDocument(id: string, name: string, description?: string): PipelineDocument {
  return {
    schema: pipelineSchemaTag,
    id,
    name,
    ...(description ? { description } : {}),
    inputs: {
      type: 'object',
      properties: { prompt: { type: 'string', description: 'What to ask the model' } },
      required: ['prompt'],
    },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 80 }, config: {} },
      { id: 'llm', kind: 'llm', position: { x: 300, y: 60 }, config: { model: 'sim:writer', prompt: '{{input.prompt}}' } },
      { id: 'output', kind: 'output', position: { x: 620, y: 80 }, config: { value: '{{llm.text}}' } },
    ],
    edges: [
      { id: 'e-input-llm', source: 'input', target: 'llm' },
      { id: 'e-llm-output', source: 'llm', target: 'output' },
    ],
  };
}

/** A copy of a template (or any pipeline) under a new id and name. */
export function copyDocument(source: PipelineDocument, id: string, name: string): PipelineDocument {
  return { ...structuredClone(source), id, name };
}
