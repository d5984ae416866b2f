import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase } from './client.ts';
import { openTemporaryDatabase, type TemporaryDatabase } from './test-support.ts';

describe('openDatabase', () => {
  let temporary: TemporaryDatabase | undefined;
  afterEach(() => {
    temporary?.cleanup();
    temporary = undefined;
  });

  it('creates the parent directory and applies the migrations', () => {
    temporary = openTemporaryDatabase();
    expect(existsSync(temporary.path)).toBe(true);
    const tables = temporary.database.sqlite
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => row.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'pipelines',
        'pipeline_versions',
        'runs',
        'run_events',
        
        'waitpoints',
        'completion_cache',
        'settings',
        '__drizzle_migrations',
      ]),
    );
    const runEventsSql = temporary.database.sqlite
      .prepare<[], string>("SELECT sql FROM sqlite_master WHERE name = 'run_events'")
      .pluck()
      .get();
    expect(runEventsSql).toMatch(/WITHOUT ROWID/);
  });

  it('sets WAL, synchronous NORMAL, busy_timeout and foreign keys', () => {
    temporary = openTemporaryDatabase();
    const { sqlite } = temporary.database;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('honours synchronous FULL', () => {
    temporary = openTemporaryDatabase({ synchronous: 'FULL' });
    expect(temporary.database.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('reopens an existing file without re-running migrations', () => {
    temporary = openTemporaryDatabase();
    const reopened = temporary.reopen();
    const applied = reopened.sqlite.prepare<[], number>('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(applied).toBe(journal.entries.length);
  });

  it('opens an in-memory database', () => {
    const database = openDatabase(':memory:');
    expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    database.close();
    database.close();
  });

  it('writes a backup that opens as a database', async () => {
    temporary = openTemporaryDatabase();
    temporary.database.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('a', '1')").run();
    const backupPath = `${temporary.path}.backup`;
    await temporary.database.backup(backupPath);
    const copy = openDatabase(backupPath);
    expect(copy.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('a')).toBe('1');
    copy.close();
    temporary.database.checkpoint();
  });
});
