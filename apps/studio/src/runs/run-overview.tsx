import { AlertTriangle, CheckCircle2 } from 'lucide-react';
import type { RunState } from '@tandem/engine';
import type { RunView } from '@tandem/shared';
import { DetailSection, TextBlock } from '../nodes/detail-section.tsx';
import { formatCost, formatCount, formatValue } from '../ui/format.ts';

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

/** The run as a whole (shown when no step is selected): outputs when done, the error, inputs, totals. */
export function RunOverview({ view, run }: { view: RunView; run: RunState }) {
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
              <TextBlock className="max-h-[28rem] bg-white text-[12.5px]">{formatValue(value)}</TextBlock>
            </div>
          ))}
        </DetailSection>
      ) : null}
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
      {status !== 'completed' && !error ? <p className="text-[13px] text-zinc-500">Select a node or a timeline row to see its step. Outputs appear here when the run completes.</p> : null}
      <DetailSection title="Inputs">
        <TextBlock>{formatValue(view.inputs)}</TextBlock>
      </DetailSection>
      <DetailSection title="Totals">
        <dl className="grid grid-cols-4 gap-2 text-[11px]">
          {[
            ['Calls', formatCount(sum.calls)],
            ['Tokens in', formatCount(sum.inputTokens)],
            ['Tokens out', formatCount(sum.outputTokens)],
            ['Cost', formatCost(sum.costUsd)],
          ].map(([label, value]) => (
            <div key={label} className="rounded bg-zinc-50 px-2 py-1">
              <dt className="text-zinc-500">{label}</dt>
              <dd className="font-medium text-zinc-800 tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      </DetailSection>
    </div>
  );
}
