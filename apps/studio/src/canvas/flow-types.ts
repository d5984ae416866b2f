import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { LoopEdge } from './loop-edge.tsx';
import { PipelineNodeCard } from './pipeline-node-card.tsx';

/** Built once at module scope: React Flow re-mounts every node when these objects change. */
export const nodeTypes: NodeTypes = { 'pipeline-node': PipelineNodeCard };
export const edgeTypes: EdgeTypes = { loop: LoopEdge };
