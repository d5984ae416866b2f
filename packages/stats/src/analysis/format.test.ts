import { describe, expect, it } from 'vitest';
import { formatAmount, formatInterval, formatNumber, formatP } from './format.ts';

describe('formatting for the recommendation', () => {
  it('keeps about two significant digits', () => {
    expect(formatNumber(0.8123)).toBe('0.81');
    expect(formatNumber(12.345)).toBe('12');
    expect(formatNumber(0.00042)).toBe('0.00042');
    expect(formatNumber(1250.4)).toBe('1,250');
    expect(formatNumber(5.5e306)).toBe('5.5e+306');
  });

  it('speaks in the metric units', () => {
    expect(formatAmount(0.8, 'score')).toBe('0.8 points');
    expect(formatAmount(1, 'score')).toBe('1 point');
    expect(formatAmount(-0.125, 'pass')).toBe('13 percentage points');
    expect(formatAmount(120, 'latency')).toBe('120 ms');
    expect(formatAmount(0.0004, 'cost')).toBe('$0.0004');
    expect(formatInterval([-0.05, 0.1], 'pass')).toBe('-5 to 10');
  });

  it('writes small p-values as an upper bound', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.0213)).toBe('p = 0.021');
  });
});
