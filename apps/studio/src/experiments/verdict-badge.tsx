import type { Verdict } from '@tandem/stats';
import { Badge, type BadgeTone } from '../ui/badge.tsx';

const tones: Record<Verdict, BadgeTone> = {
  better: 'green',
  worse: 'red',
  'no detectable difference': 'neutral',
  'not enough data': 'amber',
};

/** A comparison's verdict as a coloured pill. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <Badge tone={tones[verdict]} data-testid="verdict" data-verdict={verdict}>
      {verdict}
    </Badge>
  );
}
