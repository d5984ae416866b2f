import { ArrowDownRight, UserRound } from 'lucide-react';
import type { StepView } from '@tandem/engine';

/** The newest streamed tokens of a running step, with the role of the call when it has one (critique: primary / secondary). */
export function StreamingTail({ text, role, status }: { text: string; role?: string | undefined; status?: string | undefined }) {
  const tail = text.length > 180 ? `…${text.slice(-180)}` : text;
  const label = status ?? (role && role !== 'main' ? `${role} streaming` : undefined);
  return (
    <div className="mt-2" data-testid="node-streaming" data-role={role}>
      {label ? <p className="mb-0.5 text-[10px] font-semibold tracking-wide text-blue-700 uppercase" data-testid="node-live-status">{label}</p> : null}
      {/* Bottom-aligned so the newest tokens stay in view while older ones scroll off the top. */}
      <div className="flex max-h-24 flex-col justify-end overflow-hidden rounded border border-blue-100 bg-blue-50/60 px-2 py-1.5">
        <p className="font-mono text-[11px] leading-snug break-words whitespace-pre-wrap text-blue-900">
          {tail}
          <span className="ml-px inline-block h-3 w-1.5 animate-pulse bg-blue-500 align-middle" />
        </p>
      </div>
    </div>
  );
}

/** A person step waiting for an answer: what is asked, and where to answer. */
export function WaitingCallout({ step }: { step: StepView }) {
  const waiting = step.request;
  return (
    <div data-testid="node-waiting" className="mt-2 flex items-start gap-1.5 rounded border border-rose-200 bg-rose-50 px-2 py-1.5 text-[11px] leading-snug text-rose-800">
      <UserRound className="mt-px size-3 shrink-0 animate-pulse" />
      <span className="min-w-0">
        <span className="font-semibold">Waiting for a person</span>
        {waiting?.title ? <span className="block truncate text-rose-700">{waiting.title}</span> : null}
        <span className="block text-rose-600/80">Select to answer, or use the Inbox</span>
      </span>
    </div>
  );
}

/** The model a validator switched the step to, shown under the configured one. */
export function FallbackModelLine({ model }: { model: string }) {
  return (
    <p data-testid="node-fallback-model" className="mb-1 flex items-center gap-1 truncate font-mono text-[11px] text-violet-700" title={`A validator fell back to ${model}`}>
      <ArrowDownRight className="size-3 shrink-0" />
      <span className="rounded bg-violet-50 px-1 font-sans text-[10px] font-semibold">fallback</span>
      <span className="truncate">{model}</span>
    </p>
  );
}
