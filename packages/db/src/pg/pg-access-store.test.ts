import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAccessStoreContract } from '../access-store/access-store.contract.ts';
import { createPgAccessStore } from './pg-access-store.ts';
import { openPostgres } from './pg-client.ts';
import { createTemporaryPostgres, testPostgresUrl, type TemporaryPostgres } from './pg-test-support.ts';

const serverUrl = testPostgresUrl();
const accessTables = 'users, sessions, api_keys, audit_log, settings, rate_limits';

describe.skipIf(!serverUrl)('Postgres access store', () => {
  let temporary: TemporaryPostgres;
  beforeAll(async () => {
    temporary = await createTemporaryPostgres(serverUrl!);
  });
  afterAll(async () => {
    await temporary?.drop();
  });

  describeAccessStoreContract('Postgres', async () => {
    const postgres = await openPostgres(temporary.url, { maxConnections: 4 });
    // Each test starts from empty tables (the migrations stay).
    await postgres.pool.query(`TRUNCATE ${accessTables} RESTART IDENTITY CASCADE`);
    return { store: createPgAccessStore(postgres), close: () => postgres.close() };
  });

  describe('shared by several processes', () => {
    it('counts sign-in failures and records key uses from two pools over one database', async () => {
      const [first, second] = await Promise.all([openPostgres(temporary.url, { maxConnections: 4 }), openPostgres(temporary.url, { maxConnections: 4 })]);
      try {
        await first.pool.query(`TRUNCATE ${accessTables} RESTART IDENTITY CASCADE`);
        const [a, b] = [createPgAccessStore(first), createPgAccessStore(second)];
        // Twenty hits at once, half through each process: none is lost.
        await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? a : b).signInCounters.hit('sign-in:account:x', 60_000, 1000)));
        expect(await a.signInCounters.peek('sign-in:account:x', 60_000, 2000)).toEqual({ count: 20, resetsAt: 61_000 });
        await a.apiKeys.create({ id: 'k', name: 'shared', prefix: 'tdm_s', keyHash: 'h', scopes: ['runs'] });
        await b.apiKeys.markUsed('k', 5000);
        // A node recording an older use later does not move the time back.
        await a.apiKeys.markUsed('k', 4000);
        expect(await a.apiKeys.findActiveByHash('h')).toMatchObject({ lastUsedAt: 5000 });
        await b.apiKeys.revoke('k');
        expect(await a.apiKeys.findActiveByHash('h')).toBeUndefined();
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });
  });
});
