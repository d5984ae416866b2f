import type { GraphProblem } from '@tandem/shared';
import { useGraphWithEquality, useSelection } from '../editor/editor-stores.tsx';
import { NodeInspector } from './node-inspector.tsx';
import { PipelineSettings } from './pipeline-settings.tsx';

/** The right panel: the selected node's inspector, or the pipeline settings. */
export function InspectorPanel({ problems, onDeleteNode }: { problems: readonly GraphProblem[]; onDeleteNode: (nodeId: string) => void }) {
  const selectedNodeId = useSelection((state) => state.selectedNodeId);
  // A node that only moved keeps its inspector as it is (a drag does not re-render the form).
  const node = useGraphWithEquality(
    (state) => state.document.nodes.find((entry) => entry.id === selectedNodeId),
    (a, b) => a === b || (a !== undefined && b !== undefined && a.id === b.id && a.kind === b.kind && a.label === b.label && a.config === b.config),
  );
  if (!node) return <PipelineSettings />;
  return <NodeInspector key={node.id} node={node} problems={problems.filter((problem) => problem.nodeId === node.id)} onDelete={() => onDeleteNode(node.id)} />;
}
