import { describe, expect, it } from 'vitest';
import { checkPipeline } from '../graph/check-pipeline.ts';
import { pipeline, runTestPipeline, testRegistry } from '../testing/run-pipeline.ts';
import { planFork } from './fork-plan.ts';
import { foldRunState } from './run-state.ts';

const document = pipeline(
  [
    { id: 'input', kind: 'input' },
    { id: 'draft', kind: 'llm', config: { model: 'fake:a', prompt: '{{input.prompt}}' } },
    { id: 'polish', kind: 'llm', config: { model: 'fake:a', prompt: 'Polish {{draft.text}}' } },
    { id: 'aside', kind: 'llm', config: { model: 'fake:a', prompt: 'Aside {{input.prompt}}' } },
    { id: 'out', kind: 'output', config: { value: '{{polish.text}} / {{aside.text}}' } },
  ],
  [['input', 'draft'], ['draft', 'polish'], ['input', 'aside'], ['polish', 'out'], ['aside', 'out']],
);

function planOf() {
  const check = checkPipeline(document, testRegistry);
  if (!check.ok) throw new Error('invalid');
  return check.plan;
}

describe('forking a run from a step', () => {
  it('reuses the parent’s outputs upstream and beside, runs the step and what follows it again, with no model call for reused steps', async () => {
    const parent = await runTestPipeline(document, { inputs: { prompt: 'tandems' } });
    const state = foldRunState(parent.events);
    const reused = planFork(planOf(), state, 'run-1', ['polish']);
    expect([...reused.keys()].sort()).toEqual(['aside', 'draft', 'input']);
    expect(reused.get('draft')).toEqual({ output: state.steps.draft!.output, runId: 'run-1', seq: state.steps.draft!.completedSeq });

    const fork = await runTestPipeline(document, { runId: 'run-2', inputs: { prompt: 'tandems' }, reused, forkedFrom: { runId: 'run-1', nodeId: 'polish' } });
    expect(fork.outcome.status).toBe('completed');
    const calls = fork.events.filter((event) => event.type === 'llm.call').map((event) => event.nodeId);
    expect(calls).toEqual(['polish']);
    const folded = foldRunState(fork.events);
    expect(folded.steps.draft).toMatchObject({ status: 'succeeded', reusedFrom: { runId: 'run-1' } });
    expect(folded.steps.polish!.reusedFrom).toBeUndefined();
    expect(fork.events[0]).toMatchObject({ type: 'run.started', data: { forkedFrom: { runId: 'run-1', nodeId: 'polish' } } });
    expect(fork.outcome.outputs).toEqual(parent.outcome.outputs);
  });

  it('points a fork of a fork at the run that computed each output', async () => {
    const parent = await runTestPipeline(document, { inputs: { prompt: 'x' } });
    const first = await runTestPipeline(document, { runId: 'run-2', inputs: { prompt: 'x' }, reused: planFork(planOf(), foldRunState(parent.events), 'run-1', ['polish']) });
    const second = planFork(planOf(), foldRunState(first.events), 'run-2', ['out']);
    expect(second.get('draft')!.runId).toBe('run-1');
    expect(second.get('polish')!.runId).toBe('run-2');
  });

  it('runs fresh what the parent never completed', async () => {
    const parent = await runTestPipeline(document, { inputs: { prompt: 'x' } });
    const partial = parent.events.filter((event) => !(event.nodeId === 'aside' && event.type === 'step.completed'));
    expect(planFork(planOf(), foldRunState(partial), 'run-1', ['polish']).has('aside')).toBe(false);
  });
});
