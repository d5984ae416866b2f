import { activityNode } from './activity.node.ts';
import { branchNode } from './branch.node.ts';
import { critiqueNode } from './critique.node.ts';
import { inputNode } from './input.node.ts';
import { judgeNode } from './judge.node.ts';
import { llmNode } from './llm.node.ts';
import { outputNode } from './output.node.ts';
import { pipelineNode } from './pipeline.node.ts';
import { textNode } from './text.node.ts';
import { userNode } from './user.node.ts';
import { validateNode } from './validate.node.ts';
import { variantsNode } from './variants.node.ts';

/** Every built-in node kind. Add a kind by adding its file and one line here. */
export const builtInNodes = [
  inputNode,
  llmNode,
  critiqueNode,
  variantsNode,
  validateNode,
  judgeNode,
  activityNode,
  userNode,
  branchNode,
  pipelineNode,
  textNode,
  outputNode,
] as const;

/** The kind names of the built-in nodes. */
export type NodeKind = (typeof builtInNodes)[number]['kind'];
