import { Link } from 'react-router';
import { AlertTriangle, CheckCircle2, UserRound } from 'lucide-react';
import type { RunState } from '@tandem/engine';
import type { RunView } from '@tandem/shared';
import { DetailSection, TextBlock } from '../nodes/detail-section.tsx';
import { formatCost, formatCount, formatValue } from '../ui/format.ts';
import { StatGrid } from '../ui/stat-grid.tsx';
import { ForkComparison } from './fork-comparison.tsx';
import { RunFeedback } from './run-feedback.tsx';

function totals(run: RunState) {
  let inputTokens = 0;
  let outputTokens = 0;
  let costUsd = 0;
  let calls = 0;
  for (const step of Object.values(run.steps)) {
    for (const call of step.calls) {
      inputTokens += call.usage?.inputTokens ?? 0;
      outputTokens += call.usage?.outputTokens ?? 0;
      costUsd += call.costUsd ?? 0;
      calls++;
    }
  }
  return { inputTokens, outputTokens, costUsd, calls };
}

/** Person steps the run waits for, each a button that opens the step's answer form. */
function WaitingSteps({ run, onSelect }: { run: RunState; onSelect: (nodeId: string) => void }) {
  const waiting = Object.values(run.steps).filter((step) => step.status === 'waiting');
  if (waiting.length === 0) return null;
  return (
    <DetailSection title="Waiting for a person" testId="run-waiting-steps">
      {waiting.map((step) => {
        const title = step.request?.title;
        return (
          <button
            key={step.nodeId}
            type="button"
            onClick={() => onSelect(step.nodeId)}
            data-testid="run-waiting-step"
            data-node-id={step.nodeId}
            className="flex w-full cursor-pointer items-start gap-2 rounded-md border border-rose-200 bg-rose-50/60 p-3 text-left hover:bg-rose-50"
          >
            <UserRound className="mt-0.5 size-4 shrink-0 text-rose-600" />
            <span className="min-w-0">
              <span className="block text-[13px] font-medium text-zinc-900">{title ?? step.nodeId}</span>
              <span className="block text-xs text-rose-700">
                <span className="font-mono">{step.nodeId}</span> · open to approve, edit or reject
              </span>
            </span>
          </button>
        );
      })}
    </DetailSection>
  );
}

/** The run as a whole (shown when no step is selected): outputs when done, the error, inputs, totals. */
export function RunOverview({ view, run, onSelect }: { view: RunView; run: RunState; onSelect: (nodeId: string) => void }) {
  const status = run.lastSeq > 0 ? run.status : view.status;
  const outputs = run.lastSeq > 0 && run.status === 'completed' ? run.outputs : view.outputs;
  const error = run.error ?? view.error;
  const sum = totals(run);
  return (
    <div className="space-y-5 p-4" data-testid="run-overview">
      {status === 'completed' ? (
        <DetailSection title="Outputs" testId="run-outputs" aside={<CheckCircle2 className="size-4 text-emerald-500" />}>
          {Object.keys(outputs ?? {}).length === 0 ? <p className="text-[13px] text-zinc-500">This run produced no outputs.</p> : null}
          {Object.entries(outputs ?? {}).map(([nodeId, value]) => (
            <div key={nodeId} className="space-y-1" data-testid="run-output" data-output-id={nodeId}>
              <p className="font-mono text-[11px] text-zinc-500">{nodeId}</p>
              <TextBlock className="max-h-[28rem] bg-white text-[12.5px]" testId="run-output-value">{formatValue(value)}</TextBlock>
            </div>
          ))}
        </DetailSection>
      ) : null}
      {view.forkedFrom && status === 'completed' ? <ForkComparison view={{ ...view, status, outputs: outputs ?? {}, forkedFrom: view.forkedFrom }} /> : null}
      {error ? (
        <div className="flex gap-2 rounded-md border border-red-200 bg-red-50 p-3" role="alert" data-testid="run-error">
          <AlertTriangle className="mt-0.5 size-4 shrink-0 text-red-600" />
          <div className="min-w-0">
            <p className="text-[13px] break-words text-red-900">{error.message}</p>
            <p className="mt-0.5 font-mono text-[11px] text-red-700/80">
              {error.code}
              {error.nodeId ? ` · ${error.nodeId}` : ''}
            </p>
          </div>
        </div>
      ) : null}
      {status === 'waiting' ? <WaitingSteps run={run} onSelect={onSelect} /> : null}
      {status === 'cancelled' ? (
        <p className="text-[13px] text-zinc-600" data-testid="run-cancelled-note">
          This run was cancelled before it finished, so it has no outputs. Steps that completed keep their results: select one to see it, or run it again.
        </p>
      ) : status !== 'completed' && !error ? (
        <p className="text-[13px] text-zinc-500">Select a node or a timeline row to see its step. Outputs appear here when the run completes.</p>
      ) : null}
      {view.overrides && !view.experimentId && Object.keys(view.overrides).length > 0 ? (
        <p className="text-xs text-zinc-500" data-testid="run-overrides-note">
          Ran with changes kept on this run only, not saved in the pipeline: {Object.keys(view.overrides).map((nodeId, index) => (
            <span key={nodeId}>
              {index > 0 ? ', ' : ''}
              <span className="font-mono">{nodeId}</span>
            </span>
          ))}
          .
        </p>
      ) : null}
      {view.experimentId ? (
        <p className="text-xs text-zinc-500">
          A trial of{' '}
          <Link to={`/experiments/${view.experimentId}`} className="text-indigo-600 hover:underline" data-testid="run-experiment-link">
            an experiment
          </Link>
        </p>
      ) : null}
      {status === 'completed' || status === 'failed' ? <RunFeedback runId={view.id} /> : null}
      <DetailSection title="Inputs">
        <TextBlock>{formatValue(view.inputs)}</TextBlock>
      </DetailSection>
      <DetailSection title="Totals">
        <StatGrid
          stats={[
            ['Calls', formatCount(sum.calls)],
            ['Tokens in', formatCount(sum.inputTokens)],
            ['Tokens out', formatCount(sum.outputTokens)],
            ['Cost', formatCost(sum.costUsd)],
          ]}
        />
      </DetailSection>
    </div>
  );
}
