import { describeTest, formatAmount, formatInterval, formatNumber, formatP, formatPercent } from './format.ts';
import { improvement } from './verdict.ts';
import type { ArmSummary, Comparison } from './types.ts';

interface RecommendationInput {
  baseline: string;
  primaryMetric: string | null;
  comparisons: readonly Comparison[];
  arms: readonly ArmSummary[];
}

const labelOf = (arms: readonly ArmSummary[], id: string) => arms.find((arm) => arm.id === id)?.label ?? id;

/** "(95 % CI 0.3 to 1.3, paired t-test, Holm-adjusted p = 0.004)". */
function evidence(comparison: Comparison): string {
  const parts: string[] = [];
  if (comparison.ci95) parts.push(`95 % CI ${formatInterval(comparison.ci95, comparison.kind)}`);
  parts.push(describeTest(comparison.test));
  if (comparison.pAdjusted !== null) parts.push(`${comparison.adjustment === 'holm' ? 'Holm-adjusted ' : ''}${formatP(comparison.pAdjusted)}`);
  return `(${parts.join(', ')})`;
}

/** " at 12 % higher cost", from the arm's cost (or, without cost, latency) comparison. */
function costClause(comparisons: readonly Comparison[], arm: string): string {
  const comparison = comparisons.find((c) => c.arm === arm && c.kind === 'cost') ?? comparisons.find((c) => c.arm === arm && c.kind === 'latency');
  if (!comparison || comparison.relativeDifference === null) return '';
  const what = comparison.kind === 'cost' ? 'cost' : 'latency';
  if (Math.abs(comparison.relativeDifference) < 0.01) return ` at about the same ${what}`;
  return ` at ${formatPercent(comparison.relativeDifference)} ${comparison.relativeDifference > 0 ? 'higher' : 'lower'} ${what}`;
}

function rowsClause(comparison: Comparison): string {
  if (comparison.rowsNeededFor80Power === undefined || !comparison.powerBasis) return '';
  const basis = comparison.powerBasis;
  const unit = comparison.paired ? 'rows' : 'observations per arm';
  const effect =
    basis.source === 'observed' && basis.effect !== null
      ? `the observed ${formatAmount(basis.effect, comparison.kind)} difference`
      : basis.effect !== null
        ? `a ${formatAmount(basis.effect, comparison.kind)} difference`
        : 'a small difference (0.2 standard deviations)';
  return `; about ${comparison.rowsNeededFor80Power.toLocaleString('en')} ${unit} would detect ${effect} with 80 % power`;
}

/** Picks the winner on the primary metric: the arm most clearly better than the baseline and worse on no other quality metric. */
export function chooseWinner(input: RecommendationInput): { winner: string | null; recommendation: string } {
  const { baseline, primaryMetric, comparisons, arms } = input;
  if (primaryMetric === null) return { winner: null, recommendation: 'There are no metrics to compare yet.' };
  const primary = comparisons.filter((c) => c.metric === primaryMetric);
  const baselineLabel = labelOf(arms, baseline);
  if (primary.length === 0) return { winner: null, recommendation: `There is no other arm to compare with ${baselineLabel}.` };
  const gain = (c: Comparison) => improvement(c.difference ?? 0, c.direction);
  const better = primary.filter((c) => c.verdict === 'better').sort((a, b) => gain(b) - gain(a));
  const worseElsewhere = (arm: string) => comparisons.filter((c) => c.arm === arm && c.inAdjustedFamily && c.metric !== primaryMetric && c.verdict === 'worse');
  const winner = better.find((c) => worseElsewhere(c.arm).length === 0);
  if (winner) {
    const name = labelOf(arms, winner.arm);
    const failureNote = failureWarning(arms, winner.arm, baseline);
    return {
      winner: winner.arm,
      recommendation: `${name} beats ${baselineLabel} on ${primaryMetric} by ${formatAmount(winner.difference ?? 0, winner.kind)} ${evidence(winner)}${costClause(comparisons, winner.arm)} — switch to ${name}.${failureNote}`,
    };
  }
  if (better.length > 0) {
    const first = better[0]!;
    const name = labelOf(arms, first.arm);
    const losses = worseElsewhere(first.arm).map((c) => c.metric);
    return {
      winner: null,
      recommendation: `${name} beats ${baselineLabel} on ${primaryMetric} ${evidence(first)} but is worse on ${losses.join(', ')}; there is no clear winner — weigh the trade-off or read the rows where they disagree.`,
    };
  }
  if (primary.every((c) => c.verdict === 'worse')) {
    const mildest = [...primary].sort((a, b) => gain(b) - gain(a))[0]!;
    const others = primary.length === 1 ? labelOf(arms, mildest.arm) : 'every other arm';
    return {
      winner: baseline,
      recommendation: `${baselineLabel} (the baseline) stays ahead: ${others} is worse on ${primaryMetric}${primary.length === 1 ? ` by ${formatAmount(mildest.difference ?? 0, mildest.kind)} ${evidence(mildest)}` : ''} — keep ${baselineLabel}.`,
    };
  }
  const undecided = primary.filter((c) => c.verdict !== 'worse');
  const closest = [...undecided].sort((a, b) => (a.p ?? 2) - (b.p ?? 2))[0]!;
  const name = undecided.length === 1 ? labelOf(arms, closest.arm) : 'the other arms';
  const unit = closest.paired ? (closest.n === 1 ? 'paired row' : 'paired rows') : closest.n === 1 ? 'observation' : 'observations';
  if (closest.verdict === 'not enough data') {
    return { winner: null, recommendation: `Not enough data yet to compare ${name} with ${baselineLabel} on ${primaryMetric} (${closest.n} ${unit})${rowsClause(closest)}.` };
  }
  const observed = closest.difference !== null && closest.difference !== 0 ? ` (observed ${formatSigned(closest)})` : '';
  return { winner: null, recommendation: `No detectable difference between ${name} and ${baselineLabel} on ${primaryMetric} after ${closest.n} ${unit}${observed}${rowsClause(closest)}.` };
}

function formatSigned(comparison: Comparison): string {
  const sign = (comparison.difference ?? 0) > 0 ? '+' : '−';
  return `${sign}${formatAmount(comparison.difference ?? 0, comparison.kind)}`;
}

function failureWarning(arms: readonly ArmSummary[], arm: string, baseline: string): string {
  const armRate = arms.find((a) => a.id === arm)?.failureRate ?? null;
  const baselineRate = arms.find((a) => a.id === baseline)?.failureRate ?? null;
  if (armRate === null || baselineRate === null || armRate - baselineRate < 0.05) return '';
  return ` Note that ${labelOf(arms, arm)} failed ${formatNumber(armRate * 100)} % of its trials (${labelOf(arms, baseline)}: ${formatNumber(baselineRate * 100)} %).`;
}
