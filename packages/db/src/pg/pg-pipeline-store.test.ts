import { afterAll, beforeAll, describe } from 'vitest';
import { describePipelineStoreContract } from '../pipeline-store/pipeline-store.contract.ts';
import { openPostgres } from './pg-client.ts';
import { createPgPipelineStore } from './pg-pipeline-store.ts';
import { createTemporaryPostgres, testPostgresUrl, type TemporaryPostgres } from './pg-test-support.ts';

const serverUrl = testPostgresUrl();

describe.skipIf(!serverUrl)('Postgres pipeline store', () => {
  let temporary: TemporaryPostgres;
  beforeAll(async () => {
    temporary = await createTemporaryPostgres(serverUrl!);
  });
  afterAll(async () => {
    await temporary?.drop();
  });

  describePipelineStoreContract('Postgres', async () => {
    const postgres = await openPostgres(temporary.url, { maxConnections: 4 });
    // Each test starts from empty tables (the migrations stay).
    await postgres.pool.query('TRUNCATE pipelines, pipeline_versions, pipeline_drafts CASCADE');
    return { store: createPgPipelineStore(postgres), close: () => postgres.close() };
  });
});
