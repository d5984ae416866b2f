import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { StudioError } from '@tandem/shared';
import { schema } from './schema.ts';

/** The drizzle database type over the Tandem schema. */
export type DrizzleDatabase = BetterSQLite3Database<typeof schema>;

/** The raw better-sqlite3 connection. */
export type SqliteConnection = BetterSqlite3.Database;

/** An open Tandem database: one writer connection shared by every repository. */
export interface TandemDatabase {
  /** Drizzle over `sqlite`, with the Tandem schema. */
  readonly db: DrizzleDatabase;
  /** The better-sqlite3 connection (prepared statements on hot paths). */
  readonly sqlite: SqliteConnection;
  /** The file path, or `:memory:`. */
  readonly path: string;
  /** Folds the WAL back into the database file (`wal_checkpoint(TRUNCATE)`); call when idle or when the WAL is large. */
  checkpoint(): void;
  /** Writes a consistent copy with the online backup API (never copy the file of a live database). */
  backup(destinationPath: string): Promise<void>;
  /** Closes the connection. Idempotent. */
  close(): void;
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /**
   * `NORMAL` (default): in WAL mode every commit is durable across application crashes (kill -9),
   * and the database is never corrupted, but the last commits may roll back after a power loss or
   * an OS crash. `FULL` syncs the WAL on every commit, which makes commits survive power loss too,
   * at the cost of one fsync per transaction (RELIABILITY.md §5).
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** Runs `PRAGMA quick_check` after opening and refuses a damaged file. Default true. */
  quickCheck?: boolean;
}

/**
 * better-sqlite3, or the copy at `TANDEM_SQLITE_MODULE`. CI's Node 24 run points it at
 * better-sqlite3 13 (Node-API): the 12.x addon this workspace pins for Node 20 aborts the process
 * under Node 24 when a statement is collected (docs/decisions/0014). Same API for what is used here.
 */
function loadDriver(): typeof BetterSqlite3 {
  const modulePath = process.env.TANDEM_SQLITE_MODULE;
  if (!modulePath) return BetterSqlite3;
  return createRequire(import.meta.url)(modulePath) as typeof BetterSqlite3;
}

/** Where the committed migrations live, relative to this module (`packages/db/drizzle`). */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Opens (creating if needed) the SQLite database at `path`, applies the connection settings, asserts
 * them (RELIABILITY.md §6 F1) and runs the pending migrations in one transaction.
 * Throws StudioError INTERNAL when the file is damaged or a setting does not take.
 *
 * `TANDEM_SQLITE_MODULE`, when set, names another build of better-sqlite3 to use (see {@link loadDriver}).
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): TandemDatabase {
  const inMemory = path === ':memory:';
  const filePath = inMemory ? path : resolve(path);
  if (!inMemory) mkdirSync(dirname(filePath), { recursive: true });

  const Driver = loadDriver();
  const sqlite = new Driver(filePath, { timeout: 5000 });
  try {
    configureConnection(sqlite, { inMemory, synchronous: options.synchronous ?? 'NORMAL' });
    if (!inMemory && (options.quickCheck ?? true)) assertIntact(sqlite);
    const db = drizzle({ client: sqlite, schema });
    migrate(db, { migrationsFolder });
    return createHandle(db, sqlite, filePath);
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function configureConnection(
  sqlite: SqliteConnection,
  settings: { inMemory: boolean; synchronous: 'NORMAL' | 'FULL' },
): void {
  // 8 KiB pages suit the trace's rows (often 1–3 KB of prompt and output): about a fifth less work per
  // appended step than 4 KiB (bench/). It applies to new files only; existing ones keep their page size.
  sqlite.pragma('page_size = 8192');
  // WAL: readers never block the writer and a commit is a single append to the -wal file.
  sqlite.pragma('journal_mode = WAL');
  // See OpenDatabaseOptions.synchronous for the durability trade-off.
  sqlite.pragma(`synchronous = ${settings.synchronous}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');

  const journalMode = String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase();
  const expectedJournalMode = settings.inMemory ? 'memory' : 'wal';
  const synchronous = Number(sqlite.pragma('synchronous', { simple: true }));
  const busyTimeout = Number(sqlite.pragma('busy_timeout', { simple: true }));
  const foreignKeys = Number(sqlite.pragma('foreign_keys', { simple: true }));
  const expectedSynchronous = settings.synchronous === 'FULL' ? 2 : 1;
  if (
    journalMode !== expectedJournalMode ||
    synchronous !== expectedSynchronous ||
    busyTimeout < 5000 ||
    foreignKeys !== 1
  ) {
    throw new StudioError('INTERNAL', 'The SQLite connection settings did not take effect', {
      details: { journalMode, synchronous, busyTimeout, foreignKeys },
    });
  }
}

function assertIntact(sqlite: SqliteConnection): void {
  const result = sqlite.pragma('quick_check', { simple: true });
  if (result !== 'ok') {
    throw new StudioError('INTERNAL', 'The database file failed PRAGMA quick_check', { details: { result } });
  }
}

function createHandle(db: DrizzleDatabase, sqlite: SqliteConnection, path: string): TandemDatabase {
  return {
    db,
    sqlite,
    path,
    checkpoint() {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    },
    async backup(destinationPath: string) {
      mkdirSync(dirname(resolve(destinationPath)), { recursive: true });
      await sqlite.backup(destinationPath);
    },
    close() {
      if (sqlite.open) sqlite.close();
    },
  };
}
