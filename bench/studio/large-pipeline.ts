/** A generated pipeline of `size` nodes: an input, `size - 2` text steps in columns of ten, each reading one step of the column before, and an output. */
export function largePipeline(id: string, size = 500) {
  const steps = size - 2;
  const nodes: { id: string; kind: string; position: { x: number; y: number }; config: Record<string, unknown> }[] = [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
  ];
  const edges: { id: string; source: string; target: string }[] = [];
  for (let index = 0; index < steps; index++) {
    const column = Math.floor(index / 10);
    const row = index % 10;
    const source = column === 0 ? 'input' : `step_${(column - 1) * 10 + row}`;
    nodes.push({
      id: `step_${index}`,
      kind: 'text',
      position: { x: 320 * (column + 1), y: 150 * row },
      config: { template: column === 0 ? 'Start from {{input.prompt}}' : `Go on from {{${source}.text}}` },
    });
    edges.push({ id: `e${index}`, source, target: `step_${index}` });
  }
  nodes.push({ id: 'output', kind: 'output', position: { x: 320 * (Math.ceil(steps / 10) + 1), y: 0 }, config: { value: `{{step_${steps - 1}.text}}` } });
  edges.push({ id: 'e-out', source: `step_${steps - 1}`, target: 'output' });
  return {
    schema: 'tandem.pipeline/v1',
    id,
    name: `${size} nodes`,
    inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
    nodes,
    edges,
  };
}
