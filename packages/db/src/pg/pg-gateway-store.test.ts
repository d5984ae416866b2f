import { afterAll, beforeAll, describe } from 'vitest';
import { describeGatewayStoreContract } from '../gateway-store/gateway-store.contract.ts';
import { openPostgres } from './pg-client.ts';
import { createPgGatewayStore } from './pg-gateway-store.ts';
import { createTemporaryPostgres, testPostgresUrl, type TemporaryPostgres } from './pg-test-support.ts';

const serverUrl = testPostgresUrl();

describe.skipIf(!serverUrl)('Postgres gateway store', () => {
  let temporary: TemporaryPostgres;
  beforeAll(async () => {
    temporary = await createTemporaryPostgres(serverUrl!);
  });
  afterAll(async () => {
    await temporary?.drop();
  });

  describeGatewayStoreContract('Postgres', async (now) => {
    const postgres = await openPostgres(temporary.url, { maxConnections: 4 });
    // Each test starts from empty tables (the migrations stay).
    await postgres.pool.query('TRUNCATE rate_limits, model_requests, settings, provider_secrets, completion_cache, cache_stats, semantic_cache');
    return { store: createPgGatewayStore(postgres, { now }), close: () => postgres.close() };
  });
});
