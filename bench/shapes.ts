import type { PipelineDocument } from '@tandem/shared';

const base = (id: string, nodes: PipelineDocument['nodes'], edges: [string, string][]): PipelineDocument => ({
  schema: 'tandem.pipeline/v1',
  id,
  name: id,
  inputs: { type: 'object', properties: { prompt: { type: 'string' } } },
  nodes,
  edges: edges.map(([source, target], index) => ({ id: `e${index}`, source, target })),
});
const at = { x: 0, y: 0 };

/** A chain of five LLM steps. */
export const fiveStepChain = base(
  'chain-5',
  [
    { id: 'input', kind: 'input', position: at, config: {} },
    ...[1, 2, 3, 4, 5].map((n) => ({ id: `s${n}`, kind: 'llm', position: at, config: { model: 'sim:instant', prompt: n === 1 ? '{{input.prompt}}' : `Go on: {{s${n - 1}.text}}` } })),
    { id: 'out', kind: 'output', position: at, config: { value: '{{s5.text}}' } },
  ],
  [['input', 's1'], ['s1', 's2'], ['s2', 's3'], ['s3', 's4'], ['s4', 's5'], ['s5', 'out']],
);

/** A critique node with two rounds: five model calls. */
export const critiqueTwoRounds = base(
  'critique-2',
  [
    { id: 'input', kind: 'input', position: at, config: {} },
    { id: 'answer', kind: 'critique', position: at, config: { prompt: '{{input.prompt}}', primary: { model: 'sim:instant' }, secondary: { model: 'sim:instant' }, rounds: 2, enabled: true } },
    { id: 'out', kind: 'output', position: at, config: { value: '{{answer.text}}' } },
  ],
  [['input', 'answer'], ['answer', 'out']],
);

/** Two variants side by side, each scored by a judge: four model calls. */
export const variantsWithJudges = base(
  'fanout-2x2',
  [
    { id: 'input', kind: 'input', position: at, config: {} },
    { id: 'variants', kind: 'variants', position: at, config: { mode: 'all', model: 'sim:instant', variants: [{ id: 'A', weight: 1, prompt: 'A: {{input.prompt}}' }, { id: 'B', weight: 1, prompt: 'B: {{input.prompt}}' }] } },
    { id: 'judgeA', kind: 'judge', position: at, config: { model: 'sim:judge?tps=0', subject: '{{variants.results.A.text}}', criteria: 'clarity' } },
    { id: 'judgeB', kind: 'judge', position: at, config: { model: 'sim:judge?tps=0', subject: '{{variants.results.B.text}}', criteria: 'clarity' } },
    { id: 'out', kind: 'output', position: at, config: { value: '{{judgeA.score}} {{judgeB.score}}' } },
  ],
  [['input', 'variants'], ['variants', 'judgeA'], ['variants', 'judgeB'], ['judgeA', 'out'], ['judgeB', 'out']],
);

export const shapes = [
  { name: '5-step chain', document: fiveStepChain, llmCalls: 5 },
  { name: 'critique, 2 rounds', document: critiqueTwoRounds, llmCalls: 5 },
  { name: '2 variants + 2 judges', document: variantsWithJudges, llmCalls: 4 },
];
