import type { PipelinePlan } from '../graph/check-pipeline.ts';
import type { RunState } from './run-state.ts';

/** A step a fork does not run: its output comes from the parent run's log. */
export interface ReusedStep {
  output: unknown;
  /** The parent run and the seq of the `step.completed` event that recorded the output. */
  runId: string;
  seq: number;
}

/**
 * Which steps of a fork reuse the parent run's outputs. Every step that runs fresh is listed in
 * `fresh` (the step forked from, steps whose config changed, the input node when the inputs
 * changed); they and everything that depends on them run again. The others reuse their output from
 * the parent when it completed them (from its fold: `state.steps[id]`); a step the parent itself
 * reused points at the run that computed it.
 *
 * @example
 * planFork(plan, foldRunState(parentEvents), 'parent-id', ['answer']); // Map { 'input' => {…}, 'draft' => {…} }
 */
export function planFork(plan: PipelinePlan, parent: RunState, parentRunId: string, fresh: readonly string[]): Map<string, ReusedStep> {
  const dependents = new Map<string, string[]>();
  for (const [nodeId, deps] of plan.dependencies) for (const dep of deps) dependents.set(dep, [...(dependents.get(dep) ?? []), nodeId]);
  // A validator guarding a step that runs again must check the new output; its readers follow from the dependencies.
  for (const [target, validators] of plan.guards) for (const validator of validators) dependents.set(target, [...(dependents.get(target) ?? []), validator]);
  const rerun = new Set<string>();
  const queue = [...fresh];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (rerun.has(id)) continue;
    rerun.add(id);
    queue.push(...(dependents.get(id) ?? []));
  }
  const reused = new Map<string, ReusedStep>();
  for (const nodeId of plan.order) {
    const step = parent.steps[nodeId];
    if (rerun.has(nodeId) || !step?.completed || step.completedSeq === undefined) continue;
    reused.set(nodeId, { output: step.output, ...(step.reusedFrom ?? { runId: parentRunId, seq: step.completedSeq }) });
  }
  return reused;
}
