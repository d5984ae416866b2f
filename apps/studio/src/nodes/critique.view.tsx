import type { NodeView, StepDetailProps } from './node-view.ts';
import { DetailSection, TextBlock } from './detail-section.tsx';
import { recordsOfType, textOf } from './record-data.ts';
import { WordDiff } from './word-diff.tsx';
import { critiqueProgress, critiqueProgressLabel } from './critique-progress.ts';

interface CritiqueRound {
  round: number;
  draft: string;
  guidance: string;
  refined?: string;
}

/** Critique rounds: each draft, the critic's guidance, and what changed in the next draft. */
function CritiqueRounds({ step, node }: StepDetailProps) {
  const rounds = recordsOfType(step, 'critique.round').filter((round) => round.stepAttempt === undefined || round.stepAttempt === step.attempt);
  const planned = node?.config.enabled === false ? 0 : typeof node?.config.rounds === 'number' ? node.config.rounds : undefined;
  const running = step.status === 'running';
  const pending = running && (planned === undefined || rounds.length < planned) ? rounds.length + 1 : undefined;
  if (rounds.length === 0 && pending === undefined) return null;
  const finalText = textOf((step.output as { text?: unknown } | undefined)?.text);
  const role = step.streamingRole;
  // Calls finished in this attempt: the first draft, then a review and a refinement per round.
  const callsDone = step.calls.filter((call) => call.attempt === step.attempt).length;
  return (
    <DetailSection title={planned !== undefined ? `Critique rounds (${rounds.length} of ${planned})` : `Critique rounds (${rounds.length})`} testId="critique-rounds">
      <ol className="space-y-3">
        {rounds.map((round, index) => {
          const next = rounds[index + 1]?.draft ?? round.refined ?? (index === rounds.length - 1 ? finalText : undefined);
          return (
            <li key={round.seq} className="space-y-2 rounded-md border border-zinc-200 p-3" data-testid="critique-round">
              <p className="text-xs font-semibold text-zinc-700">Round {round.round}</p>
              <div>
                <p className="mb-1 text-[11px] text-zinc-500">Draft (primary)</p>
                <TextBlock>{round.draft}</TextBlock>
              </div>
              <div>
                <p className="mb-1 text-[11px] text-zinc-500">Guidance (secondary)</p>
                <TextBlock className="border-amber-200 bg-amber-50/60" testId="critique-guidance">{round.guidance}</TextBlock>
              </div>
              {next !== undefined && next !== '' ? (
                <div>
                  <p className="mb-1 text-[11px] text-zinc-500">
                    {rounds[index + 1] ? `Changes in round ${rounds[index + 1]!.round}` : running ? `Changes in the refined answer of round ${round.round}` : 'Changes in the final answer'}
                  </p>
                  <div className="rounded-md border border-zinc-200 bg-white px-3 py-2">
                    <WordDiff before={round.draft} after={next} />
                  </div>
                </div>
              ) : null}
            </li>
          );
        })}
        {pending !== undefined ? (
          <li className="flex items-center gap-2 rounded-md border border-dashed border-blue-200 bg-blue-50/40 px-3 py-2 text-xs text-blue-800" data-testid="critique-round-pending">
            <span className="size-1.5 animate-pulse rounded-full bg-blue-500" />
            Round {pending}:{' '}
            {callsDone === 0 ? 'the primary model writes the first draft…' : (role ?? (callsDone % 2 === 1 ? 'secondary' : 'primary')) === 'secondary' ? 'the secondary model reviews the draft…' : 'the primary model refines the draft…'}
          </li>
        ) : null}
      </ol>
    </DetailSection>
  );
}

export const critiqueNodeView: NodeView = {
  StepDetail: CritiqueRounds,
  liveStatus: (step, node) => {
    const progress = critiqueProgress(step, node);
    return progress ? critiqueProgressLabel(progress) : undefined;
  },
};
