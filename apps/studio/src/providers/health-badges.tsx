import type { BreakerState, ProvidersView } from '@tandem/shared';
import { Badge, type BadgeTone } from '../ui/badge.tsx';

const breakerTones: Record<BreakerState, BadgeTone> = { closed: 'green', 'half-open': 'amber', open: 'red' };
const breakerLabels: Record<BreakerState, string> = { closed: 'closed', 'half-open': 'half-open (probing)', open: 'open' };

/** A pool member's circuit breaker: closed (taking calls), open (skipped), half-open (one probe). */
export function BreakerBadge({ state }: { state: BreakerState }) {
  return (
    <Badge tone={breakerTones[state]} data-testid="breaker-state" data-state={state}>
      {breakerLabels[state]}
    </Badge>
  );
}

type Health = ProvidersView['providers'][number]['health'];
const healthTones: Record<Health['status'], BadgeTone> = { ok: 'green', degraded: 'amber', down: 'red', unknown: 'neutral' };
const healthLabels: Record<Health['status'], string> = { ok: 'healthy', degraded: 'degraded', down: 'down', unknown: 'no calls yet' };

/** A provider's passive health, from the outcomes of its recent calls. */
export function HealthBadge({ health }: { health: Health }) {
  return (
    <Badge tone={healthTones[health.status]} data-testid="provider-health" data-status={health.status} title={health.lastError}>
      {healthLabels[health.status]}
    </Badge>
  );
}
