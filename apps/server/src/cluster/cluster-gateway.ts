import { resolve } from 'node:path';
import { createPgGatewayStore, type TandemPostgres } from '@tandem/db';
import { StudioError, type SecretRedactor } from '@tandem/shared';
import { actorOf } from '../access/principal.ts';
import { createEmbedderFromSetting, readGatewayConfigFile } from '../create-tandem-server.ts';
import type { GatewayRoutesContext } from '../gateway/gateway-routes-context.ts';
import type { ModelCatalog } from '../gateway/model-catalog.ts';
import { createModelGateway, loadGatewayState } from '../gateway/model-gateway.ts';
import { createSecretBox, loadSecretKey, type SecretBox } from '../gateway/secret-box.ts';
import { createEventHub } from '../services/event-hub.ts';
import { createMetrics } from '../services/metrics.ts';
import type { ClusterEnv } from './cluster-env.ts';

/** A web node's gateway and what its routes use. */
export interface ClusterGateway extends GatewayRoutesContext {
  /** Writes the pending request log rows and stops the probes. */
  close(): Promise<void>;
}

/** Without TANDEM_SECRET_KEY each node would seal with a key of its own: storing a provider key is refused instead. */
const keylessSecretBox: SecretBox = {
  keySource: 'memory',
  seal() {
    throw new StudioError('VALIDATION_FAILED', 'apiKey: a cluster stores provider keys only when TANDEM_SECRET_KEY is set, the same on every node', { details: { field: 'apiKey' } });
  },
  open() {
    throw new StudioError('INTERNAL', 'A stored provider key cannot be opened: set TANDEM_SECRET_KEY (the one it was sealed with) on every node');
  },
};

/**
 * The model gateway of a cluster web node: the same gateway as the single process, over the Postgres gateway
 * store, so limits, the request log, provider settings and keys and both caches are shared by every node. Pools'
 * breakers and providers' health stay per process. Settings another node changed are read again when older than
 * `TANDEM_GATEWAY_SETTINGS_MAX_AGE_MS`.
 */
export async function createClusterGateway(options: {
  postgres: TandemPostgres;
  env: ClusterEnv;
  base: ModelCatalog;
  secrets: SecretRedactor;
  /** Provider settings (keys, base URLs); default process.env. */
  providerEnv?: Record<string, string | undefined>;
}): Promise<ClusterGateway> {
  const { env, secrets } = options;
  const providerEnv = options.providerEnv ?? process.env;
  const store = createPgGatewayStore(options.postgres);
  const secretBox = env.TANDEM_SECRET_KEY ? createSecretBox(loadSecretKey({ secretKey: env.TANDEM_SECRET_KEY, databasePath: ':memory:' }).key, 'TANDEM_SECRET_KEY') : keylessSecretBox;
  const gateway = createModelGateway({
    store,
    initial: await loadGatewayState(store),
    base: options.base,
    secrets,
    metrics: createMetrics(createEventHub()),
    secretBox,
    embedder: createEmbedderFromSetting(env.TANDEM_EMBEDDINGS, providerEnv, secrets),
    env: providerEnv,
    ...(env.TANDEM_GATEWAY_CONFIG ? { fileConfig: readGatewayConfigFile(resolve(env.TANDEM_GATEWAY_CONFIG)) } : {}),
    settingsMaxAgeMs: env.TANDEM_GATEWAY_SETTINGS_MAX_AGE_MS,
  });
  await gateway.ready();
  return {
    gateway,
    models: gateway.models,
    // The audit log of changes to pools and providers, as one JSON line per change on the node's output.
    access: {
      audit: (principal, action, target, details) => console.info(JSON.stringify({ audit: { at: Date.now(), actor: actorOf(principal), action, ...(target !== undefined ? { target } : {}), ...(details !== undefined ? { details } : {}) } })),
    },
    close: () => gateway.close(),
  };
}
