import type { ProvidersView } from '@tandem/shared';

type Health = ProvidersView['providers'][number]['health'];

/**
 * Passive health per provider, from the outcomes of real calls (gateway requests and the model
 * calls of runs): the last 20 outcomes, the last error, a moving average of latency. Live state of
 * this process; what is charted over time comes from the request log in the database.
 */
export function createProviderHealth() {
  const byProvider = new Map<string, { outcomes: boolean[]; calls: number; failures: number; lastError?: string; latencyMs?: number }>();
  return {
    /** Records one call of `provider`: succeeded or not, how long it took, why it failed. */
    record(provider: string, outcome: { ok: boolean; latencyMs?: number; error?: string }): void {
      let entry = byProvider.get(provider);
      if (!entry) byProvider.set(provider, (entry = { outcomes: [], calls: 0, failures: 0 }));
      entry.calls++;
      entry.outcomes.push(outcome.ok);
      if (entry.outcomes.length > 20) entry.outcomes.shift();
      if (!outcome.ok) {
        entry.failures++;
        if (outcome.error) entry.lastError = outcome.error.slice(0, 300);
      }
      if (outcome.ok && outcome.latencyMs !== undefined) entry.latencyMs = entry.latencyMs === undefined ? outcome.latencyMs : entry.latencyMs * 0.7 + outcome.latencyMs * 0.3;
    },
    /** `unknown` before any call; `down` when the last five failed; `degraded` when a fifth or more of the recent ones did. */
    of(provider: string): Health {
      const entry = byProvider.get(provider);
      if (!entry) return { status: 'unknown', calls: 0, failures: 0 };
      const recent = entry.outcomes;
      const failed = recent.filter((ok) => !ok).length;
      const lastFive = recent.slice(-5);
      const status = lastFive.length === 5 && lastFive.every((ok) => !ok) ? 'down' : failed / recent.length >= 0.2 ? 'degraded' : 'ok';
      return {
        status,
        calls: entry.calls,
        failures: entry.failures,
        ...(entry.lastError ? { lastError: entry.lastError } : {}),
        ...(entry.latencyMs !== undefined ? { latencyMs: Math.round(entry.latencyMs) } : {}),
      };
    },
  };
}

export type ProviderHealth = ReturnType<typeof createProviderHealth>;
