import { ArrowDownRight, CheckCircle2, RotateCcw, XCircle } from 'lucide-react';
import { Badge } from '../ui/badge.tsx';
import type { NodeView, StepDetailProps } from './node-view.ts';
import { DetailSection } from './detail-section.tsx';
import { recordsOfType } from './record-data.ts';

interface ValidateResult {
  attempt: number;
  valid: boolean;
  results: { type: string; passed: boolean; reason?: string }[];
}

/** The checks of each validation attempt, and the retries they ordered. */
function ValidateResults({ step, node }: StepDetailProps) {
  const results = recordsOfType(step, 'validate.result');
  const target = typeof node?.config.target === 'string' ? node.config.target : 'the guarded step';
  const maxRetries = typeof node?.config.maxRetries === 'number' ? node.config.maxRetries : Number.POSITIVE_INFINITY;
  const onFail = node?.config.onFail as { type?: string; model?: string } | undefined;
  const fallbackModel = onFail?.type === 'fallbackModel' ? onFail.model : undefined;
  if (results.length === 0) return null;
  return (
    <DetailSection title={`Validation (${results.length} attempt${results.length === 1 ? '' : 's'})`} testId="validate-results">
      <ol className="space-y-2">
        {results.map((result, index) => {
          const sentBack = !result.valid && index < results.length - 1;
          // Once the retries are used up, the next attempt is the fallback model's.
          const fellBack = sentBack && index >= maxRetries && fallbackModel !== undefined;
          return (
            <li key={result.seq} className="rounded-md border border-zinc-200 p-3" data-testid="validate-attempt" data-attempt={result.attempt} data-valid={result.valid ? 'true' : 'false'}>
              <div className="mb-2 flex items-center gap-2">
                <span className="text-xs font-semibold text-zinc-700">Attempt {result.attempt}</span>
                <Badge tone={result.valid ? 'green' : 'red'}>{result.valid ? 'valid' : 'invalid'}</Badge>
              </div>
              <ul className="space-y-1">
                {(result.results ?? []).map((check, index) => (
                  <li key={index} className="flex items-start gap-2 text-[13px]">
                    {check.passed ? <CheckCircle2 className="mt-0.5 size-3.5 shrink-0 text-emerald-600" /> : <XCircle className="mt-0.5 size-3.5 shrink-0 text-red-600" />}
                    <span className="font-mono text-xs text-zinc-500">{check.type}</span>
                    {check.reason ? <span className="text-zinc-700">{check.reason}</span> : null}
                  </li>
                ))}
              </ul>
              {fellBack ? (
                <p className="mt-2 flex items-start gap-1.5 text-xs text-violet-700" data-testid="validate-fallback">
                  <ArrowDownRight className="mt-px size-3 shrink-0" />
                  <span>
                    Retries used up: <span className="font-mono">{target}</span> runs again on <span className="font-mono break-all">{fallbackModel}</span>
                  </span>
                </p>
              ) : sentBack ? (
                <p className="mt-2 flex items-center gap-1.5 text-xs text-amber-700">
                  <RotateCcw className="size-3" />
                  Sent back to <span className="font-mono">{target}</span> with these reasons
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </DetailSection>
  );
}

export const validateNodeView: NodeView = { StepDetail: ValidateResults };
