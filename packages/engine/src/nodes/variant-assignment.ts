import { hashToUnit } from '../runtime/stable-hash.ts';

/** What assignment needs to know about a variant. */
export interface WeightedVariant {
  id: string;
  weight: number;
}

/**
 * Picks the variant whose slice of the cumulative weights holds `unit`
 * (a number in [0, 1)). Variants with weight 0 are never picked. Undefined
 * when every weight is 0.
 */
export function pickWeighted<Variant extends WeightedVariant>(variants: readonly Variant[], unit: number): Variant | undefined {
  const total = variants.reduce((sum, variant) => sum + Math.max(0, variant.weight), 0);
  if (!(total > 0)) return undefined;
  const target = unit * total;
  let cumulative = 0;
  let last: Variant | undefined;
  for (const variant of variants) {
    if (!(variant.weight > 0)) continue;
    cumulative += variant.weight;
    last = variant;
    if (target < cumulative) return variant;
  }
  return last;
}

/**
 * The number a split assignment is drawn from. With a key (e.g. a user id)
 * it depends only on the key, the pipeline and the node, so the same user
 * always sees the same variant; without one it is seeded by the run, so a
 * resumed run picks the same variant again.
 */
export function assignmentUnit(options: { key: string | undefined; pipelineId: string; nodeId: string; runId: string }): number {
  const { key, pipelineId, nodeId, runId } = options;
  return key ? hashToUnit(`${key}:${pipelineId}:${nodeId}`) : hashToUnit(runId + nodeId);
}
