import { openTemporaryDatabase } from '../test-support.ts';
import { describeRunStoreContract } from './run-store.contract.ts';
import { createSqliteRunStore } from './sqlite-run-store.ts';

describeRunStoreContract('SQLite', async () => {
  const temporary = openTemporaryDatabase();
  return { store: createSqliteRunStore(temporary.database), close: async () => temporary.cleanup() };
});
