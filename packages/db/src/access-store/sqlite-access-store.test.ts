import { createRepositories } from '../index.ts';
import { openTemporaryDatabase } from '../test-support.ts';
import { describeAccessStoreContract } from './access-store.contract.ts';
import { createSqliteAccessStore } from './sqlite-access-store.ts';

describeAccessStoreContract('SQLite', async () => {
  const temporary = openTemporaryDatabase();
  return { store: createSqliteAccessStore(createRepositories(temporary.database)), close: async () => temporary.cleanup() };
});
