import { inputNode } from './input.node.ts';
import { llmNode } from './llm.node.ts';
import { outputNode } from './output.node.ts';

/** Every built-in node kind. Add a kind by adding its file and one line here. */
export const builtInNodes = [inputNode, llmNode, outputNode] as const;

/** The kind names of the built-in nodes. */
export type NodeKind = (typeof builtInNodes)[number]['kind'];
