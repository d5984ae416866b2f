import { Handle, Position } from '@xyflow/react';
import { handlesOf } from '../nodes/node-registry.ts';
import { loopHandles } from './to-react-flow.ts';

const hidden = { opacity: 0, pointerEvents: 'none', width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0 } as const;

/** The connection points of a node card: one target on the left, the kind's sources on the right. */
export function NodeHandles({ nodeId, kind, readOnly }: { nodeId: string; kind: string; readOnly: boolean }) {
  const handles = handlesOf(kind);
  const named = handles.sources.filter((source): source is string => source !== null);
  return (
    <>
      {handles.target ? (
        <Handle type="target" position={Position.Left} isConnectable={!readOnly} data-testid={`handle-target-${nodeId}`} />
      ) : null}
      {handles.sources.includes(null) ? (
        <Handle type="source" position={Position.Right} isConnectable={!readOnly} data-testid={`handle-source-${nodeId}`} />
      ) : null}
      {named.map((source, index) => {
        const top = `${((index + 1) * 100) / (named.length + 1)}%`;
        return (
          <div key={source}>
            <Handle
              id={source}
              type="source"
              position={Position.Right}
              isConnectable={!readOnly}
              style={{ top }}
              data-testid={`handle-source-${nodeId}-${source}`}
            />
            <span className="pointer-events-none absolute right-2 -translate-y-1/2 text-[10px] font-medium text-zinc-400" style={{ top }}>
              {source}
            </span>
          </div>
        );
      })}
      {/* Anchors for the derived validator loop edge; never connectable by hand. */}
      <Handle id={loopHandles.target} type="target" position={Position.Top} isConnectable={false} style={hidden} />
      <Handle id={loopHandles.source} type="source" position={Position.Top} isConnectable={false} style={hidden} />
    </>
  );
}
