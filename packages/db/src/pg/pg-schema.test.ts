import { getTableConfig as getPgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../client.ts';
import { schema } from '../schema.ts';
import { openPostgres, type TandemPostgres } from './pg-client.ts';
import { pgSchema } from './pg-schema.ts';
import { createTemporaryPostgres, testPostgresUrl, type TemporaryPostgres } from './pg-test-support.ts';

/** A dialect-neutral outline of a table: what must match between SQLite and Postgres. */
interface TableOutline {
  columns: Record<string, { notNull: boolean; hasDefault: boolean }>;
  primaryKey: string[];
  indexes: string[];
  references: string[];
}

function outline(config: ReturnType<typeof getSqliteTableConfig> | ReturnType<typeof getPgTableConfig>): TableOutline {
  const columns: TableOutline['columns'] = {};
  for (const column of config.columns) columns[column.name] = { notNull: column.notNull, hasDefault: column.hasDefault };
  const primaryKey = [
    ...config.columns.filter((column) => column.primary).map((column) => column.name),
    ...config.primaryKeys.flatMap((key) => key.columns.map((column) => column.name)),
  ];
  const indexes = config.indexes.map((index) => index.config.name ?? '(unnamed)').sort();
  const references = config.foreignKeys
    .map((key) => {
      const { columns: from, foreignColumns } = key.reference();
      return `${from.map((c) => c.name).join(',')}->${foreignColumns.map((c) => c.name).join(',')}`;
    })
    .sort();
  return { columns, primaryKey, indexes, references };
}

const sqliteTables = new Map(Object.values(schema).map((table) => [getSqliteTableConfig(table as SQLiteTable).name, table as SQLiteTable]));
const pgTables = new Map(Object.values(pgSchema).map((table) => [getPgTableConfig(table as PgTable).name, table as PgTable]));

describe('the Postgres schema mirrors the SQLite schema', () => {
  it('has the same tables', () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
  });

  it.each([...sqliteTables.keys()])('table %s has the same columns, keys and indexes', (name) => {
    const sqliteTable = sqliteTables.get(name)!;
    const pgTable = pgTables.get(name);
    expect(pgTable, `table ${name} is missing from pg-schema.ts`).toBeDefined();
    expect(outline(getPgTableConfig(pgTable!))).toEqual(outline(getSqliteTableConfig(sqliteTable)));
  });
});

const serverUrl = testPostgresUrl();

describe.skipIf(!serverUrl)('the migrations of both dialects create the same tables and columns', () => {
  let temporary: TemporaryPostgres;
  let postgres: TandemPostgres;
  beforeAll(async () => {
    temporary = await createTemporaryPostgres(serverUrl!);
    postgres = await openPostgres(temporary.url);
  });
  afterAll(async () => {
    await postgres?.close();
    await temporary?.drop();
  });

  it('lists the same columns, with the same nullability, in every table', async () => {
    const sqlite = openDatabase(':memory:');
    try {
      const sqliteColumns = new Map<string, string[]>();
      const tableNames = sqlite.sqlite
        .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
        .pluck()
        .all();
      for (const table of tableNames) {
        const columns = sqlite.sqlite.prepare<[], { name: string; notnull: number; pk: number }>(`PRAGMA table_info(${table})`).all();
        // SQLite reports primary key columns of rowid tables as nullable; they are not.
        sqliteColumns.set(table, columns.map((column) => `${column.name}${column.notnull || column.pk ? ' not null' : ''}`).sort());
      }
      const { rows } = await postgres.pool.query<{ table_name: string; column_name: string; is_nullable: string }>(
        `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
      );
      const pgColumns = new Map<string, string[]>();
      for (const row of rows) {
        const list = pgColumns.get(row.table_name) ?? [];
        list.push(`${row.column_name}${row.is_nullable === 'NO' ? ' not null' : ''}`);
        pgColumns.set(row.table_name, list);
      }
      for (const list of pgColumns.values()) list.sort();
      expect(Object.fromEntries([...pgColumns].sort())).toEqual(Object.fromEntries([...sqliteColumns].sort()));
    } finally {
      sqlite.close();
    }
  });

  it('migrates once when several processes start together (advisory lock)', async () => {
    const fresh = await createTemporaryPostgres(serverUrl!);
    try {
      // Without the lock, the losers of the race fail on tables that already exist.
      const opened = await Promise.all([1, 2, 3, 4].map(() => openPostgres(fresh.url, { maxConnections: 2 })));
      const { rows } = await opened[0]!.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations');
      await Promise.all(opened.map((handle) => handle.close()));
      expect(rows[0]!.count).toBe(1);
    } finally {
      await fresh.drop();
    }
  });
});
