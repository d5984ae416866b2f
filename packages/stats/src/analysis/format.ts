import type { MetricKind, TestName } from './types.ts';

const testNames: Record<TestName, string> = {
  'paired-t': 'paired t-test',
  wilcoxon: 'Wilcoxon signed-rank test',
  'sign-test': 'exact sign test',
  'mcnemar-exact': 'exact McNemar test',
  'welch-t': "Welch's t-test",
  'mann-whitney': 'Mann–Whitney test',
  'two-proportion-z': 'two-proportion z-test',
};

/** The plain name of a test. */
export function describeTest(test: TestName): string {
  return testNames[test];
}

/** A number with about two significant digits after the leading ones (0.8, 12, 0.00042, 1,250). */
export function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude >= 1e7 || magnitude < 1e-6) return value.toPrecision(2);
  if (magnitude >= 100) return Math.round(value).toLocaleString('en');
  const digits = Math.max(0, Math.min(6, 1 - Math.floor(Math.log10(magnitude))));
  return Number(value.toFixed(digits)).toString();
}

/** An amount in the metric's units: points, percentage points, ms, dollars or tokens. */
export function formatAmount(value: number, kind: MetricKind): string {
  const magnitude = Math.abs(value);
  switch (kind) {
    case 'pass':
      return `${formatNumber(magnitude * 100)} percentage points`;
    case 'latency':
      return `${formatNumber(magnitude)} ms`;
    case 'cost':
      return `$${formatNumber(magnitude)}`;
    case 'tokens':
      return `${formatNumber(magnitude)} tokens`;
    case 'score':
      return `${formatNumber(magnitude)} point${magnitude === 1 ? '' : 's'}`;
  }
}

/** An interval in the metric's units, signed (arm − baseline). */
export function formatInterval([low, high]: [number, number], kind: MetricKind): string {
  const scale = kind === 'pass' ? 100 : 1;
  return `${formatNumber(low * scale)} to ${formatNumber(high * scale)}`;
}

/** "p = 0.004" or "p < 0.001". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${Number(p.toPrecision(2)).toString()}`;
}

/** A relative difference as "12 %". */
export function formatPercent(relative: number): string {
  return `${formatNumber(Math.abs(relative) * 100)} %`;
}
