import { createRepositories } from '../index.ts';
import { createSqliteRunStore } from '../run-store/sqlite-run-store.ts';
import { openTemporaryDatabase } from '../test-support.ts';
import { describeExperimentStoreContract } from './experiment-store.contract.ts';
import { createSqliteExperimentStore } from './sqlite-experiment-store.ts';

describeExperimentStoreContract('SQLite', async () => {
  const temporary = openTemporaryDatabase();
  return {
    store: createSqliteExperimentStore(createRepositories(temporary.database)),
    runs: createSqliteRunStore(temporary.database),
    close: async () => temporary.cleanup(),
  };
});
