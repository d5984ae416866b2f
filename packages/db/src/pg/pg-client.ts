import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { pgSchema } from './pg-schema.ts';

/** Drizzle over a Postgres pool, with the Tandem schema. */
export type PgDrizzleDatabase = NodePgDatabase<typeof pgSchema>;

/** An open Tandem database on Postgres: a connection pool shared by the process's repositories. */
export interface TandemPostgres {
  readonly db: PgDrizzleDatabase;
  readonly pool: pg.Pool;
  /** The connection string (with its password). Never log it. */
  readonly url: string;
  /** Ends the pool. Idempotent. */
  close(): Promise<void>;
}

/** Options of {@link openPostgres}. */
export interface OpenPostgresOptions {
  /** Connections in the pool (default 10). */
  maxConnections?: number;
  /** Applies pending migrations first (default true). */
  migrate?: boolean;
}

/** Where the committed Postgres migrations live (`packages/db/drizzle-pg`). */
export const pgMigrationsFolder = fileURLToPath(new URL('../../drizzle-pg', import.meta.url));

/** The advisory lock key every Tandem process takes while migrating (any constant shared by all of them). */
const migrationLockKey = 0x74616e64; // "tand"

const int8Oid = 20;

/**
 * `bigint` columns hold milliseconds since the epoch, well inside the exact range of a JS number:
 * they are read as numbers, not the strings node-postgres gives by default.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === int8Oid ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** A pool with Tandem's type parsers; `application_name` shows up in `pg_stat_activity`. */
export function createPgPool(url: string, maxConnections = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types, application_name: 'tandem' });
  // An idle client losing its connection (server restart) must not crash the process; the pool replaces it.
  pool.on('error', (error) => console.error('Postgres connection error', error.message));
  return pool;
}

/**
 * Opens a pool on `url` and applies pending migrations under a session advisory lock, so that when
 * several web nodes and workers start at once exactly one migrates and the others wait, then find
 * nothing left to do.
 */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<TandemPostgres> {
  const pool = createPgPool(url, options.maxConnections ?? 10);
  try {
    if (options.migrate ?? true) await migrateUnderLock(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  let closed = false;
  return {
    db: drizzle({ client: pool, schema: pgSchema }),
    pool,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * Runs `work` while holding the session advisory lock `key` on a connection of `pool`: processes that start
 * together do such work (migrations, a queue's schema) one after the other.
 */
export async function withAdvisoryLock<T>(pool: pg.Pool, key: number, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    client.release();
  }
}

async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  await withAdvisoryLock(pool, migrationLockKey, (client) => migrate(drizzle({ client }), { migrationsFolder: pgMigrationsFolder }));
}
