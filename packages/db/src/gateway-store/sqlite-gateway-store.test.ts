import { openTemporaryDatabase } from '../test-support.ts';
import { describeGatewayStoreContract } from './gateway-store.contract.ts';
import { createSqliteGatewayStore } from './sqlite-gateway-store.ts';

describeGatewayStoreContract('SQLite with sqlite-vec', async (now) => {
  const temporary = openTemporaryDatabase();
  return { store: createSqliteGatewayStore(temporary.database, { now }), close: async () => temporary.cleanup() };
});

describeGatewayStoreContract('SQLite, brute-force vectors', async (now) => {
  const temporary = openTemporaryDatabase();
  return { store: createSqliteGatewayStore(temporary.database, { now, vectorSearch: 'brute-force' }), close: async () => temporary.cleanup() };
});
