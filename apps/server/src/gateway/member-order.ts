import type { PoolStrategy } from '@tandem/shared';

/** What the ordering reads of a member. */
interface Orderable {
  weight: number;
  latencyMs?: number;
}

/**
 * The order in which a call tries a pool's members: `priority` as listed (failover);
 * `weighted` a weighted draw without replacement (each member first with probability weight / total);
 * `least-latency` by the moving average of time to first token, members not measured yet first.
 */
export function orderMembers<Member extends Orderable>(strategy: PoolStrategy, members: readonly Member[], random: () => number): Member[] {
  if (strategy === 'priority') return [...members];
  if (strategy === 'least-latency') {
    return members
      .map((member, index) => ({ member, index }))
      .sort((a, b) => (a.member.latencyMs ?? -1) - (b.member.latencyMs ?? -1) || a.index - b.index)
      .map(({ member }) => member);
  }
  const remaining = [...members];
  const ordered: Member[] = [];
  while (remaining.length > 0) {
    const total = remaining.reduce((sum, member) => sum + member.weight, 0);
    let draw = random() * total;
    let index = remaining.findIndex((member) => (draw -= member.weight) < 0);
    if (index === -1) index = remaining.length - 1;
    ordered.push(...remaining.splice(index, 1));
  }
  return ordered;
}
