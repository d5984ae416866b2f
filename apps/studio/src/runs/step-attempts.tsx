import type { StepView } from '@tandem/engine';
import { DetailSection } from '../nodes/detail-section.tsx';
import { recordsOfType } from '../nodes/record-data.ts';
import { StepStatusBadge } from '../ui/status-badge.tsx';
import { formatDuration } from '../ui/format.ts';

interface Retrying {
  reason: string;
  delayMs: number;
  model?: string;
  fallback?: boolean;
  /** Set when a validator sent the step back. */
  validator?: string;
}

function retryVerb(retry: Retrying): string {
  if (retry.validator) return `Sent back by ${retry.validator}`;
  return retry.fallback ? 'Fell back' : 'Retried';
}

/** Attempts 1, 2, 3… with why each retry happened (validator feedback or provider errors). */
export function StepAttempts({ step }: { step: StepView }) {
  const retries = recordsOfType<Retrying>(step.records, 'step.retrying');
  if (step.attempts.length <= 1 && retries.length === 0) return null;
  return (
    <DetailSection title={`Attempts (${step.attempts.length})`} testId="step-attempts">
      <ol className="space-y-1.5">
        {step.attempts.map((attempt) => (
          <li key={attempt.attempt} className="rounded-md border border-zinc-200 px-3 py-2 text-[13px]" data-testid="step-attempt">
            <div className="flex items-center gap-2">
              <span className="font-semibold text-zinc-700">#{attempt.attempt}</span>
              <StepStatusBadge status={attempt.status} />
              {attempt.model ? <span className="font-mono text-[11px] text-zinc-500">{attempt.model}</span> : null}
              {attempt.finishedAt ? <span className="ml-auto text-[11px] text-zinc-400">{formatDuration(attempt.finishedAt - attempt.startedAt)}</span> : null}
            </div>
            {attempt.feedback ? (
              <p className="mt-1.5 rounded bg-amber-50 px-2 py-1 text-xs whitespace-pre-wrap text-amber-800">
                <span className="font-medium">Feedback: </span>
                {attempt.feedback}
              </p>
            ) : null}
            {attempt.error ? <p className="mt-1.5 text-xs text-red-700">{attempt.error.message}</p> : null}
          </li>
        ))}
      </ol>
      {retries.length > 0 ? (
        <ul className="space-y-1">
          {retries.map((retry) => (
            <li key={retry.seq} className="text-xs text-amber-800">
              {retryVerb(retry)}
              {retry.model ? (
                <>
                  {' '}
                  with <span className="font-mono">{retry.model}</span>
                </>
              ) : null}
              {retry.delayMs > 0 ? ` after ${formatDuration(retry.delayMs)}` : ''}: {retry.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </DetailSection>
  );
}
