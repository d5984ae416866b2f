import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTemporaryDatabase, type TemporaryDatabase } from '../test-support.ts';
import { createCacheRepository } from './cache-repository.ts';
import { createSettingsRepository } from './settings-repository.ts';

describe('completion cache and settings', () => {
  let temporary: TemporaryDatabase;
  beforeEach(() => {
    temporary = openTemporaryDatabase();
  });
  afterEach(() => temporary.cleanup());

  it('round-trips cached completions and counts hits', async () => {
    const cache = createCacheRepository(temporary.database);
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('k', { text: 'hello', usage: { inputTokens: 3, outputTokens: 1 } });
    expect(await cache.get('k')).toEqual({ text: 'hello', usage: { inputTokens: 3, outputTokens: 1 }, costUsd: 0 });
    await cache.set('k', { text: 'again', usage: { inputTokens: 4, outputTokens: 2 } });
    expect(await cache.get('k')).toEqual({ text: 'again', usage: { inputTokens: 4, outputTokens: 2 }, costUsd: 0 });
    const hits = temporary.database.sqlite.prepare("SELECT hits FROM completion_cache WHERE key = 'k'").pluck().get();
    expect(hits).toBe(2);

    const reopened = createCacheRepository(temporary.reopen());
    expect((await reopened.get('k'))?.text).toBe('again');
  });

  it('stores settings as JSON values', () => {
    const settings = createSettingsRepository(temporary.database);
    expect(settings.get('http.allowList')).toBeUndefined();
    settings.set('http.allowList', ['api.example.com']);
    settings.set('orchestration', { enabled: true, rounds: 2 });
    settings.set('orchestration', { enabled: false, rounds: 3 });
    expect(settings.get<string[]>('http.allowList')).toEqual(['api.example.com']);
    expect(settings.get('orchestration')).toEqual({ enabled: false, rounds: 3 });
    expect(settings.delete('http.allowList')).toBe(true);
    expect(settings.delete('http.allowList')).toBe(false);
    expect(() => settings.set('x', undefined)).toThrow(TypeError);
  });
});
