/**
 * Test helpers for Postgres: a fresh schema per test file on the server named by
 * `TANDEM_TEST_DATABASE_URL` (scripts/start-test-postgres.sh starts one). Without the variable the
 * Postgres tests are skipped locally and fail on CI (`CI=true`). Not exported from the package entry point.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test server's URL, or undefined when the Postgres tests should be skipped. Throws on CI without one. */
export function testPostgresUrl(): string | undefined {
  const url = process.env.TANDEM_TEST_DATABASE_URL;
  if (url) return url;
  if (process.env.CI === 'true') {
    throw new Error('TANDEM_TEST_DATABASE_URL is not set: CI runs the Postgres tests (scripts/start-test-postgres.sh starts a server)');
  }
  console.warn('Postgres tests skipped: set TANDEM_TEST_DATABASE_URL (eval "$(bash scripts/start-test-postgres.sh)")');
  return undefined;
}

/** A database of its own on the test server, dropped by `drop()`. */
export interface TemporaryPostgres {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database with a random name next to the one `serverUrl` names. */
export async function createTemporaryPostgres(serverUrl: string): Promise<TemporaryPostgres> {
  const name = `tandem_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
