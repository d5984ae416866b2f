import { describeSample } from '../descriptive.ts';
import { finiteOrNull } from '../finite.ts';
import { wilsonInterval } from '../proportions.ts';
import type { CollectedTrials } from './collect-trials.ts';
import type { ArmInput, ArmSummary, MetricSummary } from './types.ts';

/** Per-arm summaries of every metric, over rows with repeats averaged. */
export function describeArms(arms: readonly ArmInput[], collected: CollectedTrials): ArmSummary[] {
  return arms.map((arm) => {
    const counts = collected.arms.get(arm.id)!;
    const metrics: Record<string, MetricSummary> = {};
    for (const { description, byArm } of collected.metrics) {
      const values = byArm.get(arm.id)!;
      const summary: MetricSummary = { ...describeSample(values.values), trials: values.trials, missing: values.missing };
      if (description.kind === 'pass') {
        const passes = values.values.reduce((sum, value) => sum + value, 0);
        summary.passRate = values.values.length > 0 ? finiteOrNull(passes / values.values.length) : null;
        summary.wilson95 = wilsonInterval(passes, values.values.length);
      }
      metrics[description.name] = summary;
    }
    return {
      id: arm.id,
      ...(arm.label === undefined ? {} : { label: arm.label }),
      n: counts.trials,
      completed: counts.completed,
      failed: counts.failed,
      failureRate: counts.trials > 0 ? counts.failed / counts.trials : null,
      rows: counts.rows,
      metrics,
    };
  });
}
