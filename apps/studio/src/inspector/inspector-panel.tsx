import type { GraphProblem } from '@tandem/shared';
import { useGraph, useSelection } from '../editor/editor-stores.tsx';
import { NodeInspector } from './node-inspector.tsx';
import { PipelineSettings } from './pipeline-settings.tsx';

/** The right panel: the selected node's inspector, or the pipeline settings. */
export function InspectorPanel({ problems, onDeleteNode }: { problems: readonly GraphProblem[]; onDeleteNode: (nodeId: string) => void }) {
  const selectedNodeId = useSelection((state) => state.selectedNodeId);
  const node = useGraph((state) => state.document.nodes.find((entry) => entry.id === selectedNodeId));
  if (!node) return <PipelineSettings />;
  return <NodeInspector key={node.id} node={node} problems={problems.filter((problem) => problem.nodeId === node.id)} onDelete={() => onDeleteNode(node.id)} />;
}
