import { describe, expect, it } from 'vitest';
import { foldRunState, type StepView } from '@tandem/engine';
import type { PipelineNode, RunEvent } from '@tandem/shared';
import { critiqueProgress, critiqueProgressLabel } from './critique-progress.ts';

const node: PipelineNode = { id: 'answer', kind: 'critique', position: { x: 0, y: 0 }, config: { rounds: 2, enabled: true } };

/** The log of a critique step up to a point: started, then finished calls and deltas of the call under way. */
function stepAfter(finishedCalls: ('primary' | 'secondary')[], streaming?: 'primary' | 'secondary', rounds = 0): StepView {
  let seq = 0;
  const event = (type: string, data: Record<string, unknown>) => ({ runId: 'r', seq: ++seq, ts: seq, type, nodeId: 'answer', attempt: 1, data }) as RunEvent;
  const events: RunEvent[] = [{ runId: 'r', seq: ++seq, ts: 0, type: 'run.started', data: { pipelineId: 'p', inputs: {} } }, event('step.started', { kind: 'critique' })];
  finishedCalls.forEach((role) => events.push(event('llm.call', { role, model: 'sim:a', prompt: 'p', output: 'o', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, costUsd: 0, cached: false })));
  for (let round = 1; round <= rounds; round++) events.push(event('critique.round', { round, draft: 'd', guidance: 'g' }));
  if (streaming) events.push(event('step.delta', { role: streaming, text: 'tok' }));
  return foldRunState(events).steps.answer!;
}

describe('critiqueProgress', () => {
  it('follows the first draft, each review and each refinement', () => {
    expect(critiqueProgressLabel(critiqueProgress(stepAfter([], 'primary'), node)!)).toBe('first draft · writer drafting');
    expect(critiqueProgressLabel(critiqueProgress(stepAfter(['primary'], 'secondary'), node)!)).toBe('round 1 of 2 · critic reviewing');
    expect(critiqueProgressLabel(critiqueProgress(stepAfter(['primary', 'secondary'], 'primary'), node)!)).toBe('round 1 of 2 · writer refining');
    expect(critiqueProgressLabel(critiqueProgress(stepAfter(['primary', 'secondary', 'primary'], undefined, 1), node)!)).toBe('round 2 of 2 · critic reviewing');
  });

  it('says nothing once the step has finished', () => {
    const step = { ...stepAfter(['primary']), status: 'succeeded' as const };
    expect(critiqueProgress(step, node)).toBeUndefined();
  });
});
