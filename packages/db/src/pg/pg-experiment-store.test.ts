import { afterAll, beforeAll, describe } from 'vitest';
import { describeExperimentStoreContract } from '../experiment-store/experiment-store.contract.ts';
import { openPostgres } from './pg-client.ts';
import { createPgExperimentStore } from './pg-experiment-store.ts';
import { createPgRunStore } from './pg-run-store.ts';
import { createTemporaryPostgres, testPostgresUrl, type TemporaryPostgres } from './pg-test-support.ts';

const serverUrl = testPostgresUrl();

describe.skipIf(!serverUrl)('Postgres experiment store', () => {
  let temporary: TemporaryPostgres;
  beforeAll(async () => {
    temporary = await createTemporaryPostgres(serverUrl!);
  });
  afterAll(async () => {
    await temporary?.drop();
  });

  describeExperimentStoreContract('Postgres', async () => {
    const postgres = await openPostgres(temporary.url, { maxConnections: 6 });
    // Each test starts from empty tables (the migrations stay).
    await postgres.pool.query('TRUNCATE pipelines, pipeline_versions, runs, run_events, waitpoints, datasets, dataset_versions, dataset_rows, experiments, trials, experiment_events, run_feedback CASCADE');
    return { store: createPgExperimentStore(postgres), runs: createPgRunStore(postgres), close: () => postgres.close() };
  });
});
