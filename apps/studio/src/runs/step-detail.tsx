import { Link } from 'react-router';
import { AlertTriangle, Inbox } from 'lucide-react';
import type { StepView } from '@tandem/engine';
import type { PipelineDocument, PipelineNode } from '@tandem/shared';
import { shortRunId } from '../api/runs.ts';
import { ForkPanel } from './fork-panel.tsx';
import { UserStepForm } from '../inbox/user-step-form.tsx';
import { DetailSection, TextBlock } from '../nodes/detail-section.tsx';
import { viewOf } from '../nodes/index.ts';
import { contextStyleOf } from '../nodes/node-context-style.ts';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { Badge } from '../ui/badge.tsx';
import { formatDuration, formatValue } from '../ui/format.ts';
import { StepStatusBadge } from '../ui/status-badge.tsx';
import { LlmCallCard } from './llm-call-card.tsx';
import { StepAttempts } from './step-attempts.tsx';

export interface StepDetailPanelProps {
  runId: string;
  /** The run's pipeline version, for running again from this step once the run has ended. */
  document?: PipelineDocument | undefined;
  runFinished?: boolean;
  nodeId: string;
  node: PipelineNode | undefined;
  step: StepView | undefined;
  now: number;
}

function WaitingForPerson({ runId, step }: { runId: string; step: StepView }) {
  const waiting = step.request;
  return (
    <DetailSection title="Waiting for a person" testId="step-waiting" aside={<Link to="/inbox" className="flex items-center gap-1 text-xs text-accent-700 hover:underline"><Inbox className="size-3" />Inbox</Link>}>
      <div className="space-y-2 rounded-md border border-rose-200 bg-rose-50/40 p-3">
        {waiting?.title ? <p className="font-medium text-zinc-900">{waiting.title}</p> : null}
        {waiting?.instructions ? <p className="text-[13px] whitespace-pre-wrap text-zinc-700">{waiting.instructions}</p> : null}
        <UserStepForm runId={runId} nodeId={step.nodeId} value={waiting?.value} />
      </div>
    </DetailSection>
  );
}

/** Everything about one step of a run: status, attempts, model calls, kind-specific view, output, error. */
export function StepDetailPanel({ runId, nodeId, node, step, now, document, runFinished = false }: StepDetailPanelProps) {
  const definition = node ? nodeRegistry.get(node.kind) : undefined;
  const style = contextStyleOf(definition?.context);
  const KindView = node ? viewOf(node.kind)?.StepDetail : undefined;
  const duration = step?.startedAt ? (step.finishedAt ?? now) - step.startedAt : undefined;
  return (
    <div className="space-y-5 p-4" data-testid="step-detail" data-node-id={nodeId}>
      <div className="space-y-1.5">
        <div className="flex items-center gap-2">
          <h2 className="truncate font-semibold text-zinc-900">{node?.label || nodeId}</h2>
          <Badge tone={style.badge}>{definition?.displayName ?? node?.kind ?? 'step'}</Badge>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
          <StepStatusBadge status={step?.status ?? 'queued'} />
          {step && step.attempt > 1 ? <span>attempt {step.attempt}</span> : null}
          {duration !== undefined ? <span className="tabular-nums">{formatDuration(duration)}</span> : null}
          {node?.label ? <span className="font-mono">{nodeId}</span> : null}
        </div>
      </div>

      {!step ? <p className="text-[13px] text-zinc-500">This step has not started.</p> : null}

      {step?.reusedFrom ? (
        <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-[13px] text-sky-900" data-testid="step-reused">
          Reused from run{' '}
          <Link to={`/runs/${encodeURIComponent(step.reusedFrom.runId)}`} className="font-mono underline">
            {shortRunId(step.reusedFrom.runId)}
          </Link>
          : this fork did not run it again (no model call).
        </p>
      ) : null}

      {step?.error ? (
        <div className="flex gap-2 rounded-md border border-red-200 bg-red-50 p-3" role="alert" data-testid="step-error">
          <AlertTriangle className="mt-0.5 size-4 shrink-0 text-red-600" />
          <div className="min-w-0">
            <p className="text-[13px] break-words text-red-900">{step.error.message}</p>
            <p className="mt-0.5 font-mono text-[11px] text-red-700/80">{step.error.code}</p>
          </div>
        </div>
      ) : null}

      {step?.status === 'waiting' ? <WaitingForPerson runId={runId} step={step} /> : null}

      {step?.status === 'running' && step.streamingText ? (
        <DetailSection title={step.streamingRole && step.streamingRole !== 'main' ? `Streaming · ${step.streamingRole}` : 'Streaming'} testId="step-streaming">
          <TextBlock className="border-blue-100 bg-blue-50/50">{step.streamingText}</TextBlock>
        </DetailSection>
      ) : null}

      {step && KindView ? <KindView step={step} node={node} /> : null}

      {step ? <StepAttempts step={step} /> : null}

      {step && step.calls.length > 0 ? (
        <DetailSection title={`Model calls (${step.calls.length})`} testId="step-calls">
          <div className="space-y-2">
            {step.calls.map((call) => (
              <LlmCallCard key={call.seq} call={call} />
            ))}
          </div>
        </DetailSection>
      ) : null}

      {step?.output !== undefined ? (
        <DetailSection title="Output" testId="step-output">
          <TextBlock>{formatValue(step.output)}</TextBlock>
        </DetailSection>
      ) : null}

      {runFinished && document && node && nodeRegistry.get(node.kind)?.role !== 'input' ? <ForkPanel key={node.id} runId={runId} document={document} node={node} /> : null}
    </div>
  );
}
