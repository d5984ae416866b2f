import { createHash } from 'node:crypto';
import type { SqliteConnection } from '../client.ts';

/** Strings at least this long are stored once, in `blobs`, and referenced where they appear. */
export const blobThresholdChars = 8 * 1024;

// A stored reference: a string no JSON producer writes by accident (it starts with a NUL character).
const markerPrefix = '\u0000blob:';
const markerPattern = /^\u0000blob:[0-9a-f]{64}$/;
const escapedMarker = '\\u0000blob:';
const cacheSize = 64;

/**
 * Stores each large string once. A run's prompt is in its inputs, in its `run.started` event, in the
 * input step's output and in the first model call's record: written as JSON through this store, the
 * same text becomes one `blobs` row (keyed by its SHA-256) and references in the others. Readers get
 * the original values back.
 */
export interface BlobStore {
  /** JSON text of a value, with its large strings stored as blobs and referenced. */
  stringify(value: unknown): string;
  /** Parses JSON text written by `stringify`, restoring referenced strings. */
  parse(text: string): unknown;
  /** Restores referenced strings in a value parsed elsewhere (e.g. by the query builder). */
  restore<T>(value: T): T;
}

const stores = new WeakMap<SqliteConnection, BlobStore>();

/** The blob store of a connection (one per connection, shared by the repositories over it). */
export function blobStoreOf(sqlite: SqliteConnection): BlobStore {
  let store = stores.get(sqlite);
  if (!store) stores.set(sqlite, (store = createBlobStore(sqlite)));
  return store;
}

export function createBlobStore(sqlite: SqliteConnection): BlobStore {
  const insert = sqlite.prepare<[string, string, number]>('INSERT INTO blobs (hash, text, created_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING');
  const select = sqlite.prepare<[string], string>('SELECT text FROM blobs WHERE hash = ?').pluck();
  const recent = new Map<string, string>();

  const store = (text: string): string => {
    const hash = createHash('sha256').update(text).digest('hex');
    if (!recent.has(hash)) insert.run(hash, text, Date.now());
    remember(hash, text);
    return markerPrefix + hash;
  };
  const remember = (hash: string, text: string) => {
    recent.delete(hash);
    recent.set(hash, text);
    if (recent.size > cacheSize) recent.delete(recent.keys().next().value!);
  };
  const load = (marker: string): string => {
    const hash = marker.slice(markerPrefix.length);
    const cached = recent.get(hash);
    if (cached !== undefined) return cached;
    const text = select.get(hash);
    if (text === undefined) return marker;
    remember(hash, text);
    return text;
  };
  const replaceLarge = (_key: string, value: unknown) => (typeof value === 'string' && value.length >= blobThresholdChars ? store(value) : value);
  const restoreMarker = (_key: string, value: unknown) => (typeof value === 'string' && markerPattern.test(value) ? load(value) : value);

  return {
    stringify(value) {
      const text = JSON.stringify(value ?? {});
      // Only text that is large as a whole can hold a large string: small events take the fast path, and
      // large ones made of many small strings (a critique's rounds) are not serialised a second time.
      return text.length < blobThresholdChars || !holdsLargeString(value) ? text : JSON.stringify(value ?? {}, replaceLarge);
    },
    parse(text) {
      return text.includes(escapedMarker) ? JSON.parse(text, restoreMarker) : JSON.parse(text);
    },
    restore(value) {
      return restoreDeep(value, load);
    },
  };
}

/** True when `value` holds a string of {@link blobThresholdChars} or more, at any depth. */
function holdsLargeString(value: unknown): boolean {
  if (typeof value === 'string') return value.length >= blobThresholdChars;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(holdsLargeString);
  for (const key in value) if (holdsLargeString((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** Restores references inside a value; parts without one are returned as they are (not copied). */
function restoreDeep<T>(value: T, load: (marker: string) => string): T {
  if (typeof value === 'string') return (markerPattern.test(value) ? load(value) : value) as T;
  if (value === null || typeof value !== 'object') return value;
  let copy: Record<string, unknown> | unknown[] | undefined;
  for (const [key, entry] of Object.entries(value)) {
    const restored = restoreDeep(entry, load);
    if (restored === entry) continue;
    copy ??= Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
    (copy as Record<string, unknown>)[key] = restored;
  }
  return (copy ?? value) as T;
}
