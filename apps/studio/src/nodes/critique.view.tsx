import type { NodeView, StepDetailProps } from './node-view.ts';
import { DetailSection, TextBlock } from './detail-section.tsx';
import { recordsOfType, textOf } from './record-data.ts';
import { WordDiff } from './word-diff.tsx';

interface CritiqueRound {
  round: number;
  draft: string;
  guidance: string;
  refined?: string;
}

/** Critique rounds: each draft, the critic's guidance, and what changed in the next draft. */
function CritiqueRounds({ step }: StepDetailProps) {
  const rounds = recordsOfType<CritiqueRound>(step.records, 'critique.round').filter((round) => round.stepAttempt === undefined || round.stepAttempt === step.attempt);
  if (rounds.length === 0) return null;
  const finalText = textOf((step.output as { text?: unknown } | undefined)?.text);
  return (
    <DetailSection title={`Critique rounds (${rounds.length})`} testId="critique-rounds">
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
                <TextBlock className="border-amber-200 bg-amber-50/60">{round.guidance}</TextBlock>
              </div>
              {next !== undefined && next !== '' ? (
                <div>
                  <p className="mb-1 text-[11px] text-zinc-500">{rounds[index + 1] ? `Changes in round ${rounds[index + 1]!.round}` : 'Changes in the final answer'}</p>
                  <div className="rounded-md border border-zinc-200 bg-white px-3 py-2">
                    <WordDiff before={round.draft} after={next} />
                  </div>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </DetailSection>
  );
}

export const critiqueNodeView: NodeView = { StepDetail: CritiqueRounds };
