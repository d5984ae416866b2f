import type { OutputKind } from '@tandem/engine';

/**
 * How long the simulator's answers typically are, in tokens, by kind: a
 * prose answer (an explanation, steps; a brief one is about half), a
 * critic's guidance list, what one refinement adds to its draft, a judge's
 * verdict. Measured over the simulator's own answers (the test beside this
 * file keeps them true); estimates use them to predict a run's duration.
 */
export const simOutputTokens: Readonly<Record<OutputKind, number>> = {
  answer: 88,
  guidance: 45,
  refinement: 47,
  judgement: 30,
};
