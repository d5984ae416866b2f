import { openTemporaryDatabase } from '../test-support.ts';
import { describeRunHistoryContract } from './run-history.contract.ts';
import { describeRunStoreContract } from './run-store.contract.ts';
import { createSqliteRunStore } from './sqlite-run-store.ts';

const open = async () => {
  const temporary = openTemporaryDatabase();
  return { store: createSqliteRunStore(temporary.database), close: async () => temporary.cleanup() };
};

describeRunStoreContract('SQLite', open);
describeRunHistoryContract('SQLite', open);
