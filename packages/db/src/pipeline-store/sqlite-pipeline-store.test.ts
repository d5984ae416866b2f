import { openTemporaryDatabase } from '../test-support.ts';
import { describePipelineStoreContract } from './pipeline-store.contract.ts';
import { createSqlitePipelineStore } from './sqlite-pipeline-store.ts';

describePipelineStoreContract('SQLite', async () => {
  const temporary = openTemporaryDatabase();
  return { store: createSqlitePipelineStore(temporary.database), close: async () => temporary.cleanup() };
});
