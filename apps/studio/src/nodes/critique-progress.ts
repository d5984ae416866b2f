import type { StepView } from '@tandem/engine';
import type { PipelineNode } from '@tandem/shared';
import { recordsOfType } from './record-data.ts';

/** Where a running critique step is: its round and who is at work. */
export interface CritiqueProgress {
  /** 0 while the first draft is written, then 1, 2… */
  round: number;
  /** The planned rounds, when the config says. */
  of?: number;
  phase: 'drafting' | 'reviewing' | 'refining';
}

/**
 * The progress of a running critique step, from the run's fold: the current attempt's finished model
 * calls and the role of the call streaming now. A critique calls the primary for a first draft, then
 * per round the secondary (review) and the primary (refinement), so after `n` calls round ⌈n/2⌉ is
 * under way; the `critique.round` records say how many rounds are complete.
 */
export function critiqueProgress(step: StepView, node: PipelineNode | undefined): CritiqueProgress | undefined {
  if (step.status !== 'running') return undefined;
  const completed = recordsOfType(step, 'critique.round').filter((round) => round.stepAttempt === undefined || round.stepAttempt === step.attempt).length;
  const callsDone = step.calls.filter((call) => call.attempt === step.attempt).length;
  const of = node?.config.enabled === false ? 0 : typeof node?.config.rounds === 'number' ? node.config.rounds : undefined;
  const role = step.streamingRole ?? (callsDone === 0 ? 'primary' : callsDone % 2 === 1 ? 'secondary' : 'primary');
  if (callsDone === 0 && role === 'primary') return { round: 0, ...(of !== undefined ? { of } : {}), phase: 'drafting' };
  const round = Math.max(Math.ceil(callsDone / 2), completed + 1, 1);
  return { round, ...(of !== undefined ? { of } : {}), phase: role === 'secondary' ? 'reviewing' : 'refining' };
}

/** The progress as the card says it: "round 1 of 2 · critic reviewing". */
export function critiqueProgressLabel(progress: CritiqueProgress): string {
  if (progress.phase === 'drafting') return 'first draft · writer drafting';
  const round = progress.of !== undefined ? `round ${progress.round} of ${progress.of}` : `round ${progress.round}`;
  return `${round} · ${progress.phase === 'reviewing' ? 'critic reviewing' : 'writer refining'}`;
}
