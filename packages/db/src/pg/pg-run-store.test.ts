import { afterAll, beforeAll, describe } from 'vitest';
import { describeRunHistoryContract } from '../run-store/run-history.contract.ts';
import { describeRunStoreContract } from '../run-store/run-store.contract.ts';
import { openPostgres } from './pg-client.ts';
import { createPgRunStore } from './pg-run-store.ts';
import { createTemporaryPostgres, testPostgresUrl, type TemporaryPostgres } from './pg-test-support.ts';

const serverUrl = testPostgresUrl();

describe.skipIf(!serverUrl)('Postgres run store', () => {
  let temporary: TemporaryPostgres;
  beforeAll(async () => {
    temporary = await createTemporaryPostgres(serverUrl!);
  });
  afterAll(async () => {
    await temporary?.drop();
  });

  const open = async () => {
    const postgres = await openPostgres(temporary.url, { maxConnections: 4 });
    // Each test starts from empty tables (the migrations stay).
    await postgres.pool.query('TRUNCATE pipelines, pipeline_versions, runs, run_events, waitpoints, run_feedback CASCADE');
    return { store: createPgRunStore(postgres), close: () => postgres.close() };
  };
  describeRunStoreContract('Postgres', open);
  describeRunHistoryContract('Postgres', open);
});
