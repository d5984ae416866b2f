import { ArrowDownRight, RotateCcw, Undo2 } from 'lucide-react';
import type { StepView } from '@tandem/engine';
import { DetailSection } from '../nodes/detail-section.tsx';
import { Badge } from '../ui/badge.tsx';
import { cn } from '../ui/cn.ts';
import { StepStatusBadge } from '../ui/status-badge.tsx';
import { formatDuration } from '../ui/format.ts';
import { attemptOutcomes, type AttemptOutcome, type RetryRecord } from './attempt-outcomes.ts';

function outcomeOf(attempt: AttemptOutcome): string {
  return attempt.rejection ? 'rejected' : attempt.status;
}

function ProviderRetry({ retry }: { retry: RetryRecord }) {
  return (
    <p className="mt-1.5 flex gap-1.5 text-xs text-amber-800" data-testid="attempt-retry">
      <RotateCcw className="mt-0.5 size-3 shrink-0" />
      <span>
        {retry.fallback ? 'Fell back' : 'Retried'}
        {retry.model ? <> with <span className="font-mono">{retry.model}</span></> : null}
        {retry.delayMs > 0 ? ` after ${formatDuration(retry.delayMs)}` : ''}: {retry.reason}
      </span>
    </p>
  );
}

function AttemptCard({ attempt }: { attempt: AttemptOutcome }) {
  const { rejection } = attempt;
  return (
    <li
      className={cn('rounded-md border px-3 py-2 text-[13px]', rejection ? 'border-red-200 bg-red-50/30' : 'border-zinc-200', attempt.fallbackModel && 'border-violet-300')}
      data-testid="step-attempt"
      data-attempt={attempt.attempt}
      data-outcome={outcomeOf(attempt)}
      data-fallback={attempt.fallbackModel ? 'true' : undefined}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold text-zinc-700">Attempt {attempt.attempt}</span>
        {rejection ? (
          <Badge tone="red" data-testid="attempt-status">Rejected</Badge>
        ) : (
          <span data-testid="attempt-status">
            <StepStatusBadge status={attempt.status} />
          </span>
        )}
        {attempt.fallbackModel ? <Badge tone="violet" data-testid="attempt-fallback">Fallback model</Badge> : null}
        {attempt.finishedAt ? <span className="ml-auto text-[11px] text-zinc-400">{formatDuration(attempt.finishedAt - attempt.startedAt)}</span> : null}
      </div>
      {attempt.model ? (
        <p className="mt-1 font-mono text-[11px] break-all text-zinc-500" data-testid="attempt-model">
          {attempt.model}
        </p>
      ) : null}
      {attempt.error ? <p className="mt-1.5 text-xs text-red-700">{attempt.error.message}</p> : null}
      {attempt.retries.map((retry) => (
        <ProviderRetry key={retry.seq} retry={retry} />
      ))}
      {rejection ? (
        <div className="mt-1.5 space-y-1 text-xs" data-testid="attempt-rejection">
          <p className="text-red-800">
            <span className="font-medium">Rejected by {rejection.validator}: </span>
            <span className="whitespace-pre-wrap">{rejection.reason}</span>
          </p>
          <p className="flex items-center gap-1 text-amber-700">
            {rejection.nextModel ? <ArrowDownRight className="size-3" /> : <Undo2 className="size-3" />}
            {rejection.nextModel ? (
              <>
                Falling back to <span className="font-mono">{rejection.nextModel}</span>
              </>
            ) : (
              `Sent back with these reasons${rejection.delayMs > 0 ? ` after ${formatDuration(rejection.delayMs)}` : ''}`
            )}
          </p>
        </div>
      ) : null}
    </li>
  );
}

/** Attempts 1, 2, 3… with what ended each one: a validator's rejection, a provider retry, a fallback model. */
export function StepAttempts({ step }: { step: StepView }) {
  const attempts = attemptOutcomes(step);
  if (attempts.length <= 1 && attempts.every((attempt) => attempt.retries.length === 0)) return null;
  const rejected = attempts.filter((attempt) => attempt.rejection).length;
  return (
    <DetailSection
      title={`Attempts (${attempts.length})`}
      testId="step-attempts"
      aside={rejected > 0 ? <span className="text-[11px] text-zinc-500">{rejected} rejected by a validator</span> : undefined}
    >
      <ol className="space-y-1.5">
        {attempts.map((attempt) => (
          <AttemptCard key={attempt.attempt} attempt={attempt} />
        ))}
      </ol>
    </DetailSection>
  );
}
