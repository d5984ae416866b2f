import { Link } from 'react-router';
import { DetailSection } from './detail-section.tsx';
import type { NodeView, StepDetailProps } from './node-view.ts';

/** A `pipeline` step's child run: its whole trace is one click away. */
function ChildRunDetail({ step }: StepDetailProps) {
  const runId = (step.output as { runId?: unknown } | undefined)?.runId;
  if (typeof runId !== 'string') return null;
  return (
    <DetailSection title="Child run" testId="child-run">
      <Link to={`/runs/${runId}`} className="font-mono text-[12px] text-indigo-600 hover:underline" data-testid="child-run-link">
        Open the child run’s trace ({runId.slice(0, 8)}…)
      </Link>
    </DetailSection>
  );
}

export const pipelineNodeView: NodeView = { StepDetail: ChildRunDetail };
