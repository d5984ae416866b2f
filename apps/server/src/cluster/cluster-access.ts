import { createPgAccessStore, type SettingsStore, type TandemPostgres } from '@tandem/db';
import type { SecretRedactor } from '@tandem/shared';
import { createAccessService, type AccessService, type AccessSettings } from '../access/access-service.ts';
import { refuseUnprotectedBind } from '../access/bind-check.ts';
import type { ClusterEnv } from './cluster-env.ts';

/**
 * How a web node applies TANDEM_AUTH (ADR 44): as in one process, except that keys from the
 * environment turn access control on (a cluster has always asked for them on every route) and are the
 * operator's keys, with every scope (before accounts, a key could call every route of a web node);
 * and that while no account exists every request asks Postgres again, since another node may have
 * just created the owner.
 */
export function clusterAccessSettings(env: Pick<ClusterEnv, 'TANDEM_AUTH' | 'TANDEM_API_KEYS'>): AccessSettings {
  const environmentKeys = env.TANDEM_API_KEYS;
  return {
    mode: env.TANDEM_AUTH === 'required' || environmentKeys.length > 0 ? 'required' : 'auto',
    environmentKeys,
    environmentKeyScopes: ['studio', 'runs', 'v1', 'admin'],
    accountsRecheckMs: 0,
  };
}

/**
 * The access service of a web node over the cluster's Postgres: creates the owner named by the
 * environment, then refuses (throws) to serve beyond loopback without access control.
 */
export async function createClusterAccess(postgres: TandemPostgres, env: ClusterEnv, secrets: SecretRedactor): Promise<AccessService> {
  if ((env.TANDEM_OWNER_EMAIL === undefined) !== (env.TANDEM_OWNER_PASSWORD === undefined)) {
    throw new Error('Set TANDEM_OWNER_EMAIL and TANDEM_OWNER_PASSWORD together.');
  }
  const access = createAccessService(createPgAccessStore(postgres), secrets, clusterAccessSettings(env));
  if (env.TANDEM_OWNER_EMAIL && env.TANDEM_OWNER_PASSWORD) await access.ensureOwnerFromEnvironment(env.TANDEM_OWNER_EMAIL, env.TANDEM_OWNER_PASSWORD);
  const refusal = refuseUnprotectedBind(env.HOST, (await access.state()).accessControl);
  if (refusal) throw new Error(`${refusal}\nOn a web node, TANDEM_API_KEYS (comma separated) also turns access control on.`);
  return access;
}

/**
 * The hosts HTTP activities of a worker may reach although private: TANDEM_HTTP_ALLOW and the allow-list an
 * owner saved in Settings on any web node, read from Postgres at each request (as the single process reads
 * its settings), so a change applies to the next request of every worker.
 */
export function clusterHttpAllowList(environment: readonly string[], settings: SettingsStore): () => Promise<readonly string[]> {
  return async () => [...environment, ...((await settings.get<string[]>('http.allowList')) ?? [])];
}
